/**
 * `frontline publish` (issue #17): a folder that any static file server, object store or CDN serves as the whole app,
 * with no proxy and no Vite. It holds the built app (dist/, hashed assets) and the data it reads, at the same paths
 * the app asks its own server for (`/api/deepstate/…`, `/api/archive/…`), so the app runs unchanged:
 * - the snapshots of the date range, mirrored and validated by `frontline sync` (src/sources/node/syncMirror.ts); each file
 *   is named by its version id or day, which never changes once published, so it is served as immutable;
 * - the version list (`history/public`, only the versions published here) or the archive's `_index.json`;
 * - `data/history-day.<hash>.json`: `frontline history --step day --format json --length` over the range,
 *   content-hashed; the app draws its area and length charts from it (src/ui/published.ts);
 * - `data/index.json`: what was published, when, by which tool version, and every data file with its SHA-256;
 * - `_headers`: the cache rules (Netlify / Cloudflare Pages syntax; docs/deployment.md gives them for others).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isoDate, oneOf, parse, SOURCE_OPTIONS, UsageError } from '../args.ts';
import { EXIT, type CliIo, type Command } from '../io.ts';
import { TOOL_VERSION } from '../meta.ts';
import { defaultLocation } from '../openSource.ts';
import { packageRoot } from '../shipped.ts';
import { historyCommand } from './history.ts';
import { syncCommand } from './sync.ts';

/** Where the app reads each source (src/ui/browserSources.ts), under the published folder. */
const MOUNTS = { 'deepstate-api': 'api/deepstate', archive: 'api/archive' } as const;

/** The index of a publication, `data/index.json`. */
export interface PublishIndex {
  tool: 'frontline';
  toolVersion: string;
  generatedAt: string;
  source: keyof typeof MOUNTS;
  from: string;
  to: string;
  /** Paths relative to the folder. */
  history: string;
  files: { path: string; sha256: string; bytes: number }[];
}

export const PUBLISH_INDEX = 'data/index.json';
const PUBLISH_MARK = '.frontline-publish';

/** Cache rules for hosts that read a `_headers` file; see docs/deployment.md. */
const HEADERS = `# Cache rules written by frontline publish (Netlify / Cloudflare Pages syntax).
# See docs/deployment.md.
/assets/*
  Cache-Control: public, max-age=31536000, immutable
/data/history-day.*
  Cache-Control: public, max-age=31536000, immutable
/api/archive/deepstatemap_data_*
  Cache-Control: public, max-age=31536000, immutable
/api/deepstate/history/*
  Cache-Control: public, max-age=31536000, immutable
/api/deepstate/history/public
  Cache-Control: public, max-age=300
/api/archive/_index.json
  Cache-Control: public, max-age=300
/data/index.json
  Cache-Control: public, max-age=300
/
  Cache-Control: public, max-age=300
/index.html
  Cache-Control: public, max-age=300
`;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Every file under a folder, as paths relative to it with `/`. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((n) => statSync(join(dir, n)).isFile())
    .map((n) => n.split(sep).join('/'))
    .sort();
}

/** A command's output, captured; stderr passes through. */
function capture(io: CliIo): { io: CliIo; out: () => string } {
  let out = '';
  return { io: { ...io, stdout: (t) => void (out += t) }, out: () => out };
}

