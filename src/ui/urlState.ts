/**
 * The view in the URL, so a link reproduces it: source, dates A/B, timeline date, pinned layers, map view.
 * Everything read from a link is validated and clamped; anything invalid falls back to its default with a notice.
 * A link can only pick a catalogued source id, never a server URL (issue #5, #6).
 */
import { isIsoDate } from '../core/index.ts';
import { BROWSER_SOURCES, type BrowserSourceId } from './browserSources.ts';

export interface UrlState {
  source: BrowserSourceId;
  a?: string;
  b?: string;
  t?: string;
  pins: string[];
  view?: { zoom: number; lng: number; lat: number };
}

const MAX_PINS = 12;
const PIN = /^(?:\d{1,12}|\d{4}-\d{2}-\d{2})$/u;

/**
 * @example parseUrlState('?source=archive&a=2025-08-15&b=2025-11-20&view=6/48.3/37.2')
 */
export function parseUrlState(search: string): { state: UrlState; notices: string[] } {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const state: UrlState = { source: 'deepstate-api', pins: [] };
  const source = params.get('source');
  if (source !== null) {
    if (BROWSER_SOURCES.some((s) => s.id === source)) state.source = source as BrowserSourceId;
    else
      notices.push(
        `The link's source "${source.slice(0, 40)}" is not one of this app's sources; using DeepStateMap versions.`,
      );
  }
  for (const key of ['a', 'b', 't'] as const) {
    const v = params.get(key);
    if (v === null) continue;
    if (isIsoDate(v)) state[key] = v;
    else
      notices.push(
        `The link's date ${key}="${String(v).slice(0, 20)}" is not a calendar date (YYYY-MM-DD); ignored.`,
      );
  }
  if (state.a && state.b && state.a > state.b) {
    notices.push(`The link's date A (${state.a}) is after B (${state.b}); using the default comparison.`);
    delete state.a;
    delete state.b;
  }
  const pins = params.get('pin');
  if (pins) {
    const list = pins.split(',').filter(Boolean);
    const ok = list.filter((p) => PIN.test(p));
    if (ok.length < list.length)
      notices.push(`${list.length - ok.length} pinned layer id(s) in the link were not valid; ignored.`);
    if (ok.length > MAX_PINS)
      notices.push(`The link pins ${ok.length} layers; showing the first ${MAX_PINS}.`);
    state.pins = [...new Set(ok)].slice(0, MAX_PINS);
  }
  const view = params.get('view');
  if (view) {
    const [z, lat, lng] = view.split('/').map(Number);
    if ([z, lat, lng].every((n) => n !== undefined && Number.isFinite(n))) {
      const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
      state.view = { zoom: clamp(z!, 3, 13), lat: clamp(lat!, -85, 85), lng: clamp(lng!, -180, 180) };
      if (state.view.zoom !== z || state.view.lat !== lat || state.view.lng !== lng) {
        notices.push('The link’s map view was out of range; clamped it.');
      }
    } else
      notices.push(`The link's map view "${view.slice(0, 30)}" is not zoom/lat/lon; using the default view.`);
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
  return `?${p.toString()}`;
}
