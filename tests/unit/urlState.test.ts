import { describe, expect, it } from 'vitest';
import { formatUrlState, parseUrlState } from '../../src/ui/urlState.ts';

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
