/**
 * The view in the URL, so a link reproduces it: source, dates A/B, timeline date, pinned layers, map view, the
 * comparison view (`cmp=`), the selected focus area (`focus=`) and the second opinion (`with=`, `wd=`).
 * Everything read from a link is validated and clamped; anything invalid falls back to its default with a notice.
 * A link can only pick a catalogued source id, never a server URL (issue #5, #6).
 */
import { isIsoDate } from '../core/index.ts';
import { BROWSER_SOURCES, type BrowserSourceId } from './browserSources.ts';
import { COMPARE_VIEWS, type CompareView } from './compareViews.ts';
import { FOCUS_AREA_IDS } from './focusAreas.ts';
import { isLocale, type Locale, type Message, type Params } from './i18n/translate.ts';
import type { MessageKey } from './i18n/en.ts';

export interface UrlState {
  source: BrowserSourceId;
  a?: string;
  b?: string;
  t?: string;
  pins: string[];
  view?: { zoom: number; lng: number; lat: number };
  /** How the map shows the comparison; absent means the change layer. */
  cmp?: CompareView;
  /** The selected focus area's id (one of geodata/focus-areas.geojson). */
  focus?: string;
  /** The interface language (`lang=uk`); absent: the remembered or the browser's language. */
  lang?: Locale;
  /** The second source of the Second opinion panel (`with=owlmaps`, issue #16); absent: none. */
  with?: BrowserSourceId;
  /** The date the two sources are compared on (`wd=`); absent: date B. */
  wd?: string;
}

const MAX_PINS = 12;

/**
 * The longest link the app writes, origin and path included (issue #18): what every browser, server, proxy and chat
 * app accepts. Past it, pins are left out of the link (see fitUrlState) and the whole state goes in a file.
 */
export const MAX_LINK_CHARS = 2000;
const PIN = /^(?:\d{1,12}|\d{4}-\d{2}-\d{2})$/u;

/**
 * Notices come as messages, so the page shows them in its language and follows a later language switch.
 * A link longer than MAX_LINK_CHARS (one the app did not write) is read as far as it is valid, with a notice.
 * `maxPins`, `maxLength`: a link shows the first 12 pinned dates; a state file (stateFile.ts) has no such limits.
 * @example parseUrlState('?source=archive&a=2025-08-15&b=2025-11-20&view=6/48.3/37.2')
 */
