// geodata/settlements.geojson (issue #12): what scripts/build-settlements.mjs derives from GeoNames' cities500.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { booleanPointInPolygon, distance } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

interface Place {
  id: number;
  name_en: string;
  name_uk: string | null;
  name_source: string;
  population: number;
  oblast: string | null;
}

const read = <T>(file: string): T =>
  JSON.parse(readFileSync(new URL(`../../geodata/${file}`, import.meta.url), 'utf8')) as T;
const places = read<FeatureCollection<Point, Place>>('settlements.geojson').features;
const oblasts = read<FeatureCollection<Polygon | MultiPolygon, { iso: string }>>('oblasts.geojson').features;
const byName = (name: string) => places.filter((f) => f.properties.name_en === name);
const one = (name: string) => {
  const found = byName(name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};

describe('geodata/settlements.geojson', () => {
  it('holds the Ukrainian places of cities500, sorted by unique GeoNames id', () => {
    expect(places.length).toBeGreaterThan(2800);
    expect(places.length).toBeLessThan(2900);
    const ids = places.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('writes the properties in the stated order, with the stated types', () => {
    for (const f of places) {
      expect(Object.keys(f.properties)).toEqual([
        'id',
        'name_en',
        'name_uk',
        'name_source',
        'population',
        'oblast',
      ]);
      const p = f.properties;
      expect(Number.isInteger(p.id)).toBe(true);
      expect(p.name_en).not.toBe('');
      expect(p.name_source).not.toBe('');
      expect(Number.isInteger(p.population) && p.population >= 0).toBe(true);
      expect(p.oblast === null || /^UA-\d\d$/.test(p.oblast)).toBe(true);
      expect(f.geometry.type).toBe('Point');
      for (const c of f.geometry.coordinates) expect(Math.round(c * 1e5) / 1e5).toBe(c);
    }
  });

  it('has Pokrovsk and Myrnohrad with their Ukrainian names, in Donetsk oblast', () => {
    expect(one('Pokrovsk').properties).toMatchObject({ id: 704422, name_uk: 'Покровськ', oblast: 'UA-14' });
    expect(one('Myrnohrad').properties).toMatchObject({ id: 710035, name_uk: 'Мирноград', oblast: 'UA-14' });
  });

  it('picks the Ukrainian spelling where GeoNames also lists the Russian or Belarusian one', () => {
    const expected: Record<string, string> = {
      Kramatorsk: 'Краматорськ', // not Краматорск
      Kurakhove: 'Курахове', // not Курахово
      Sevastopol: 'Севастополь', // not Bulgarian Севастопол
      Kyiv: 'Київ',
      Kharkiv: 'Харків',
      Svyatogorsk: 'Святогірськ', // GeoNames' name is the Russian romanisation
      Kupiansk: 'Куп’янськ', // not Купянськ
    };
    for (const [en, uk] of Object.entries(expected)) expect(one(en).properties.name_uk, en).toBe(uk);
    // GeoNames has only the Russian form Новоселовка for this Novoselivka (Ukrainian і written о): no name at all.
    expect(places.find((f) => f.properties.id === 699185)?.properties.name_uk).toBeNull();
  });

  it('never has a Russian-only letter, a Latin letter, or a Russian ending without a Ukrainian mark in name_uk', () => {
    const named = places.filter((f) => f.properties.name_uk !== null);
    expect(named.length / places.length).toBeGreaterThan(0.97);
    for (const f of named) {
      const uk = f.properties.name_uk!;
      expect(uk, f.properties.name_en).not.toMatch(/[ыэъёЫЭЪЁa-z]/iu);
      if (!/[іїєґ'’ʼ]|[сц]ьк/iu.test(uk))
        expect(uk, f.properties.name_en).not.toMatch(/(ое|ая|ой|ее|[сц]к)$/u);
    }
  });

  it('puts known towns in the right oblast', () => {
    const expected: Record<string, string> = {
      Kyiv: 'UA-30',
      Kharkiv: 'UA-63',
      Kupiansk: 'UA-63',
      Bakhmut: 'UA-14',
      Luhansk: 'UA-09',
      Simferopol: 'UA-43',
      Sevastopol: 'UA-40',
      Kherson: 'UA-65', // just outside Natural Earth's outline: the nearest-outline rule
      Lviv: 'UA-46',
      Odesa: 'UA-51',
      Dnipro: 'UA-12',
    };
    for (const [en, iso] of Object.entries(expected)) expect(one(en).properties.oblast, en).toBe(iso);
  });

  it('gives a place inside an oblast outline that oblast (independent check with Turf)', () => {
    let inside = 0;
    for (const f of places) {
      const holders = oblasts
        .filter((o) => booleanPointInPolygon(f.geometry, o))
        .map((o) => o.properties.iso);
      if (holders.length === 0) continue;
      inside++;
      expect(holders, f.properties.name_en).toContain(f.properties.oblast);
    }
    expect(inside).toBeGreaterThan(places.length * 0.98);
  });

  it('merges the same place spelt twice: Kurakhove is kept, Kurakhovo (703646) is gone', () => {
    expect(one('Kurakhove').properties.id).toBe(695357);
    expect(places.find((f) => f.properties.id === 703646)).toBeUndefined();
  });

  it('has no two places within 2 km whose names are one edit apart or equal in Ukrainian', () => {
    const edits = (a: string, b: string): number => {
      const row = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        let diag = row[0]!;
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
          const up = row[j]!;
          row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
          diag = up;
        }
      }
      return row[b.length]!;
    };
    const lat = (f: (typeof places)[number]): number => f.geometry.coordinates[1]!;
    const sorted = [...places].sort((a, b) => lat(a) - lat(b));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const [a, b] = [sorted[i]!, sorted[j]!];
        if (lat(b) - lat(a) > 0.02) break;
        if (distance(a, b, { units: 'kilometers' }) > 2) continue;
        const pa = a.properties;
        const pb = b.properties;
        const similar =
          edits(pa.name_en.toLowerCase(), pb.name_en.toLowerCase()) <= 1 ||
          (pa.name_uk !== null && pa.name_uk === pb.name_uk);
        expect(similar, `${pa.name_en} (${pa.id}) and ${pb.name_en} (${pb.id})`).toBe(false);
      }
    }
  });
});
