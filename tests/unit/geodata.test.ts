import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { area, booleanClockwise, booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

interface OblastProps {
  iso: string;
  name_en: string;
  name_uk: string;
}

interface FocusProps {
  id: string;
  name_en: string;
  name_uk: string;
  radius_km: number;
  center: [number, number];
  geonames_id?: number;
  oblast: string;
  note: string;
}

function load<G extends Polygon | MultiPolygon, P>(file: string): FeatureCollection<G, P> {
  const url = new URL(`../../geodata/${file}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as FeatureCollection<G, P>;
}

const oblasts = load<Polygon | MultiPolygon, OblastProps>('oblasts.geojson');
const focus = load<Polygon, FocusProps>('focus-areas.geojson');

const byIso = new Map(oblasts.features.map((f) => [f.properties.iso, f]));

function polygonsOf(f: Feature<Polygon | MultiPolygon>): Position[][][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

function checkRings(f: Feature<Polygon | MultiPolygon>, label: string): void {
  for (const rings of polygonsOf(f)) {
    rings.forEach((ring, i) => {
      const where = `${label} ring ${i}`;
      expect(ring.length, `${where} has < 4 positions`).toBeGreaterThanOrEqual(4);
      expect(ring[ring.length - 1], `${where} is not closed`).toEqual(ring[0]);
      // RFC 7946: exterior rings counter-clockwise, holes clockwise.
      expect(booleanClockwise(ring), `${where} winding`).toBe(i > 0);
    });
  }
}

describe('geodata/oblasts.geojson', () => {
  it('has the 27 first-level units, sorted by ISO code and unique', () => {
    expect(oblasts.type).toBe('FeatureCollection');
    expect(oblasts.features).toHaveLength(27);
    const isos = oblasts.features.map((f) => f.properties.iso);
    expect(new Set(isos).size).toBe(27);
    expect(isos).toEqual([...isos].sort());
    for (const iso of isos) expect(iso).toMatch(/^UA-\d\d$/);
  });

  it('keeps only iso, name_en and name_uk', () => {
    for (const f of oblasts.features) {
      expect(Object.keys(f.properties)).toEqual(['iso', 'name_en', 'name_uk']);
    }
  });

  it('includes Crimea and Sevastopol (tagged RUS by Natural Earth)', () => {
    expect(byIso.get('UA-43')?.properties).toEqual({
      iso: 'UA-43',
      name_en: 'Autonomous Republic of Crimea',
      name_uk: 'Автономна Республіка Крим',
    });
    expect(byIso.get('UA-40')?.properties).toEqual({
      iso: 'UA-40',
      name_en: 'Sevastopol',
      name_uk: 'Севастополь',
    });
  });

  it('has the four contested oblasts with names', () => {
    const expected: Record<string, [string, string]> = {
      'UA-09': ['Luhansk', 'Луганська область'],
      'UA-14': ['Donetsk', 'Донецька область'],
      'UA-23': ['Zaporizhzhia', 'Запорізька область'],
      'UA-65': ['Kherson', 'Херсонська область'],
    };
    for (const [iso, [en, uk]] of Object.entries(expected)) {
      expect(byIso.get(iso)?.properties, iso).toEqual({ iso, name_en: en, name_uk: uk });
    }
  });

  it('applies the name overrides', () => {
    expect(byIso.get('UA-30')?.properties.name_en).toBe('Kyiv');
    expect(byIso.get('UA-32')?.properties.name_en).toBe('Kyiv Oblast');
    expect(byIso.get('UA-32')?.properties.name_uk).toBe('Київська область');
    expect(byIso.get('UA-51')?.properties.name_en).toBe('Odesa');
    const en = oblasts.features.map((f) => f.properties.name_en);
    const uk = oblasts.features.map((f) => f.properties.name_uk);
    expect(new Set(en).size).toBe(27);
    expect(new Set(uk).size).toBe(27);
  });

  it('gives Donetsk oblast an area within 1% of 26,517 km²', () => {
    const donetsk = byIso.get('UA-14');
    expect(donetsk).toBeDefined();
    const km2 = area(donetsk!) / 1e6;
    expect(Math.abs(km2 - 26517) / 26517).toBeLessThan(0.01);
  });

  it('has closed rings of ≥ 4 positions, exteriors CCW and holes CW', () => {
    for (const f of oblasts.features) checkRings(f, f.properties.iso);
  });

  it('rounds coordinates to at most 5 decimals', () => {
    const bad: string[] = [];
    for (const f of oblasts.features) {
      for (const rings of polygonsOf(f)) {
        for (const ring of rings) {
          for (const p of ring) {
            if (p.length !== 2 || p.some((x) => Math.round(x * 1e5) / 1e5 !== x)) {
              bad.push(`${f.properties.iso} ${JSON.stringify(p)}`);
            }
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('geodata/focus-areas.geojson', () => {
  const byId = new Map(focus.features.map((f) => [f.properties.id, f]));

  it('has 10 areas with unique kebab-case ids', () => {
    expect(focus.features).toHaveLength(10);
    expect(byId.size).toBe(10);
    for (const f of focus.features) {
      expect(f.properties.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(f.properties.name_en).not.toBe('');
      expect(f.properties.name_uk).not.toBe('');
      expect(f.properties.note).not.toBe('');
      expect(f.properties.radius_km).toBeGreaterThan(0);
      expect(f.geometry.type).toBe('Polygon');
    }
  });

  it('has closed CCW rings of 65 positions', () => {
    for (const f of focus.features) {
      checkRings(f, f.properties.id);
      expect(f.geometry.coordinates).toHaveLength(1);
      expect(f.geometry.coordinates[0]).toHaveLength(65);
    }
  });

  it('makes pokrovsk-area 10 km and takes in Myrnohrad', () => {
    const pokrovsk = byId.get('pokrovsk-area');
    expect(pokrovsk).toBeDefined();
    expect(pokrovsk!.properties.radius_km).toBe(10);
    const myrnohrad = byId.get('myrnohrad');
    expect(myrnohrad).toBeDefined();
    expect(myrnohrad!.properties.center).toEqual([37.26513, 48.3099]);
    expect(booleanPointInPolygon(point(myrnohrad!.properties.center), pokrovsk!)).toBe(true);
  });

  it('puts every centre inside its own circle and inside the oblast it names', () => {
    for (const f of focus.features) {
      const { id, center, oblast } = f.properties;
      expect(booleanPointInPolygon(point(center), f), id).toBe(true);
      const unit = byIso.get(oblast);
      expect(unit, `${id}: unknown oblast ${oblast}`).toBeDefined();
      expect(booleanPointInPolygon(point(center), unit!), `${id} in ${oblast}`).toBe(true);
    }
  });

  it('has a radius matching the geometry (within 0.5%)', () => {
    for (const f of focus.features) {
      const expected = Math.PI * f.properties.radius_km ** 2;
      const km2 = area(f) / 1e6;
      // 64-gon inscribed in the circle: area ratio sin(2π/64)·64/(2π) ≈ 0.9984.
      expect(Math.abs(km2 - expected) / expected, f.properties.id).toBeLessThan(0.005);
    }
  });
});