export function parseUrlState(
  search: string,
  { maxPins = MAX_PINS, maxLength = MAX_LINK_CHARS }: { maxPins?: number; maxLength?: number } = {},
): { state: UrlState; notices: Message[] } {
  const params = new URLSearchParams(search);
  const notices: Message[] = [];
  const notice = (key: MessageKey, values?: Params) =>
    notices.push(values ? { key, params: values } : { key });
  if (search.length > maxLength) notice('link.tooLong', { length: search.length, limit: maxLength });
  const state: UrlState = { source: 'deepstate-api', pins: [] };
  const source = params.get('source');
  if (source !== null) {
    if (BROWSER_SOURCES.some((s) => s.id === source)) state.source = source as BrowserSourceId;
    else notice('link.source', { source: source.slice(0, 40) });
  }
  for (const key of ['a', 'b', 't'] as const) {
    const v = params.get(key);
    if (v === null) continue;
    if (isIsoDate(v)) state[key] = v;
    else notice('link.date', { key, value: String(v).slice(0, 20) });
  }
  if (state.a && state.b && state.a > state.b) {
    notice('link.aAfterB', { a: state.a, b: state.b });
    delete state.a;
    delete state.b;
  }
  const pins = params.get('pin');
  if (pins) {
    const list = pins.split(',').filter(Boolean);
    const ok = list.filter((p) => PIN.test(p));
    if (ok.length < list.length) notice('link.badPins', { count: list.length - ok.length });
    if (ok.length > maxPins) notice('link.tooManyPins', { count: ok.length, max: maxPins });
    state.pins = [...new Set(ok)].slice(0, maxPins);
  }
  const view = params.get('view');
  if (view) {
    const [z, lat, lng] = view.split('/').map(Number);
    if ([z, lat, lng].every((n) => n !== undefined && Number.isFinite(n))) {
      const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
      state.view = { zoom: clamp(z!, 3, 13), lat: clamp(lat!, -85, 85), lng: clamp(lng!, -180, 180) };
      if (state.view.zoom !== z || state.view.lat !== lat || state.view.lng !== lng) {
        notice('link.viewClamped');
      }
    } else notice('link.viewInvalid', { view: view.slice(0, 30) });
  }
  const cmp = params.get('cmp');
  if (cmp !== null) {
    if ((COMPARE_VIEWS as readonly string[]).includes(cmp)) {
      if (cmp !== 'change') state.cmp = cmp as CompareView;
    } else notice('link.compareView', { view: cmp.slice(0, 20), views: COMPARE_VIEWS.join(', ') });
  }
  const focus = params.get('focus');
  if (focus !== null) {
    if (FOCUS_AREA_IDS.includes(focus)) state.focus = focus;
    else notice('link.focusArea', { focus: focus.slice(0, 40), total: String(FOCUS_AREA_IDS.length) });
  }
  const lang = params.get('lang');
  if (lang !== null) {
    if (isLocale(lang)) state.lang = lang;
    else notice('link.lang', { lang: lang.slice(0, 20) });
  }
  const second = params.get('with');
  if (second !== null) {
    if (!BROWSER_SOURCES.some((s) => s.id === second)) notice('link.with', { source: second.slice(0, 40) });
    else if (second === state.source) notice('link.withSame', { source: second });
    else state.with = second as BrowserSourceId;
  }
  const wd = params.get('wd');
  if (wd !== null) {
    if (!isIsoDate(wd)) notice('link.date', { key: 'wd', value: String(wd).slice(0, 20) });
    else if (state.with) state.wd = wd;
  }
  return { state, notices };
}

/**
 * @example formatUrlState({ source: 'archive', a: '2025-08-15', b: '2025-11-20', pins: [] }) // '?source=archive&a=…'
 */
export function formatUrlState(s: UrlState): string {
  const p = new URLSearchParams();
  p.set('source', s.source);
  if (s.a) p.set('a', s.a);
  if (s.b) p.set('b', s.b);
  if (s.t) p.set('t', s.t);
  if (s.pins.length) p.set('pin', s.pins.join(','));
  if (s.view) p.set('view', `${s.view.zoom.toFixed(2)}/${s.view.lat.toFixed(4)}/${s.view.lng.toFixed(4)}`);
  if (s.cmp && s.cmp !== 'change') p.set('cmp', s.cmp);
  if (s.focus) p.set('focus', s.focus);
  if (s.lang) p.set('lang', s.lang);
  if (s.with) p.set('with', s.with);
  if (s.with && s.wd) p.set('wd', s.wd);
  return `?${p.toString()}`;
}

/**
 * The link for `s` that fits in `limit` characters together with `base` (the page's origin and path): pinned dates
 * are left out from the last one until it fits, and counted, so the page can say so and offer the state file.
 * Everything else in a link is short and bounded (source ids, four dates, a view, two ids, a language).
 * @example fitUrlState(state, 'https://example.org/').droppedPins // 0 while the link is short enough
 */
export function fitUrlState(
  s: UrlState,
  base = '',
  limit = MAX_LINK_CHARS,
): { search: string; droppedPins: number } {
  const fits = (pins: number) =>
    base.length + formatUrlState({ ...s, pins: s.pins.slice(0, pins) }).length <= limit;
  if (fits(s.pins.length)) return { search: formatUrlState(s), droppedPins: 0 };
  // The most pins that fit: the length grows with the number kept, so a binary search finds it.
  let lo = 0;
  let hi = s.pins.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return { search: formatUrlState({ ...s, pins: s.pins.slice(0, lo) }), droppedPins: s.pins.length - lo };
}
