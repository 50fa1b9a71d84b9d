/**
 * Which places the map names at which zoom (issue #12, src/ui/map/settlementLabels.ts), on the real gazetteer.
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { settlementLabelsModule } from '../../src/server/settlementLabelsPlugin.ts';
import {
  labelMinZoom,
  SETTLEMENT_COUNTRY_MAX_ZOOM,
  SETTLEMENT_TIERS,
  settlementLabels,
  settlementRows,
  splitSettlementRows,
  toSettlementLabels,
  type SettlementProperties,
  type SettlementRow,
} from '../../src/ui/map/settlementLabels.ts';

const gazetteer = JSON.parse(
  readFileSync(new URL('../../geodata/settlements.geojson', import.meta.url), 'utf8'),
) as FeatureCollection<Point, SettlementProperties>;

describe('labelMinZoom', () => {
  it('names larger places from smaller zooms, never the other way round', () => {
    const pops = [0, 499, 500, 2_999, 3_000, 9_999, 10_000, 60_127, 80_000, 249_999, 250_000, 2_797_553];
    const zooms = pops.map(labelMinZoom);
    for (let i = 1; i < zooms.length; i++) expect(zooms[i]).toBeLessThanOrEqual(zooms[i - 1]!);
    expect(labelMinZoom(2_797_553)).toBe(0);
    expect(labelMinZoom(60_127)).toBe(6); // Pokrovsk
    expect(labelMinZoom(0)).toBe(9); // a place GeoNames has no figure for
    expect(SETTLEMENT_TIERS.at(-1)!.population).toBe(0);
  });
});

describe('toSettlementLabels', () => {
  const frozen = structuredClone(gazetteer);
  const labels = toSettlementLabels(frozen);

  it('keeps every place, largest first, and does not touch its input', () => {
    expect(labels.features).toHaveLength(gazetteer.features.length);
    expect(frozen).toEqual(gazetteer);
    const pops = labels.features.map((f) => f.properties.pop);
    for (let i = 1; i < pops.length; i++) expect(pops[i]).toBeLessThanOrEqual(pops[i - 1]!);
    expect(labels.features[0]!.properties).toMatchObject({ en: 'Kyiv', uk: 'Київ', z: 0 });
  });

  it('names a place in Ukrainian, or in English where the gazetteer has no Ukrainian name', () => {
    const byId = new Map(labels.features.map((f) => [f.properties.id, f.properties]));
    for (const f of gazetteer.features) {
      const l = byId.get(f.properties.id)!;
      expect(l.en).toBe(f.properties.name_en);
      expect(l.uk).toBe(f.properties.name_uk ?? f.properties.name_en);
    }
    const pokrovsk = labels.features.find(
      (f) => f.properties.en === 'Pokrovsk' && f.properties.uk === 'Покровськ',
    );
    expect(pokrovsk?.properties.z).toBe(6);
  });

  it('keeps the whole-country view to about 50 places (zoom 5)', () => {
    const atZoom5 = labels.features.filter((f) => f.properties.z <= 5).length;
    expect(atZoom5).toBeGreaterThanOrEqual(30);
    expect(atZoom5).toBeLessThanOrEqual(60);
  });
});

describe('the two parts the app ships (settlementLabelsPlugin.ts)', () => {
  const rows = settlementRows(gazetteer);
  const { country, rest } = splitSettlementRows(rows);
  /** The module text evaluated as the browser would: its default export. */
  const evaluate = (text: string): SettlementRow[] =>
    new Function(text.replace('export default ', 'return '))() as SettlementRow[];

  it('splits every place into exactly one part: the country tier up to its zoom, the rest after', () => {
    expect(country.length + rest.length).toBe(gazetteer.features.length);
    expect(new Set([...country, ...rest].map((r) => r[0])).size).toBe(gazetteer.features.length);
    for (const r of country) expect(labelMinZoom(r[3])).toBeLessThanOrEqual(SETTLEMENT_COUNTRY_MAX_ZOOM);
    for (const r of rest) expect(labelMinZoom(r[3])).toBeGreaterThan(SETTLEMENT_COUNTRY_MAX_ZOOM);
    expect(country.map((r) => r[4])).toEqual(expect.arrayContaining(['Kyiv', 'Kharkiv', 'Pokrovsk', 'Lviv']));
    expect(rest.map((r) => r[4])).toEqual(expect.arrayContaining(['Rodynske', 'Hryshyne']));
  });

  it('gives the map the same source as the GeoJSON gazetteer, once both parts are in', () => {
    const joined = [...evaluate(settlementLabelsModule(country)), ...evaluate(settlementLabelsModule(rest))];
    expect(settlementLabels(joined)).toEqual(toSettlementLabels(gazetteer));
    // The first part alone is the country tier of the same source.
    expect(settlementLabels(evaluate(settlementLabelsModule(country))).features).toEqual(
      toSettlementLabels(gazetteer).features.filter((f) => f.properties.z <= SETTLEMENT_COUNTRY_MAX_ZOOM),
    );
  });

  it('keeps the first part small: the bytes a cold load carries for its labels', () => {
    const countryBytes = Buffer.byteLength(settlementLabelsModule(country));
    const restBytes = Buffer.byteLength(settlementLabelsModule(rest));
    const geojsonBytes = Buffer.byteLength(JSON.stringify(gazetteer));
    expect(countryBytes).toBeLessThan(12_000);
    expect(countryBytes + restBytes).toBeLessThan(geojsonBytes / 3);
  });
});