export const publishCommand: Command = {
  summary: 'write the app and the data of a date range into a folder any static server or CDN serves',
  usage:
    'frontline publish --source deepstate-api|archive [--data URL_OR_DIR] --from YYYY-MM-DD --to YYYY-MM-DD ' +
    '--out DIR [--app DIR]\n\n' +
    'DIR gets the built app and, at the paths the app reads, every snapshot of the range (validated), the\n' +
    'version list, a precomputed daily history (data/history-day.<hash>.json) and data/index.json. Serve DIR\n' +
    'with any static file server; cache rules are in DIR/_headers and docs/deployment.md. DIR must be empty\n' +
    'or an earlier publication.\n' +
    'For an archive publication, open /?source=archive.',
  async run(argv, io) {
    const { values } = parse(argv, {
      ...SOURCE_OPTIONS,
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      app: { type: 'string' },
    });
    if (values.source === undefined) throw new UsageError('--source is required: deepstate-api or archive');
    const source = oneOf('source', values.source, ['deepstate-api', 'archive'] as const, 'archive');
    const from = isoDate('from', values.from);
    const to = isoDate('to', values.to);
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    if (!values.out) throw new UsageError('--out DIR is required: the folder to publish into');
    const out = resolve(values.out);
    const appDir = values.app ? resolve(values.app) : join(packageRoot(), 'dist');
    if (!existsSync(join(appDir, 'index.html'))) {
      throw new UsageError(
        `no built app in ${appDir} (index.html missing): run \`npm run build\` in the checkout, or give --app DIR`,
      );
    }
    // Nothing the user had is overwritten: only an empty folder, or one an earlier publish wrote.
    const ours = existsSync(join(out, PUBLISH_INDEX)) || existsSync(join(out, PUBLISH_MARK));
    if (existsSync(out) && readdirSync(out).length > 0 && !ours) {
      throw new UsageError(`--out ${out} is not empty and not an earlier publication: give an empty folder`);
    }
    mkdirSync(out, { recursive: true });
    // Marks the folder as ours from the start, so a publication cut short (a source failing) can be run again.
    writeFileSync(join(out, PUBLISH_MARK), 'written by frontline publish\n');

    // 1. The data, mirrored and validated by sync, where the app asks for it.
    const mount = join(out, ...MOUNTS[source].split('/'));
    const data = values.data ?? defaultLocation(source)!;
    const passOn = (name: 'timeout' | 'retries') => (values[name] ? [`--${name}`, values[name]] : []);
    const synced = await syncCommand.run(
      [
        '--source',
        source,
        '--data',
        data,
        '--from',
        from,
        '--to',
        to,
        '--step',
        'day',
        '--out',
        mount,
        ...passOn('timeout'),
        ...passOn('retries'),
      ],
      io,
    );
    if (synced !== EXIT.ok) {
      io.stderr(`frontline publish: the data of ${from} → ${to} could not all be had; nothing published\n`);
      return synced;
    }
    if (source === 'deepstate-api') {
      // sync keeps the full version list; a publication lists only the versions it holds, so none answers 404.
      const listFile = join(mount, 'history', 'public');
      const held = new Set(existsSync(join(mount, 'history')) ? readdirSync(join(mount, 'history')) : []);
      const list = JSON.parse(readFileSync(listFile, 'utf8')) as { id: number }[];
      writeFileSync(listFile, JSON.stringify(list.filter((v) => held.has(String(v.id)))));
    } else {
      const names = readdirSync(mount).filter((n) => /^deepstatemap_data_\d{8}\.geojson$/u.test(n));
      writeFileSync(join(mount, '_index.json'), JSON.stringify(names.sort()));
    }

    // 2. The daily history over the range, content-hashed.
    const history = capture(io);
    const code = await historyCommand.run(
      // With the front line's length: the app's length chart reads it too (src/ui/published.ts).
      [
        ...['--source', source, '--data', mount, '--from', from, '--to', to],
        ...['--step', 'day', '--format', 'json', '--length'],
      ],
      history.io,
    );
    if (code !== EXIT.ok) return code;
    const historyBytes = Buffer.from(history.out());
    mkdirSync(join(out, 'data'), { recursive: true });
    const historyPath = `data/history-day.${sha256(historyBytes).slice(0, 12)}.json`;
    writeFileSync(join(out, ...historyPath.split('/')), historyBytes);

    // 3. The app, and the host's cache rules.
    cpSync(appDir, out, { recursive: true });
    writeFileSync(join(out, '_headers'), HEADERS);

    // 4. The index: every data file with its hash.
    const files = filesUnder(join(out, 'api')).map((rel) => {
      const bytes = readFileSync(join(out, 'api', ...rel.split('/')));
      return { path: `api/${rel}`, sha256: sha256(bytes), bytes: bytes.length };
    });
    const index: PublishIndex = {
      tool: 'frontline',
      toolVersion: TOOL_VERSION,
      generatedAt: new Date().toISOString(),
      source,
      from,
      to,
      history: historyPath,
      files,
    };
    writeFileSync(join(out, PUBLISH_INDEX), JSON.stringify(index, null, 2) + '\n');
    const total = filesUnder(out).reduce((s, f) => s + statSync(join(out, ...f.split('/'))).size, 0);
    io.stderr(
      `published ${from} → ${to} of ${source} into ${relative(process.cwd(), out) || '.'}: ` +
        `${files.length} data files, ${(total / 2 ** 20).toFixed(1)} MB in all. ` +
        `Serve it with any static file server${source === 'archive' ? ' and open /?source=archive' : ''}.\n`,
    );
    return EXIT.ok;
  },
};
