import { describe, expect, it } from 'vitest';
import {
  classifyDeepState,
  parseDeepStateName,
  type DeepStateKind,
  type DeepStateName,
} from '../../src/core/index.ts';

describe('parseDeepStateName', () => {
  it.each<{ label: string; raw: unknown; expected: DeepStateName }>([
    {
      label: 'the current three-part format',
      raw: 'Окуповано /// Occupied /// geoJSON.status.occupied',
      expected: { uk: 'Окуповано', en: 'Occupied', key: 'geoJSON.status.occupied', params: '' },
    },
    {
      label: 'the older two-part format (no key)',
      raw: 'Звільнено /// Liberated',
      expected: { uk: 'Звільнено', en: 'Liberated', key: '', params: '' },
    },
    {
      label: 'stray spaces, and none around the separator',
      raw: '  Звільнено   25.03///Liberated  25.03 ///   geoJSON.status.dismissed   ',
      expected: { uk: 'Звільнено 25.03', en: 'Liberated 25.03', key: 'geoJSON.status.dismissed', params: '' },
    },
    {
      label: 'non-breaking spaces',
      raw: 'Статус\u00a0невідомий\u00a0/// Unknown\u00a0status ///\u00a0geoJSON.status.unknown\u00a0',
      expected: { uk: 'Статус невідомий', en: 'Unknown status', key: 'geoJSON.status.unknown', params: '' },
    },
    {
      label: 'a trailing newline after the key',
      raw: 'Окуповано /// Occupied /// geoJSON.status.occupied\n',
      expected: { uk: 'Окуповано', en: 'Occupied', key: 'geoJSON.status.occupied', params: '' },
    },
    {
      label: 'a trailing newline in the older format',
      raw: 'Звільнено 31.03 /// Liberated 31.03\n',
      expected: { uk: 'Звільнено 31.03', en: 'Liberated 31.03', key: '', params: '' },
    },
    {
      label: 'newlines inside the parts',
      raw: 'Окуповано\nз 24.02 /// Occupied\r\nsince 24.02 /// geoJSON.status.occupied',
      expected: {
        uk: 'Окуповано з 24.02',
        en: 'Occupied since 24.02',
        key: 'geoJSON.status.occupied',
        params: '',
      },
    },
    {
      label: 'a {{at:dd.mm}} parameter',
      raw: 'Звільнено 25.03 /// Liberated 25.03 /// geoJSON.status.dismissed_at {{at:25.03}}',
      expected: {
        uk: 'Звільнено 25.03',
        en: 'Liberated 25.03',
        key: 'geoJSON.status.dismissed_at',
        params: 'at:25.03',
      },
    },
    {
      label: 'a parameter glued to the key, with a trailing newline',
      raw: 'Звільнено /// Liberated /// geoJSON.status.dismissed_at{{at:01.04}}\n',
      expected: { uk: 'Звільнено', en: 'Liberated', key: 'geoJSON.status.dismissed_at', params: 'at:01.04' },
    },
    {
      label: 'the unterminated parameter seen in real data',
      raw: 'Звільнено 27.03 - /// Liberated 27.03 - /// geoJSON.status.dismissed_at {{at:27.03 -',
      expected: {
        uk: 'Звільнено 27.03 -',
        en: 'Liberated 27.03 -',
        key: 'geoJSON.status.dismissed_at',
        params: 'at:27.03 -',
      },
    },
    {
      label: 'a name with no separator at all',
      raw: 'Крим',
      expected: { uk: 'Крим', en: '', key: '', params: '' },
    },
    { label: 'an empty string', raw: '', expected: { uk: '', en: '', key: '', params: '' } },
    { label: 'undefined', raw: undefined, expected: { uk: '', en: '', key: '', params: '' } },
    { label: 'null', raw: null, expected: { uk: '', en: '', key: '', params: '' } },
    { label: 'a number', raw: 42, expected: { uk: '', en: '', key: '', params: '' } },
  ])('reads $label', ({ raw, expected }) => {
    expect(parseDeepStateName(raw)).toEqual(expected);
  });
});

