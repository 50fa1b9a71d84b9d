import { describe, expect, it } from 'vitest';
import { FOCUS_AREA_IDS, FOCUS_AREAS, focusAreaBounds } from '../../src/ui/focusAreas.ts';

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
