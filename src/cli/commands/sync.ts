/**
 * `frontline sync`: mirrors a date range of a public source into a local folder laid out like it, so the app
 * (`FRONTLINE_DEEPSTATE_API=DIR npm start`) and the CLI (`--data DIR`) work offline (issue #3). The work is done by
 * src/sources/node/syncMirror.ts; this command parses options, draws progress and prints the summary.
 */
import { STEPS } from '../../core/index.ts';
import { isoDate, oneOf, parse, SOURCE_OPTIONS, timeoutMs, UsageError, wholeNumber } from '../args.ts';
import { EXIT, type Command } from '../io.ts';
import { loadLand } from '../geodata.ts';
import { defaultLocation } from '../openSource.ts';
import { progressBar } from '../progressBar.ts';
import { syncArcgis, syncMirror, type SyncSourceId } from '../../sources/node/syncMirror.ts';

export const syncCommand: Command = {
  summary: 'mirror a date range of a source into a local folder, for offline use',
  usage:
    'frontline sync --source deepstate-api|archive|owlmaps [--data URL_OR_DIR] --from YYYY-MM-DD --to YYYY-MM-DD ' +
    '[--step day|week|month] --out DIR [--concurrency N] [--retries N] [--timeout SECONDS]\n' +
    '       frontline sync --source arcgis --data LAYER_URL [--date-field NAME] --out DIR\n\n' +
    'Writes a folder laid out like the source: deepstate-api → history/public (the full version list) and\n' +
    'history/{id}/geojson for the last version of each day, week or month; archive → deepstatemap_data_YYYYMMDD.geojson;\n' +
    'owlmaps → YYYYMMDD.json and a base.json of the days mirrored (empty upstream days are no data, not written);\n' +
    'arcgis → one dated copy arcgis-YYYY-MM-DD.geojson of the layer as it is now (sync daily to build a history).\n' +
    'Every file is validated before it is written (atomically); files already there and valid are kept, so a rerun\n' +
    'resumes. Retries 5xx, timeouts and network errors with exponential backoff; a 404 is reported as not published.\n' +
    'Exit: 0 done (some dates may be unpublished), 1 fetches failed after retries, 3 a fetched file was invalid.',
  async run(argv, io) {
    const { values } = parse(argv, {
      ...SOURCE_OPTIONS,
      from: { type: 'string' },
      to: { type: 'string' },
      step: { type: 'string' },
      out: { type: 'string' },
      concurrency: { type: 'string' },
      retries: { type: 'string' },
    });
    if (values.source === undefined)
      throw new UsageError('--source is required: deepstate-api, archive, owlmaps or arcgis');
    const chosen = oneOf(
      'source',
      values.source,
      ['deepstate-api', 'archive', 'owlmaps', 'arcgis'] as const,
      'archive',
    );
    if (chosen === 'arcgis') {
      if (!values.data || !/^https?:\/\//iu.test(values.data))
        throw new UsageError('--source arcgis needs --data LAYER_URL (…/FeatureServer/N)');
      if (!values.out) throw new UsageError('--out DIR is required: the folder to keep the dated copies in');
      const timeout = timeoutMs(values.timeout);
      const s = await syncArcgis(
        {
          layer: values.data,
          out: values.out,
          ...(values['date-field'] ? { dateField: values['date-field'] } : {}),
        },
        {
          fetch: io.fetch,
          retry: {
            retries: wholeNumber('retries', values.retries, 4, 0, 20),
            ...(timeout ? { timeoutMs: timeout } : {}),
          },
        },
      );
      for (const w of s.warnings.slice(0, 5)) io.stderr(`warning: ${w}\n`);
      io.stdout(
        `sync arcgis ${values.data}: ${s.features} features in ${s.pages} page${s.pages > 1 ? 's' : ''}, ` +
          `dated ${s.date}, kept as ${s.file} (${(s.bytes / 1e6).toFixed(1)} MB)\n`,
      );
      return EXIT.ok;
    }
    const source = chosen;
    const from = isoDate('from', values.from);
    const to = isoDate('to', values.to);
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    const step = oneOf('step', values.step, STEPS, 'day');
    if (!values.out) throw new UsageError('--out DIR is required: the folder to mirror into');
    const concurrency = wholeNumber('concurrency', values.concurrency, 4, 1, 32);
    const retries = wholeNumber('retries', values.retries, 4, 0, 20);
    const data = values.data ?? defaultLocation(source as SyncSourceId)!;
    const timeout = timeoutMs(values.timeout);

    const bar = progressBar({ label: `sync ${source}`, write: io.stderr, isTty: io.isTty });
    // Ctrl-C stops scheduling and cancels fetches in flight; files already written are complete (atomic writes).
    const controller = new AbortController();
    const onSigint = (): void => controller.abort(new Error('interrupted'));
    process.once('SIGINT', onSigint);
    let summary;
    try {
      summary = await syncMirror(
        { source, data, from, to, step, out: values.out, concurrency },
        {
          fetch: io.fetch,
          signal: controller.signal,
          retry: { retries, ...(timeout ? { timeoutMs: timeout } : {}) },
          onNote: (line) => bar.log(line),
          land: loadLand,
          onProgress: (p) =>
            bar.update({
              done: p.done,
              total: p.total,
              detail: `fetched ${p.fetched} · cached ${p.cached} · missing ${p.missing} · invalid ${p.invalid}${p.failed ? ` · failed ${p.failed}` : ''}`,
            }),
        },
      );
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    bar.finish();
    const s = summary;
    const gaps = s.knownGaps ? `, ${s.knownGaps} known gap${s.knownGaps > 1 ? 's' : ''} not requested` : '';
    io.stdout(
      `sync ${source} ${from} → ${to} (step ${step}) into ${values.out}: ${s.total} file${s.total === 1 ? '' : 's'} planned${gaps}\n` +
        `fetched ${s.fetched}, cached ${s.cached}, missing ${s.missing}, invalid ${s.invalid}, failed ${s.failed}` +
        ` (${(s.bytes / 1e6).toFixed(1)} MB written; ${s.warnings} warning${s.warnings === 1 ? '' : 's'} repaired on load)\n` +
        (s.missingList.length ? `not published: ${s.missingList.join(', ')}\n` : '') +
        (s.cancelled ? 'cancelled: run the same command again to resume\n' : ''),
    );
    if (s.invalid > 0) return EXIT.invalid;
    if (s.failed > 0 || s.cancelled) return EXIT.failure;
    return EXIT.ok;
  },
};