const name = (key: string): string => `Назва /// Name /// ${key}`;
const territory = (cls: string, inRussia?: boolean): DeepStateKind =>
  (inRussia ? { kind: 'territory', cls, inRussia } : { kind: 'territory', cls }) as DeepStateKind;

describe('classifyDeepState by i18n key (the README table)', () => {
  it.each<{ key: string; fill?: string; expected: DeepStateKind }>([
    { key: 'geoJSON.status.occupied', fill: '#a52714', expected: territory('occupied') },
    { key: 'geoJSON.status.unknown', fill: '#bcaaa4', expected: territory('grey') },
    { key: 'geoJSON.status.unknown', fill: '#bdbdbd', expected: territory('grey', true) },
    { key: 'geoJSON.status.dismissed', fill: '#0f9d58', expected: territory('liberated') },
    { key: 'geoJSON.status.dismissed', fill: '#0288d1', expected: territory('liberated') },
    { key: 'geoJSON.status.dismissed', fill: '#01579b', expected: territory('liberated') },
    { key: 'geoJSON.status.dismissed_at {{at:25.03}}', fill: '#0f9d58', expected: territory('liberated') },
    { key: 'geoJSON.status.dismissed_at {{at:27.03 -', fill: '#0f9d58', expected: territory('liberated') },
    { key: 'geoJSON.territories.crimea', fill: '#880e4f', expected: territory('occupied_pre2022') },
    { key: 'geoJSON.territories.ordlo', fill: '#880e4f', expected: territory('occupied_pre2022') },
    { key: 'geoJSON.territories.tuzla', fill: '#880e4f', expected: territory('occupied_pre2022') },
    { key: 'geoJSON.territories.karelia', fill: '#ff5252', expected: { kind: 'satire' } },
    { key: 'geoJSON.territories.kuril', fill: '#ff5252', expected: { kind: 'satire' } },
    { key: 'geoJSON.territories.prussia', fill: '#ff5252', expected: { kind: 'satire' } },
  ])('$key with $fill', ({ key, fill, expected }) => {
    expect(classifyDeepState({ name: name(key), fill }, 'Polygon')).toEqual(expected);
  });

  it('lets the key decide over a contradicting fill', () => {
    // An occupied key drawn in liberated green is still occupied; a satirical key in occupied red is still satire.
    expect(classifyDeepState({ name: name('geoJSON.status.occupied'), fill: '#0f9d58' }, 'Polygon')).toEqual(
      territory('occupied'),
    );
    expect(
      classifyDeepState({ name: name('geoJSON.territories.karelia'), fill: '#a52714' }, 'Polygon'),
    ).toEqual({
      kind: 'satire',
    });
    expect(
      classifyDeepState({ name: name('geoJSON.territories.crimea'), fill: '#ff5252' }, 'Polygon'),
    ).toEqual(territory('occupied_pre2022'));
  });

  it('classifies a key padded with stray spaces, nbsp and a newline', () => {
    const raw = 'Окуповано\u00a0/// Occupied ///  geoJSON.status.occupied \n';
    expect(classifyDeepState({ name: raw, fill: '#a52714' }, 'Polygon')).toEqual(territory('occupied'));
  });

  it('classifies MultiPolygon and GeometryCollection like Polygon', () => {
    for (const type of ['MultiPolygon', 'GeometryCollection']) {
      expect(classifyDeepState({ name: name('geoJSON.status.occupied') }, type)).toEqual(
        territory('occupied'),
      );
    }
  });
});

