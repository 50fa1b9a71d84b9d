import { describe, expect, it } from 'vitest';
import { FOCUS_AREA_IDS, FOCUS_AREAS, focusAreaAt, focusAreaBounds } from '../../src/ui/focusAreas.ts';

describe('focus areas bundled with the app', () => {
  it('lists the ids of geodata/focus-areas.geojson, each once', () => {
    expect(FOCUS_AREA_IDS).toHaveLength(10);
    expect(new Set(FOCUS_AREA_IDS).size).toBe(10);
    expect(FOCUS_AREA_IDS).toContain('pokrovsk-area');
  });

  it('bounds each circle around its centre, about its radius on each side', () => {
    for (const f of FOCUS_AREAS.features) {
      const [[w, s], [e, n]] = focusAreaBounds(f.properties.id)!;
      const [lng, lat] = f.properties.center;
      const r = f.properties.radius_km;
      // 1° of latitude is ~111 km; of longitude ~111·cos(lat) km.
      expect((n - lat) * 111).toBeCloseTo(r, 0);
      expect((lat - s) * 111).toBeCloseTo(r, 0);
      expect((e - lng) * 111 * Math.cos((lat * Math.PI) / 180)).toBeCloseTo(r, 0);
      expect((lng - w) * 111 * Math.cos((lat * Math.PI) / 180)).toBeCloseTo(r, 0);
    }
  });

  it('has no bounds for an unknown id', () => {
    expect(focusAreaBounds('atlantis')).toBeNull();
  });
});

describe('focusAreaAt: which circle a click on the map hits', () => {
  it('finds each circle at its centre, and nothing far from every circle', () => {
    for (const f of FOCUS_AREAS.features) {
      const [lng, lat] = f.properties.center;
      const hit = focusAreaAt(lng, lat);
      // Where circles overlap the smallest holding the point wins; a centre is at least inside its own circle.
      const containing = FOCUS_AREAS.features.filter((g) => {
        const [gl, gt] = g.properties.center;
        const dy = (lat - gt) * 111;
        const dx = (lng - gl) * 111 * Math.cos((lat * Math.PI) / 180);
        return Math.hypot(dx, dy) < g.properties.radius_km * 0.98;
      });
      const smallest = containing.reduce((a, b) => (b.properties.radius_km < a.properties.radius_km ? b : a));
      expect(hit, f.properties.id).toBe(smallest.properties.id);
    }
    expect(focusAreaAt(30.52, 50.45)).toBeNull(); // Kyiv
    expect(focusAreaAt(0, 0)).toBeNull();
  });

  it('hits just inside the rim and misses just outside it', () => {
    const pokrovsk = FOCUS_AREAS.features.find((f) => f.properties.id === 'pokrovsk-area')!;
    const [lng, lat] = pokrovsk.properties.center;
    const r = pokrovsk.properties.radius_km;
    // Due north: 1° of latitude is ~111 km; the polygon's edges cut the circle by well under 1% at its vertices.
    expect(focusAreaAt(lng, lat + (r * 0.97) / 111)).toBe('pokrovsk-area');
    expect(focusAreaAt(lng, lat + (r * 1.03) / 111)).not.toBe('pokrovsk-area');
  });
});
