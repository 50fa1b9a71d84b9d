import { describe, expect, it } from 'vitest';
import { parseTerritoryClass, TERRITORY_CLASSES } from '../../src/core/index.ts';

describe('parseTerritoryClass', () => {
  it('knows the project’s own ids', () => {
    for (const c of TERRITORY_CLASSES) expect(parseTerritoryClass(c)).toBe(c);
  });

  it.each([
    // project ids in other spellings
    ['Occupied', 'occupied'],
    ['OCCUPIED', 'occupied'],
    ['occupied-pre2022', 'occupied_pre2022'],
    ['Grey zone', 'grey'],
    ['gray', 'grey'],
    ['Liberated', 'liberated'],
    // DeepState's area types and i18n keys
    ['occupied_after_24_02_2022', 'occupied'],
    ['occupied_to_24_02_2022', 'occupied_pre2022'],
    ['unspecified', 'grey'],
    ['geoJSON.status.occupied', 'occupied'],
    ['geoJSON.status.unknown', 'grey'],
    ['geoJSON.status.dismissed_at {{at:25.03}}', 'liberated'],
    ['geoJSON.territories.crimea', 'occupied_pre2022'],
    // Ukrainian
    ['Окуповано', 'occupied'],
    ['сіра зона', 'grey'],
    ['Звільнено', 'liberated'],
    // longer wordings, ISW layer titles
    ['Assessed Russian-controlled Ukrainian Territory', 'occupied'],
    ['Assessed Russian Advances in Ukraine', 'grey'],
    ['Claimed Ukrainian Counteroffensives', 'liberated'],
    ['Russian-occupied Crimea', 'occupied_pre2022'],
    ['Occupied before 24 Feb 2022', 'occupied_pre2022'],
    ['Contested area', 'grey'],
    ['De-occupied', 'liberated'],
  ])('%j → %s', (value, cls) => {
    expect(parseTerritoryClass(value)).toBe(cls);
  });

  it.each([
    // must never count as occupied although they contain the word
    'unoccupied',
    'Not occupied',
    'non-occupied',
    'ocupied',
    'frontline',
    '',
    '  ',
    null,
    undefined,
    1,
    { class: 'occupied' },
  ])('null for %j', (value) => {
    expect(parseTerritoryClass(value)).toBeNull();
  });
});
