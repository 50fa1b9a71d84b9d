/**
 * Issue #6's bad-input corpus, table-driven: every case in tests/fixtures/bad/ goes through the entry point its
 * folder names and must end as tests/fixtures/bad/expected.json says — an error or a warning whose message contains
 * the expected words, or a clean load — without throwing (the folder source throws only its SourceError, which is
 * its way of reporting) and without changing its input.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  archiveVersion,
  parseArchiveDay,
  parseDeepStateVersion,
  parseGeoJsonText,
  parseHistoryList,
  validateGeoJson,
  type ParseTextOptions,
  type Snapshot,
  type Version,
} from '../../src/core/index.ts';
import { SourceError } from '../../src/sources/fetchJson.ts';
import { createFolderSource, folderVersion } from '../../src/sources/node/folder.ts';
import { generatedFiles, millionVertexCollection } from '../fixtures/bad/generate.mjs';

const BAD = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));
const KINDS = ['folder', 'text', 'api-list', 'api-version', 'archive-day'] as const;
type Kind = (typeof KINDS)[number];

interface Expected {
  outcome: 'error' | 'warning' | 'ok';
  match?: string;
  options?: Pick<ParseTextOptions, 'maxBytes' | 'maxVertices'>;
  /** Made at run time (too big to commit); says what. */
  generated?: string;
}
const EXPECTED = (
  JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as { cases: Record<string, Expected> }
).cases;

/** Fixed clocks, so "in the future" does not depend on when the tests run. */
const TODAY = '2026-06-30';
const NOW = Date.parse(`${TODAY}T12:00:00Z`);
const API_VERSION: Version = { id: '1754077960', createdAt: '2025-08-01T19:52:40.000Z', date: '2025-08-01' };

interface Result {
  outcome: Expected['outcome'];
  messages: string[];
  snapshots: Snapshot[];
}

/** Runs one file or folder through the folder source, as `frontline … --source folder --data PATH` does. */
async function viaFolderSource(path: string, options: Expected['options'] = {}): Promise<Result> {
  const source = createFolderSource({ path, today: () => TODAY, ...options });
  const issues: string[] = [];
  const warnings: string[] = [];
  const snapshots: Snapshot[] = [];
  const reported = (err: unknown): void => {
    // The adapter's contract: a SourceError with a readable message; anything else is a crash.
    expect(err).toBeInstanceOf(SourceError);
    issues.push((err as Error).message);
  };
  try {
    const listed = await source.listVersions();
    warnings.push(...listed.warnings);
    // Nothing to load is a failure for the user: the warnings that skipped the files are the reasons.
    if (listed.versions.length === 0) issues.push(...listed.warnings);
    for (const v of listed.versions) {
      try {
        const snapshot = await source.loadVersion(v);
        snapshots.push(snapshot);
        warnings.push(...snapshot.warnings);
      } catch (err) {
        reported(err);
      }
    }
  } catch (err) {
    reported(err);
  }
  if (issues.length > 0) return { outcome: 'error', messages: issues, snapshots };
  return { outcome: warnings.length > 0 ? 'warning' : 'ok', messages: warnings, snapshots };
}

/** Text → parseGeoJsonText → the entry's parser; checks that the parsed value is not changed by the parser. */
function viaParsers(
  kind: Exclude<Kind, 'folder'>,
  label: string,
  text: string,
  options: Expected['options'] = {},
) {
  const first = parseGeoJsonText(text, {
    label,
    subject: kind === 'text' ? 'the file' : 'the answer',
    ...options,
  });
  if (!first.ok) return { outcome: 'error' as const, messages: first.issues, snapshots: [] };
  const before = structuredClone(first.value);
  const parsed =
    kind === 'text'
      ? validateGeoJson(first.value, { label })
      : kind === 'api-list'
        ? parseHistoryList(first.value, { now: NOW })
        : kind === 'api-version'
          ? parseDeepStateVersion(first.value, API_VERSION)
          : parseArchiveDay(first.value, archiveVersion('2025-08-15'));
  expect(first.value, 'the parser changed its input').toEqual(before);
  if (!parsed.ok) return { outcome: 'error' as const, messages: parsed.issues, snapshots: [] };
  const warnings = [...first.warnings, ...parsed.warnings];
  return {
    outcome: warnings.length > 0 ? ('warning' as const) : ('ok' as const),
    messages: warnings,
    snapshots: [],
  };
}

const sha = (path: string): string => {
  const h = createHash('sha256');
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .sort()
        .map((n) => join(path, n))
    : [path];
  for (const f of files) h.update(readFileSync(f));
  return h.digest('hex');
};

function checkOutcome(name: string, expected: Expected, result: Result): void {
  const shown = `${name} → ${result.outcome}:\n  ${result.messages.join('\n  ')}`;
  expect(result.outcome, shown).toBe(expected.outcome);
  for (const m of result.messages) {
    expect(typeof m, shown).toBe('string');
    expect(m.length, shown).toBeGreaterThan(0);
  }
  if (expected.outcome === 'ok') expect(result.messages, shown).toEqual([]);
  else {
    expect(result.messages.length, shown).toBeGreaterThan(0);
    expect(expected.match, `${name}: expected.json needs a "match"`).toBeTruthy();
    expect(result.messages.join('\n'), shown).toContain(expected.match);
  }
}

