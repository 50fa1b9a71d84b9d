import {
  areaKm2,
  changeBetween,
  classGeometry,
  frontContext,
  frontLine,
  judge,
  judgeCount,
  judgeLength,
  placeClasses,
  changedPlaces,
  isRetaken,
  isTaken,
  SETTLEMENT_COUNT_CAVEAT,
  toCsv,
  type Claim,
  type ClaimCheck,
  type Snapshot,
} from '../../core/index.ts';
import { SourceError } from '../../sources/fetchJson.ts';
import { snapshotAt } from '../../sources/snapshotAt.ts';
import { oneOf, parse, SOURCE_OPTIONS } from '../args.ts';
import { loadClaims, loadLengthClaims, loadSettlementClaims } from '../claims.ts';
import { loadFrontOutline, loadOblasts, loadSettlements } from '../geodata.ts';
import { EXIT, type Command } from '../io.ts';
import { km2, meta, metaComment } from '../meta.ts';
import { sourceFrom } from '../openSource.ts';
import { progress } from '../progress.ts';
import { secondSourceFrom, WITH_OPTIONS } from '../secondSource.ts';
import type { CliIo } from '../io.ts';
import type { SnapshotSource } from '../../sources/types.ts';

interface Result {
  claim: Claim;
  check?: ClaimCheck;
  snapshots?: [string, string];
  unavailable?: string;
}

