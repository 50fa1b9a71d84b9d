/**
 * Hand-written geometry of the front-line length (issue #15) against GEOS (geos-wasm), which shares no code with it:
 * the Douglas–Peucker generalisation (src/core/geometry/generaliseLine.ts) against GEOSSimplify, and the outline's distance
 * search (src/core/geometry/frontOutline.ts, a grid) against GEOSDistance over every segment of the real outline.
 */
import { readFileSync } from 'node:fs';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { generaliseLine, type FrontOutlineCollection } from '../../src/core/index.ts';
import { M_PER_DEG, outlineDistance, outlineIndexOf } from '../../src/core/geometry/frontOutline.ts';
import { loadGeos } from '../support/geos.ts';

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('generaliseLine against GEOS Douglas–Peucker', () => {
  it('keeps the same vertices as GEOSSimplify on random walks, in the same local frame', async () => {
    const geos = await loadGeos();
    for (let seed = 1; seed <= 20; seed++) {
      const rnd = random(seed);
      const line: Position[] = [[36 + rnd(), 47 + rnd()]];
      for (let i = 0; i < 400; i++) {
        const [x, y] = line[line.length - 1]!;
        line.push([x! + (rnd() - 0.3) * 0.01, y! + (rnd() - 0.5) * 0.01]);
      }
      for (const tol of [200, 1000, 3000]) {
        const ours = generaliseLine(line, tol);
        // The frame generaliseLine measures in: metres, x scaled by cos(mean latitude).
        const meanLat = line.reduce((s, p) => s + p[1]!, 0) / line.length;
        const k = Math.cos((meanLat * Math.PI) / 180) * M_PER_DEG;
        const projected = line.map((p) => [p[0]! * k, p[1]! * M_PER_DEG]);
        const theirs = geos.simplifyLine(projected, tol);
        expect(ours.length, `seed ${seed}, ${tol} m`).toBe(theirs.length);
        ours.forEach((p, i) => {
          expect(p[0]! * k).toBeCloseTo(theirs[i]![0]!, 6);
          expect(p[1]! * M_PER_DEG).toBeCloseTo(theirs[i]![1]!, 6);
        });
      }
    }
  });
});

describe('outlineDistance against GEOSDistance on the real outline', () => {
  it('finds the nearest segment within the search radius, and none beyond it', async () => {
    const geos = await loadGeos();
    const outline = JSON.parse(
      readFileSync(new URL('../../geodata/front-outline.geojson', import.meta.url), 'utf8'),
    ) as FrontOutlineCollection;
    const ix = outlineIndexOf(outline);
    // The border and the coast: the Dnipro's water (polygons) is not part of this index.
    const all = outline.features.flatMap((f) =>
      f.geometry.type === 'MultiLineString' ? f.geometry.coordinates : [],
    );
    const rnd = random(7);
    // Points near the outline: a vertex of it, moved by up to ~4 km.
    let near = 0;
    for (let n = 0; n < 150; n++) {
      const line = all[Math.floor(rnd() * all.length)]!;
      const v = line[Math.floor(rnd() * line.length)]!;
      const lon = v[0]! + (rnd() - 0.5) * 0.1;
      const lat = v[1]! + (rnd() - 0.5) * 0.07;
      const k = Math.cos((lat * Math.PI) / 180);
      // Only lines near the point, projected in the point's own frame (as outlineDistance measures).
      const local = all
        .filter((l) => l.some((p) => Math.abs(p[0]! - lon) < 1 && Math.abs(p[1]! - lat) < 1))
        .map((l) => l.map((p) => [p[0]! * k * M_PER_DEG, p[1]! * M_PER_DEG]));
      const expected = local.length
        ? geos.distanceToLines([lon * k * M_PER_DEG, lat * M_PER_DEG], local)
        : Infinity;
      const ours = outlineDistance(ix, lon, lat, 2000);
      if (expected <= 2000) {
        near++;
        expect(ours.m).toBeCloseTo(expected, 3);
      } else expect(ours.kind).toBeNull();
    }
    expect(near).toBeGreaterThan(30);
  });
});
