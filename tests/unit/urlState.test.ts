import { describe, expect, it } from 'vitest';
import { translateText } from '../../src/ui/i18n/translate.ts';
import { formatUrlState, parseUrlState as parseMessages, type UrlState } from '../../src/ui/urlState.ts';

/** parseUrlState with its notices in English, as a reader of the English page sees them. */
function parseUrlState(search: string): { state: UrlState; notices: string[] } {
  const { state, notices } = parseMessages(search);
  return { state, notices: notices.map((m) => translateText('en', m)) };
}

describe('parseUrlState', () => {
  it('reads a full link', () => {
    const { state, notices } = parseUrlState(
      '?source=archive&a=2025-08-15&b=2025-11-20&t=2025-09-01&pin=2025-08-01,2025-09-01&view=6.5/48.3/37.2',
    );
    expect(notices).toEqual([]);
    expect(state).toEqual({
      source: 'archive',
      a: '2025-08-15',
      b: '2025-11-20',
      t: '2025-09-01',
      pins: ['2025-08-01', '2025-09-01'],
      view: { zoom: 6.5, lat: 48.3, lng: 37.2 },
    });
  });

  it('never takes a URL or unknown id as the source', () => {
    const { state, notices } = parseUrlState('?source=https://evil.example/api');
    expect(state.source).toBe('deepstate-api');
    expect(notices[0]).toMatch(/is not one of this app's sources/u);
  });

  it('rejects dates that do not exist and A after B', () => {
    expect(parseUrlState('?a=2025-02-30').state.a).toBeUndefined();
    expect(parseUrlState('?a=2025-02-30').notices[0]).toMatch(/not a calendar date/u);
    const swapped = parseUrlState('?a=2025-11-20&b=2025-08-15');
    expect(swapped.state.a).toBeUndefined();
    expect(swapped.notices[0]).toMatch(/after B/u);
  });

  it('clamps the view and drops malformed pins', () => {
    const { state, notices } = parseUrlState('?view=99/120/400&pin=1754077960,<script>,2025-08-01');
    expect(state.view).toEqual({ zoom: 13, lat: 85, lng: 180 });
    expect(state.pins).toEqual(['1754077960', '2025-08-01']);
    expect(notices).toHaveLength(2);
    expect(parseUrlState('?view=abc').state.view).toBeUndefined();
  });

  it('caps the number of pinned layers', () => {
    const ids = Array.from({ length: 20 }, (_, i) => String(1000 + i)).join(',');
    expect(parseUrlState(`?pin=${ids}`).state.pins).toHaveLength(12);
  });

  it('reads the comparison view and keeps the change view out of the link', () => {
    expect(parseUrlState('?cmp=swipe')).toEqual({
      state: { source: 'deepstate-api', pins: [], cmp: 'swipe' },
      notices: [],
    });
    expect(parseUrlState('?cmp=side').state.cmp).toBe('side');
    expect(parseUrlState('?cmp=ab').state.cmp).toBe('ab');
    expect(parseUrlState('?cmp=change')).toEqual({
      state: { source: 'deepstate-api', pins: [] },
      notices: [],
    });
    expect(formatUrlState({ source: 'archive', pins: [], cmp: 'change' })).toBe('?source=archive');
    expect(formatUrlState({ source: 'archive', pins: [], cmp: 'side' })).toBe('?source=archive&cmp=side');
  });

  it('falls back to the change view, with a notice, for an unknown comparison view', () => {
    for (const bad of ['SWIPE', 'curtain', '', 'swipe;alert(1)', 'x'.repeat(500)]) {
      const { state, notices } = parseUrlState(`?cmp=${encodeURIComponent(bad)}`);
      expect(state.cmp).toBeUndefined();
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(
        /comparison view ".*" is not one of change, a, b, ab, swipe, side; showing the change/u,
      );
      // The echo of the bad value is cut short.
      expect(notices[0]!.length).toBeLessThan(150);
    }
  });

  it('takes only a known focus area id', () => {
    expect(parseUrlState('?focus=pokrovsk-area')).toEqual({
      state: { source: 'deepstate-api', pins: [], focus: 'pokrovsk-area' },
      notices: [],
    });
    expect(parseUrlState('?focus=chasiv-yar').state.focus).toBe('chasiv-yar');
    for (const bad of ['atlantis', 'Pokrovsk-Area', 'pokrovsk', '<img src=x onerror=alert(1)>', '']) {
      const { state, notices } = parseUrlState(`?focus=${encodeURIComponent(bad)}`);
      expect(state.focus).toBeUndefined();
      expect(notices).toEqual([
        `The link's focus area "${bad}" is not one of the 10 focus areas; none selected.`,
      ]);
    }
  });

  it('round-trips the comparison view and focus area with the rest', () => {
    const state = {
      source: 'archive' as const,
      a: '2025-08-15',
      b: '2025-11-20',
      pins: [],
      cmp: 'swipe' as const,
      focus: 'kupiansk',
    };
    const url = formatUrlState(state);
    expect(url).toBe('?source=archive&a=2025-08-15&b=2025-11-20&cmp=swipe&focus=kupiansk');
    expect(parseUrlState(url)).toEqual({ state, notices: [] });
  });

  it('reads the interface language (lang=en|uk) and ignores any other, with a notice', () => {
    expect(parseUrlState('?lang=uk')).toEqual({
      state: { source: 'deepstate-api', pins: [], lang: 'uk' },
      notices: [],
    });
    expect(parseUrlState('?lang=en').state.lang).toBe('en');
    for (const bad of ['xx', 'UK', 'uk-UA', 'ru', '', '<b>uk</b>']) {
      const { state, notices } = parseUrlState(`?lang=${encodeURIComponent(bad)}`);
      expect(state.lang).toBeUndefined();
      expect(notices).toEqual([
        `The link's language "${bad}" is not one of this app's languages (en, uk); ignored.`,
      ]);
    }
    expect(formatUrlState({ source: 'archive', pins: [], lang: 'uk' })).toBe('?source=archive&lang=uk');
    expect(formatUrlState({ source: 'archive', pins: [] })).toBe('?source=archive');
    expect(parseUrlState('?source=archive&lang=uk').state).toEqual(
      parseUrlState(formatUrlState({ source: 'archive', pins: [], lang: 'uk' })).state,
    );
  });

  it('reads the second opinion (with=, wd=) and round-trips it; a bad or equal source gives a notice, never a state', () => {
    const ok = parseUrlState('?source=archive&with=owlmaps&wd=2025-09-01');
    expect(ok.notices).toEqual([]);
    expect(ok.state).toMatchObject({ source: 'archive', with: 'owlmaps', wd: '2025-09-01' });
    expect(parseUrlState(formatUrlState(ok.state)).state).toEqual(ok.state);
    expect(formatUrlState(ok.state)).toContain('with=owlmaps&wd=2025-09-01');

    const unknown = parseUrlState('?source=archive&with=https://evil.example/x');
    expect(unknown.state.with).toBeUndefined();
    expect(unknown.notices).toEqual([
      'The link\'s second source "https://evil.example/x" is not one of this app\'s sources; no second opinion.',
    ]);
    const same = parseUrlState('?source=owlmaps&with=owlmaps');
    expect(same.state).toMatchObject({ source: 'owlmaps' });
    expect(same.state.with).toBeUndefined();
    expect(same.notices).toEqual([
      'The link\'s second source "owlmaps" is the active source itself; no second opinion.',
    ]);
    const badDate = parseUrlState('?source=archive&with=owlmaps&wd=2025-02-30');
    expect(badDate.state).toMatchObject({ with: 'owlmaps' });
    expect(badDate.state.wd).toBeUndefined();
    expect(badDate.notices).toHaveLength(1);
    // A date without a second source means nothing: neither read nor written.
    expect(parseUrlState('?source=archive&wd=2025-09-01').state.wd).toBeUndefined();
    expect(formatUrlState({ source: 'archive', pins: [], wd: '2025-09-01' })).not.toContain('wd=');
  });

  it('gives its notices as messages on request, to be shown in the page language', () => {
    const { notices } = parseMessages('?lang=xx&a=2025-02-30');
    expect(notices).toEqual([
      { key: 'link.date', params: { key: 'a', value: '2025-02-30' } },
      { key: 'link.lang', params: { lang: 'xx' } },
    ]);
    expect(translateText('uk', notices[1]!)).toBe(
      'Мова з посилання «xx» не підтримується (доступні en, uk); її пропущено.',
    );
  });

  it('round-trips through formatUrlState', () => {
    const state = {
      source: 'archive' as const,
      a: '2025-08-15',
      b: '2025-11-20',
      pins: ['2025-08-01'],
      view: { zoom: 6, lat: 48.3, lng: 37.2 },
    };
    expect(parseUrlState(formatUrlState(state)).state).toEqual(state);
  });
});