export const checkCommand: Command = {
  summary: 'every reported figure in geodata/reported-figures.json against the figure computed from a source',
  usage:
    'frontline check --source deepstate-api|archive|folder|owlmaps|arcgis [--data DIR_OR_URL] [--with S2 [--with-data D2]] ' +
    '[--format table|json|csv]',
  async run(argv, io) {
    const { values } = parse(argv, { ...SOURCE_OPTIONS, ...WITH_OPTIONS, format: { type: 'string' } });
    const format = oneOf('format', values.format, ['table', 'json', 'csv'] as const, 'table');
    const source = sourceFrom(values, io);
    const second = secondSourceFrom(values, io);
    const claims = loadClaims((w) => io.stderr(`warning: ${w}\n`));
    const results = await checkAll(source, claims, io);
    const withResults = second ? await checkAll(second, claims, io) : null;
    const settlementClaims = loadSettlementClaims((w) => io.stderr(`warning: ${w}\n`));
    // Settlement counts (issue #12): the gazetteer's places whose point changed sides over the claim's period.
    const places = settlementClaims.length ? loadSettlements() : [];
    const snapshots = await loadSnapshots(
      source,
      settlementClaims.flatMap((c) => [c.period.from, c.period.to]),
      io,
    );
    const settlementChecks = settlementClaims.map((claim) => {
      const a = snapshots.get(claim.period.from)!;
      const b = snapshots.get(claim.period.to)!;
      const period = `${claim.period.from}..${claim.period.to}`;
      const base = {
        id: claim.id,
        publisher: claim.publisher,
        publishedOn: claim.publishedOn,
        basis: claim.basis,
        period,
        direction: claim.direction,
        reportedCount: claim.valueCount,
        approximate: claim.approximate,
      };
      if (typeof a === 'string' || typeof b === 'string') {
        const why = typeof a === 'string' ? a : (b as string);
        return {
          ...base,
          snapshots: '',
          computedCount: null,
          deviationPct: null,
          verdict: `not computable: ${why}`,
        };
      }
      if (a.version.date === b.version.date) {
        const why = `both dates are answered by the ${a.version.date} snapshot (the source has nothing between)`;
        return {
          ...base,
          snapshots: '',
          computedCount: null,
          deviationPct: null,
          verdict: `not computable: ${why}`,
        };
      }
      const changed = changedPlaces(places, placeClasses(a, places), placeClasses(b, places));
      const count = changed.filter(claim.direction === 'taken' ? isTaken : isRetaken).length;
      const check = judgeCount(claim, count);
      return {
        ...base,
        snapshots: `${a.version.date}..${b.version.date}`,
        computedCount: count,
        deviationPct: km2(check.deviationPct),
        verdict: check.verdict,
      };
    });
    // Front-line lengths (issue #15), in km, each against the figure its registry entry names (compareWith).
    const lengthClaims = loadLengthClaims((w) => io.stderr(`warning: ${w}\n`));
    const lengthSnapshots = await loadSnapshots(
      source,
      lengthClaims.map((c) => c.date),
      io,
    );
    const front = lengthClaims.length ? frontContext(loadFrontOutline(), loadOblasts()) : null;
    const lengthChecks = lengthClaims.map((claim) => {
      const s = lengthSnapshots.get(claim.date)!;
      const base = {
        id: claim.id,
        publisher: claim.publisher,
        publishedOn: claim.publishedOn,
        basis: claim.basis,
        date: claim.date,
        metric: claim.metric,
        reportedKm: claim.valueKm,
        approximate: claim.approximate,
      };
      if (typeof s === 'string' || !front)
        return {
          ...base,
          snapshot: '',
          computedKm: null,
          deviationKm: null,
          deviationPct: null,
          verdict: `not computable: ${String(s)}`,
        };
      const check = judgeLength(claim, frontLine(classGeometry(s, 'occupied_all'), front)[claim.compareWith]);
      return {
        ...base,
        snapshot: s.version.date,
        computedKm: km2(check.computedKm),
        deviationKm: km2(check.deviationKm),
        deviationPct: km2(check.deviationPct),
        verdict: `${check.verdict} (${claim.words} vs our ${claim.compareWith})`,
      };
    });
    const m = meta(source, []);
    const flat = results.map((r, i) => ({
      id: r.claim.id,
      publisher: r.claim.publisher,
      publishedOn: r.claim.publishedOn,
      basis: r.claim.basis,
      period: `${r.claim.period.from}..${r.claim.period.to}`,
      snapshots: r.snapshots?.join('..') ?? '',
      metric: r.claim.metric,
      reportedKm2: r.claim.valueKm2,
      approximate: r.claim.approximate,
      computedKm2: r.check ? km2(r.check.computedKm2) : null,
      deviationKm2: r.check ? km2(r.check.deviationKm2) : null,
      deviationPct: r.check ? km2(r.check.deviationPct) : null,
      verdict: r.check?.verdict ?? `not computable: ${r.unavailable}`,
      // Issue #16: the same claim against a second assessment (`--with S2`).
      ...(second && withResults
        ? {
            withSource: second.id,
            withSnapshots: withResults[i]!.snapshots?.join('..') ?? '',
            withComputedKm2: withResults[i]!.check ? km2(withResults[i]!.check!.computedKm2) : null,
            withDeviationPct: withResults[i]!.check ? km2(withResults[i]!.check!.deviationPct) : null,
            withVerdict: withResults[i]!.check?.verdict ?? `not computable: ${withResults[i]!.unavailable}`,
          }
        : {}),
    }));
    if (format === 'json')
      io.stdout(
        JSON.stringify(
          {
            meta: m,
            checks: flat,
            settlementChecks,
            settlementCaveat: SETTLEMENT_COUNT_CAVEAT,
            // Lengths apart from areas, in their own unit (km).
            lengthChecks,
          },
          null,
          2,
        ) + '\n',
      );
    else if (format === 'csv') {
      const header = Object.keys(flat[0] ?? { id: '' });
      const cell = (v: unknown) =>
        v === null ? null : typeof v === 'boolean' ? String(v) : (v as string | number);
      const rows = flat.map((f) => Object.values(f).map(cell));
      // Settlement counts (issue #12): rows of their own, metric settlements_count, the counts in three more
      // columns (empty on the km² rows), the km² columns empty; the 500+ caveat in the comment line.
      if (settlementChecks.length) {
        header.push('direction', 'reportedCount', 'computedCount');
        for (const r of rows) r.push(null, null, null);
        for (const c of settlementChecks) {
          const byKey: Record<string, unknown> = {
            ...c,
            snapshots: c.snapshots,
            metric: 'settlements_count',
            reportedKm2: null,
            computedKm2: null,
            deviationKm2: null,
          };
          rows.push(header.map((k) => cell(byKey[k] ?? null)));
        }
      }
      // Front-line lengths (issue #15): rows of their own, metric front_line_km, the km figures in three more
      // columns (empty on the other rows), the km² columns empty.
      if (lengthChecks.length) {
        header.push('reportedKm', 'computedKm', 'deviationKm');
        for (const r of rows) r.push(null, null, null);
        for (const c of lengthChecks) {
          const byKey: Record<string, unknown> = {
            ...c,
            period: `${c.date}..${c.date}`,
            snapshots: c.snapshot ? `${c.snapshot}..${c.snapshot}` : '',
            reportedKm2: null,
            computedKm2: null,
            deviationKm2: null,
          };
          rows.push(header.map((k) => cell(byKey[k] ?? null)));
        }
      }
      const comment = settlementChecks.length
        ? `${metaComment(m)}; settlement counts: ${SETTLEMENT_COUNT_CAVEAT}`
        : metaComment(m);
      io.stdout(toCsv(header, rows, comment));
    } else {
      const lines = flat.map((f) =>
        tableRow([
          [f.id, 28],
          [f.period, 22],
          [f.metric, 14],
          [String(f.reportedKm2), -8],
          [f.computedKm2 === null ? '—' : f.computedKm2.toFixed(1), -10],
          [signedPct(f.deviationPct), -8],
          [`  ${f.verdict}`, 0],
          ...('withSource' in f
            ? [
                [
                  `| ${f.withSource}: ${f.withComputedKm2 === null || f.withComputedKm2 === undefined ? '—' : f.withComputedKm2.toFixed(1)}` +
                    (signedPct(f.withDeviationPct) ? ` (${signedPct(f.withDeviationPct)})` : '') +
                    ` ${f.withVerdict}`,
                  0,
                ] as const,
              ]
            : []),
        ]),
      );
      const head = tableRow([
        ['claim', 28],
        ['period', 22],
        ['metric', 14],
        ['reported', -8],
        ['computed', -10],
        ['dev.', -8],
        ['  verdict', 0],
      ]);
      io.stdout(
        `Source: ${source.id} (${source.location}); area model: ${m.areaModel}\n${head}\n${lines.join('\n')}\n`,
      );
      if (settlementChecks.length) {
        const rows = settlementChecks.map((f) =>
          tableRow([
            [f.id, 28],
            [f.period, 22],
            [f.direction, 14],
            [String(f.reportedCount), -8],
            [f.computedCount === null ? '—' : String(f.computedCount), -10],
            [signedPct(f.deviationPct), -8],
            [`  ${f.verdict}`, 0],
          ]),
        );
        const head2 = tableRow([
          ['settlement claim', 28],
          ['period', 22],
          ['places', 14],
          ['reported', -8],
          ['computed', -10],
          ['dev.', -8],
          ['  verdict', 0],
        ]);
        io.stdout(`\n${head2}\n${rows.join('\n')}\nNote: ${SETTLEMENT_COUNT_CAVEAT}\n`);
      }
      if (lengthChecks.length) {
        const rows = lengthChecks.map((f) =>
          tableRow([
            [f.id, 34],
            [f.date, 12],
            [String(f.reportedKm), -8],
            [f.computedKm === null ? '—' : f.computedKm.toFixed(1), -10],
            [signedPct(f.deviationPct), -8],
            [`  ${f.verdict}`, 0],
          ]),
        );
        const head3 = tableRow([
          ['front-line length claim', 34],
          ['date', 12],
          ['km', -8],
          ['computed', -10],
          ['dev.', -8],
          ['  verdict', 0],
        ]);
        io.stdout(`\n${head3}\n${rows.join('\n')}\n`);
      }
    }
    return EXIT.ok;
  },
};