describe('the bad-input corpus (tests/fixtures/bad/)', () => {
  const onDisk = KINDS.flatMap((k) => readdirSync(join(BAD, k)).map((n) => `${k}/${n}`)).sort();
  const committed = Object.entries(EXPECTED).filter(([, e]) => !e.generated);
  const generated = Object.entries(EXPECTED).filter(([, e]) => e.generated);

  it('has at least 60 cases, each file with its expected outcome and each outcome with its file', () => {
    expect(Object.keys(EXPECTED).length).toBeGreaterThanOrEqual(60);
    expect(committed.map(([name]) => name).sort()).toEqual(onDisk);
    const outcomes = Object.values(EXPECTED).map((e) => e.outcome);
    for (const o of ['error', 'warning', 'ok'] as const) expect(outcomes).toContain(o);
  });

  it('holds exactly what generate.mjs writes (rebuild: node tests/fixtures/bad/generate.mjs)', () => {
    for (const [path, content] of Object.entries(generatedFiles())) {
      expect(readFileSync(join(BAD, path), 'utf8'), path).toBe(content);
    }
  });

  it.each(committed)('%s', async (name, expected) => {
    const kind = name.split('/')[0] as Kind;
    const path = join(BAD, name);
    const hash = sha(path);
    const result =
      kind === 'folder'
        ? await viaFolderSource(path, expected.options)
        : viaParsers(kind, name, readFileSync(path, 'utf8'), expected.options);
    checkOutcome(name, expected, result);
    expect(sha(path), 'the file was changed').toBe(hash);
    if (kind === 'folder' || kind === 'text') {
      // Every message names the file it is about.
      const file = basename(name);
      for (const m of result.messages.filter((m) => !m.includes('history list'))) {
        if (!statSync(path).isDirectory()) expect(m).toContain(file);
      }
    }
  });

  describe('made at run time (too big to commit)', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'frontline-bad-'));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    it('lists what it makes in expected.json', () => {
      expect(generated.map(([n]) => n).sort()).toEqual([
        'folder/million-vertices-2025-08-15.geojson',
        'folder/size-200-mb-2025-08-15.geojson',
      ]);
    });

    it('folder/million-vertices: a 1,000,000-vertex polygon loads, every vertex kept', async () => {
      const name = 'folder/million-vertices-2025-08-15.geojson';
      const file = join(tmp, basename(name));
      writeFileSync(file, millionVertexCollection(1_000_000));
      const result = await viaFolderSource(file);
      checkOutcome(name, EXPECTED[name]!, result);
      const g = result.snapshots[0]!.territories[0]!.geometry;
      expect(g.type === 'Polygon' && g.coordinates[0]!.length).toBe(1_000_001);
      rmSync(file);
    });

    it('folder/size-200-mb: a 200 MB file is refused from its size on disk, never read', async () => {
      const name = 'folder/size-200-mb-2025-08-15.geojson';
      const file = join(tmp, basename(name));
      // A sparse file: 200 MB long, next to nothing on disk or in memory.
      writeFileSync(file, '');
      truncateSync(file, 200_000_000);
      expect(statSync(file).size).toBe(200_000_000);
      const rssBefore = process.memoryUsage().rss;
      const result = await viaFolderSource(file);
      checkOutcome(name, EXPECTED[name]!, result);
      // Reading it would have taken 200 MB (more as a string); refusing it from its size takes nothing.
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100e6);
      rmSync(file);
    });
  });
});

describe('hostile content stays inert data', () => {
  it('feature names are kept as plain text, character for character', async () => {
    const { snapshots } = await viaFolderSource(join(BAD, 'folder/hostile-names-2025-08-15.geojson'));
    expect(snapshots[0]!.territories.map((t) => t.properties.name)).toEqual([
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      'javascript:alert(1)',
      "{{constructor.constructor('alert(1)')()}}",
    ]);
  });

  it('"__proto__" and "constructor" keys pollute no prototype', async () => {
    const { outcome } = await viaFolderSource(join(BAD, 'folder/proto-pollution-2025-08-15.geojson'));
    expect(outcome).toBe('ok');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('a bad file changes nothing loaded before', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'frontline-bad-folder-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('the good snapshot is untouched by loading a broken one from the same folder', async () => {
    cpSync(
      join(BAD, 'folder/duplicate-dates/2025-08-15-occupied.geojson'),
      join(tmp, 'good-2025-08-15.geojson'),
    );
    cpSync(join(BAD, 'folder/truncated-2025-08-15.geojson'), join(tmp, 'broken-2025-08-16.geojson'));
    cpSync(join(BAD, 'folder/bowtie-2025-08-15.geojson'), join(tmp, 'bowtie-2025-08-17.geojson'));
    const source = createFolderSource({ path: tmp, today: () => TODAY });
    const { versions } = await source.listVersions();
    expect(versions.map((v) => v.date)).toEqual(['2025-08-15', '2025-08-16', '2025-08-17']);
    const good = await source.loadVersion(folderVersion('2025-08-15'));
    const copy = structuredClone(good);
    await expect(source.loadVersion(folderVersion('2025-08-16'))).rejects.toThrow(
      /ends before the JSON is complete/u,
    );
    const repaired = await source.loadVersion(folderVersion('2025-08-17'));
    expect(repaired.warnings.join()).toContain('crosses itself');
    expect(good).toEqual(copy);
    // And loading it again gives the same snapshot.
    expect(await source.loadVersion(folderVersion('2025-08-15'))).toEqual(copy);
  });
});