describe('classifyDeepState by fill colour (keyless older names)', () => {
  const old = 'Назва /// Name';
  it.each<{ fill: string; expected: DeepStateKind }>([
    { fill: '#a52714', expected: territory('occupied') },
    { fill: '#880e4f', expected: territory('occupied_pre2022') },
    { fill: '#bcaaa4', expected: territory('grey') },
    { fill: '#bdbdbd', expected: territory('grey', true) },
    { fill: '#0f9d58', expected: territory('liberated') },
    { fill: '#0288d1', expected: territory('liberated') },
    { fill: '#01579b', expected: territory('liberated') },
    { fill: '#ff5252', expected: { kind: 'satire' } },
    { fill: '#123456', expected: { kind: 'unknown' } },
  ])('$fill', ({ fill, expected }) => {
    expect(classifyDeepState({ name: old, fill }, 'Polygon')).toEqual(expected);
  });

  it('ignores case and surrounding spaces in the colour', () => {
    expect(classifyDeepState({ name: old, fill: ' #A52714 ' }, 'Polygon')).toEqual(territory('occupied'));
    expect(classifyDeepState({ name: old, fill: '#BDBDBD\n' }, 'Polygon')).toEqual(territory('grey', true));
  });

  it('returns unknown without a usable fill or name', () => {
    expect(classifyDeepState({ name: old }, 'Polygon')).toEqual({ kind: 'unknown' });
    expect(classifyDeepState({ name: old, fill: 0xa52714 }, 'Polygon')).toEqual({ kind: 'unknown' });
    expect(classifyDeepState({}, 'Polygon')).toEqual({ kind: 'unknown' });
    expect(classifyDeepState(null, 'Polygon')).toEqual({ kind: 'unknown' });
    expect(classifyDeepState(undefined, 'Polygon')).toEqual({ kind: 'unknown' });
  });

  it('falls back to the fill for an unrecognised key (geoJSON.zmiinyi_island in green → liberated)', () => {
    const props = { name: 'Острів Зміїний /// Zmiinyi Island /// geoJSON.zmiinyi_island', fill: '#0f9d58' };
    expect(classifyDeepState(props, 'Polygon')).toEqual(territory('liberated'));
    expect(classifyDeepState({ ...props, fill: '#777777' }, 'Polygon')).toEqual({ kind: 'unknown' });
  });
});

describe('classifyDeepState on points', () => {
  it.each(['Point', 'MultiPoint', 'LineString'])(
    'makes every %s a marker, whatever its key or fill',
    (type) => {
      expect(classifyDeepState({ name: name('geoJSON.units.ua_47'), fill: '#a52714' }, type)).toEqual({
        kind: 'marker',
      });
      expect(classifyDeepState({ name: name('geoJSON.status.occupied'), fill: '#a52714' }, type)).toEqual({
        kind: 'marker',
      });
    },
  );

  it('makes unit and attack-direction keys markers even on a polygon geometry', () => {
    expect(classifyDeepState({ name: name('geoJSON.units.ru_810') }, 'Polygon')).toEqual({ kind: 'marker' });
    expect(classifyDeepState({ name: name('geoJSON.status.attack_direction') }, 'Polygon')).toEqual({
      kind: 'marker',
    });
  });
});

describe('keyless pre-2022 areas of the first 2022 versions (drawn black, named only)', () => {
  it.each(['Крим', 'Окупований Крим', 'ОРДЛО', 'Острів Тузла', 'Острів Тузла /// Occupied Tuzla Island'])(
    '%s → occupied_pre2022',
    (name) => {
      expect(classifyDeepState({ name, fill: '#000000' }, 'Polygon')).toEqual({
        kind: 'territory',
        cls: 'occupied_pre2022',
      });
    },
  );

  it('does not take a keyed feature or an unrelated black feature for one', () => {
    expect(classifyDeepState({ name: 'Щось /// Something', fill: '#000000' }, 'Polygon')).toEqual({
      kind: 'unknown',
    });
    expect(classifyDeepState({ name: 'Крим /// Crimea /// geoJSON.territories.karelia' }, 'Polygon')).toEqual(
      { kind: 'satire' },
    );
  });
});