/**
 * One line of the check's fixed-width tables: a positive width pads the cell on the right, a negative one on the left.
 * @example tableRow([['claim', 8], ['12', -4]]) // 'claim      12'
 */
function tableRow(cells: readonly (readonly [string, number])[]): string {
  return cells.map(([text, width]) => (width < 0 ? text.padStart(-width) : text.padEnd(width))).join(' ');
}

/** `+3.6%`, `-1.2%`, or '' for none. */
const signedPct = (p: number | null | undefined): string =>
  p === null || p === undefined ? '' : `${p > 0 ? '+' : ''}${p.toFixed(1)}%`;

/**
 * The snapshot of each date (each loaded once), or why the source can't answer it: such a date makes only its
 * claims unavailable.
 */
async function loadSnapshots(
  source: SnapshotSource,
  wanted: readonly string[],
  io: CliIo,
): Promise<Map<string, Snapshot | string>> {
  const snapshots = new Map<string, Snapshot | string>();
  if (!wanted.length) return snapshots;
  const { versions } = await source.listVersions();
  const dates = [...new Set(wanted)].sort();
  const bar = progress(io, dates.length, `loading snapshots from ${source.id}`);
  for (const date of dates) {
    try {
      // Days in Kyiv time, as DeepState counts its monthly figures (issue #13).
      snapshots.set(date, (await snapshotAt(source, versions, date, { days: 'kyiv' })).snapshot);
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      snapshots.set(date, err.message);
    }
    bar.tick(date);
  }
  bar.done();
  return snapshots;
}

/** Every claim against one source. */
async function checkAll(source: SnapshotSource, claims: readonly Claim[], io: CliIo): Promise<Result[]> {
  const snapshots = await loadSnapshots(
    source,
    claims.flatMap((c) => [c.period.from, c.period.to]),
    io,
  );
  return claims.map((claim) => {
    const a = snapshots.get(claim.period.from)!;
    const b = snapshots.get(claim.period.to)!;
    if (typeof a === 'string' || typeof b === 'string')
      return { claim, unavailable: typeof a === 'string' ? a : (b as string) };
    const snaps: [string, string] = [a.version.date, b.version.date];
    if (claim.metric === 'total_occupied')
      return { claim, check: judge(claim, areaKm2(classGeometry(b, claim.class))), snapshots: snaps };
    const change = changeBetween(classGeometry(a, claim.class), classGeometry(b, claim.class));
    return {
      claim,
      check: judge(claim, claim.metric === 'gross_gain' ? change.gainedKm2 : change.netKm2),
      snapshots: snaps,
    };
  });
}
