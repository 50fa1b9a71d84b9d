import {
  areaKm2,
  changeBetween,
  classGeometry,
  judge,
  judgeCount,
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
import { loadClaims, loadSettlementClaims } from '../claims.ts';
import { loadSettlements } from '../geodata.ts';
import { EXIT, type Command } from '../io.ts';
import { km2, meta, metaComment } from '../meta.ts';
import { sourceFrom } from '../openSource.ts';
import { progress } from '../progress.ts';

interface Result {
  claim: Claim;
  check?: ClaimCheck;
  snapshots?: [string, string];
  unavailable?: string;
}

export const checkCommand: Command = {
  summary: 'every reported figure in geodata/reported-figures.json against the figure computed from a source',
  usage:
    'frontline check --source deepstate-api|archive|folder [--data DIR_OR_URL] [--format table|json|csv]',
  async run(argv, io) {
    const { values } = parse(argv, { ...SOURCE_OPTIONS, format: { type: 'string' } });
    const format = oneOf('format', values.format, ['table', 'json', 'csv'] as const, 'table');
    const source = sourceFrom(values, io);
    const { versions } = await source.listVersions();
    const claims = loadClaims((w) => io.stderr(`warning: ${w}\n`));
    const settlementClaims = loadSettlementClaims((w) => io.stderr(`warning: ${w}\n`));
    const dates = [
      ...new Set([...claims, ...settlementClaims].flatMap((c) => [c.period.from, c.period.to])),
    ].sort();
    // Each date is loaded once; a date the source can't answer makes only its claims unavailable.
    const snapshots = new Map<string, Snapshot | string>();
    const bar = progress(io, dates.length, 'loading snapshots');
    for (const date of dates) {
      try {
        snapshots.set(date, (await snapshotAt(source, versions, date)).snapshot);
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        snapshots.set(date, err.message);
      }
      bar.tick(date);
    }
    bar.done();
    const results: Result[] = claims.map((claim) => {
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
    // Settlement counts (issue #12): the gazetteer's places whose point changed sides over the claim's period.
    const places = settlementClaims.length ? loadSettlements() : [];
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
    const m = meta(source, []);
    const flat = results.map((r) => ({
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
    }));
    if (format === 'json')
      io.stdout(
        JSON.stringify(
          { meta: m, checks: flat, settlementChecks, settlementCaveat: SETTLEMENT_COUNT_CAVEAT },
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
      const comment = settlementChecks.length
        ? `${metaComment(m)}; settlement counts: ${SETTLEMENT_COUNT_CAVEAT}`
        : metaComment(m);
      io.stdout(toCsv(header, rows, comment));
    } else {
      const lines = flat.map((f) =>
        [
          f.id.padEnd(28),
          f.period.padEnd(22),
          f.metric.padEnd(14),
          String(f.reportedKm2).padStart(8),
          (f.computedKm2 === null ? '—' : f.computedKm2.toFixed(1)).padStart(10),
          (f.deviationPct === null
            ? ''
            : `${f.deviationPct > 0 ? '+' : ''}${f.deviationPct.toFixed(1)}%`
          ).padStart(8),
          `  ${f.verdict}`,
        ].join(' '),
      );
      const head = [
        'claim'.padEnd(28),
        'period'.padEnd(22),
        'metric'.padEnd(14),
        'reported'.padStart(8),
        'computed'.padStart(10),
        'dev.'.padStart(8),
        '  verdict',
      ].join(' ');
      io.stdout(
        `Source: ${source.id} (${source.location}); area model: ${m.areaModel}\n${head}\n${lines.join('\n')}\n`,
      );
      if (settlementChecks.length) {
        const rows = settlementChecks.map((f) =>
          [
            f.id.padEnd(28),
            f.period.padEnd(22),
            f.direction.padEnd(14),
            String(f.reportedCount).padStart(8),
            (f.computedCount === null ? '—' : String(f.computedCount)).padStart(10),
            (f.deviationPct === null
              ? ''
              : `${f.deviationPct > 0 ? '+' : ''}${f.deviationPct.toFixed(1)}%`
            ).padStart(8),
            `  ${f.verdict}`,
          ].join(' '),
        );
        const head2 = [
          'settlement claim'.padEnd(28),
          'period'.padEnd(22),
          'places'.padEnd(14),
          'reported'.padStart(8),
          'computed'.padStart(10),
          'dev.'.padStart(8),
          '  verdict',
        ].join(' ');
        io.stdout(`\n${head2}\n${rows.join('\n')}\nNote: ${SETTLEMENT_COUNT_CAVEAT}\n`);
      }
    }
    return EXIT.ok;
  },
};
