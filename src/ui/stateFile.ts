/**
 * The whole view as a JSON file (issue #18): what a link carries, with every pinned date, for when the link would
 * pass MAX_LINK_CHARS and leaves pins out. The file is read back through the very validation a link gets
 * (parseUrlState), without the link's limits; any problem rejects the whole file, so opening a bad one changes
 * nothing.
 *
 * ```json
 * { "type": "frontline-state", "version": 1, "savedAt": "2026-12-05T13:00:00.000Z", "toolVersion": "0.1.0",
 *   "state": { "source": "archive", "a": "2025-08-15", "b": "2025-11-20", "pins": ["2025-08-01"],
 *              "view": { "zoom": 6, "lat": 48.3, "lng": 37.2 }, "cmp": "ab", "focus": "kupiansk", "lang": "en" } }
 * ```
 */
import { downloadText } from './download.ts';
import type { Message, Params } from './i18n/translate.ts';
import type { MessageKey } from './i18n/en.ts';
import { parseUrlState, type UrlState } from './urlState.ts';

export const STATE_FILE_TYPE = 'frontline-state';
/** Far above any real state (a pin is 11 characters; a source has under a thousand dates). */
export const MAX_STATE_FILE_BYTES = 5_000_000;

/**
 * The file's text: the state's fields as they are, pins in full.
 * @example stateFileText({ source: 'archive', pins: ['2025-08-01'] }, '2026-12-05T13:00:00.000Z', '0.1.0')
 */
export function stateFileText(s: UrlState, savedAt: string, toolVersion: string): string {
  const state = {
    source: s.source,
    ...(s.a ? { a: s.a } : {}),
    ...(s.b ? { b: s.b } : {}),
    ...(s.t ? { t: s.t } : {}),
    pins: s.pins,
    ...(s.view ? { view: { zoom: s.view.zoom, lat: s.view.lat, lng: s.view.lng } } : {}),
    ...(s.cmp && s.cmp !== 'change' ? { cmp: s.cmp } : {}),
    ...(s.focus ? { focus: s.focus } : {}),
    ...(s.lang ? { lang: s.lang } : {}),
    ...(s.with ? { with: s.with, ...(s.wd ? { wd: s.wd } : {}) } : {}),
  };
  return `${JSON.stringify({ type: STATE_FILE_TYPE, version: 1, savedAt, toolVersion, state }, null, 2)}\n`;
}

/** @example stateFileName('archive', '2026-12-05T13:00:00.000Z') // 'frontline_state_archive_2026-12-05.json' */
export function stateFileName(source: string, savedAt: string): string {
  return `frontline_state_${source}_${savedAt.slice(0, 10)}.json`;
}

/** Offers the state as a file download (the browser's own "save" prompt). */
export function saveStateFile(s: UrlState, toolVersion: string): void {
  const savedAt = new Date().toISOString();
  downloadText(stateFileName(s.source, savedAt), stateFileText(s, savedAt, toolVersion), 'application/json');
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a state file's text: the state, or the problems that reject it (messages, shown in the page's language).
 * @example parseStateFile(text) // { state } | { problems: [{ key: 'stateFile.notJson', params: { error } }] }
 */
export function parseStateFile(text: string): { state: UrlState } | { problems: Message[] } {
  const problem = (key: MessageKey, params?: Params): { problems: Message[] } => ({
    problems: [params ? { key, params } : { key }],
  });
  if (text.length > MAX_STATE_FILE_BYTES) {
    return problem('stateFile.tooBig', { size: text.length, max: MAX_STATE_FILE_BYTES });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return problem('stateFile.notJson', { error: (err as Error).message.slice(0, 120) });
  }
  if (!isRecord(data) || data['type'] !== STATE_FILE_TYPE) return problem('stateFile.notState');
  if (data['version'] !== 1)
    return problem('stateFile.version', { version: String(data['version']).slice(0, 20) });
  const s = data['state'];
  if (!isRecord(s)) return problem('stateFile.badField', { field: 'state' });

  // Each field to its link parameter, type-checked; the values are then checked as a link's are.
  const problems: Message[] = [];
  const params = new URLSearchParams();
  const stringField = (field: string, required = false) => {
    const v = s[field];
    if (v === undefined && !required) return;
    if (typeof v === 'string') params.set(field, v);
    else problems.push({ key: 'stateFile.badField', params: { field: `state.${field}` } });
  };
  stringField('source', true);
  for (const f of ['a', 'b', 't', 'cmp', 'focus', 'lang', 'with', 'wd']) stringField(f);
  const pins = s['pins'];
  if (pins !== undefined) {
    if (Array.isArray(pins) && pins.every((p) => typeof p === 'string')) {
      if (pins.length) params.set('pin', pins.join(','));
    } else problems.push({ key: 'stateFile.badField', params: { field: 'state.pins' } });
  }
  const view = s['view'];
  if (view !== undefined) {
    const parts = isRecord(view) ? [view['zoom'], view['lat'], view['lng']] : [];
    if (parts.length === 3 && parts.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      params.set('view', parts.join('/'));
    } else problems.push({ key: 'stateFile.badField', params: { field: 'state.view' } });
  }
  if (problems.length) return { problems };
  const read = parseUrlState(`?${params.toString()}`, { maxPins: Infinity, maxLength: Infinity });
  if (read.notices.length) return { problems: read.notices };
  return { state: read.state };
}
