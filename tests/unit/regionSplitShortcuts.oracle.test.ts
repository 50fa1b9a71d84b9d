/**
 * The shortcuts of the per-region split (src/core/geometry/overlapKm2.ts, issue #16's 20 ms goal), against GEOS and
 * under transformations that must not change a figure.
 *
 * - A region whose box no edge of the polygon comes near lies wholly inside the polygon or wholly outside it: one
 *   point decides (`wholly`). Exercised by a large polygon, with and without a hole, over a tiling of small regions:
 *   some regions lie wholly inside it, some wholly in its hole, some wholly outside but within its box.
 * - A polygon's strip index is made once and shared by every region it spans.
 * - Runs of pieces take one point-in-polygon test: a piece starting where the previous one ended, at no vertex of the
 *   other side, is on the previous piece's side. Exercised by polygons drawn through the regions' own vertices
 *   (touching and crossing there) and along their borders (shared stretches). Regions have 52 edges and the
 *   large polygon 240, so that the runs are used (from 64 pieces on).
 */
import type { Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { areaByRegion, areaKm2 } from '../../src/core/index.ts';
import { geosOverlayKm2, loadGeos, type Geos } from '../support/geos.ts';
import { mulberry32 } from '../support/random.ts';
import { FLOAT_REL, expectIndependentKm2 } from './tolerances.ts';

/** On the engine's 1e-9° grid, as a source's 9-decimal coordinates are. */
const grid = (v: number): number => Math.round(v * 1e9) / 1e9;

const COLS = 8;
const ROWS = 6;
/** Vertices along each side of a region between its corners: 52 edges a region, so the runs of pieces are used. */
const SIDE_POINTS = 12;

/**
 * A tiling of [30, 38] × [44, 50] into COLS × ROWS regions of about 1°, with jittered corners and jittered vertices
 * along every side, shared with the neighbour (as oblasts share their borders' vertices).
 */
function tiling(random: () => number): { regions: Polygon[]; corner: Position[][] } {
  const corner: Position[][] = [];
  for (let i = 0; i <= COLS; i++) {
    corner.push([]);
    for (let j = 0; j <= ROWS; j++) {
      const inner = (k: number, n: number): number => (k > 0 && k < n ? random() - 0.5 : 0) * 0.3;
      corner[i]!.push([grid(30 + i + inner(i, COLS)), grid(44 + j + inner(j, ROWS))]);
    }
  }
  // SIDE_POINTS jittered vertices along each side, shared with the neighbour (stored from the side's first corner
  // in key order, read backwards from the other).
  const middle = new Map<string, Position[]>();
  const mid = (p: Position, q: Position): Position[] => {
    const [a, b] = [p, q].map((v) => v.join(','));
    const key = a! < b! ? `${a};${b}` : `${b};${a}`;
    let m = middle.get(key);
    if (!m) {
      const [from, to] = a! < b! ? [p, q] : [q, p];
      m = Array.from({ length: SIDE_POINTS }, (_, k): Position => {
        const t = (k + 1) / (SIDE_POINTS + 1);
        return [
          grid(from[0]! + t * (to[0]! - from[0]!) + (random() - 0.5) * 0.04),
          grid(from[1]! + t * (to[1]! - from[1]!) + (random() - 0.5) * 0.04),
        ];
      });
      middle.set(key, m);
    }
    return a! < b! ? m : [...m].reverse();
  };
  const regions: Polygon[] = [];
  for (let i = 0; i < COLS; i++) {
    for (let j = 0; j < ROWS; j++) {
      const [sw, se, ne, nw] = [
        corner[i]![j]!,
        corner[i + 1]![j]!,
        corner[i + 1]![j + 1]!,
        corner[i]![j + 1]!,
      ];
      const ring = [sw, ...mid(sw, se), se, ...mid(se, ne), ne, ...mid(ne, nw), nw, ...mid(nw, sw), sw];
      regions.push({ type: 'Polygon', coordinates: [ring] });
    }
  }
  return { regions, corner };
}

/**
 * A polygon through the tiling's corners: diagonals across cells, corner to corner (the boundaries meet at the
 * corners only), with a stretch along the regions' borders through their middle vertices (a shared stretch).
 */
function throughCorners(random: () => number, corner: Position[][], regions: readonly Polygon[]): Polygon {
  const i = 1 + Math.floor(random() * 3);
  const j = 1 + Math.floor(random() * 2);
  // The south side of cell (i, j) as the region draws it: corner, the vertices along it, corner.
  const south = regions[i * ROWS + j]!.coordinates[0]!.slice(0, SIDE_POINTS + 2);
  const path: Position[] = [
    ...south,
    corner[i + 2]![j + 1]!,
    corner[i + 3]![j + 3]!,
    corner[i + 1]![j + 3]!,
    corner[i - 1]![j + 2]!,
  ];
  return { type: 'Polygon', coordinates: [[...path, path[0]!]] };
}

/** A star-shaped ring of `n` vertices around (cx, cy), radii between r and 1.3 r, counter-clockwise. */
function star(random: () => number, cx: number, cy: number, r: number, n: number): Position[] {
  const ring: Position[] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const rr = r * (1 + 0.3 * random());
    ring.push([grid(cx + rr * Math.cos(a)), grid(cy + rr * Math.sin(a) * 0.8)]);
  }
  ring.push(ring[0]!);
  return ring;
}

/** A large polygon (≥ 48 edges, so it gets a strip index), with a hole holding a whole region when `hole`. */
function bigPolygon(random: () => number, hole: boolean): Polygon {
  // Within the tiling: x 31.1–36.9, y 44.4–49.6.
  const cx = 33.5 + random();
  const cy = 46.7 + random() * 0.6;
  const outer = star(random, cx, cy, 2.2, 240);
  if (!hole) return { type: 'Polygon', coordinates: [outer] };
  return { type: 'Polygon', coordinates: [outer, star(random, cx, cy, 1.5, 60).reverse()] };
}

let geos: Geos;
beforeAll(async () => {
  geos = await loadGeos();
});

/** The regions each kind of case covers: wholly inside P, wholly outside P within P's box, and crossed. */
function kinds(
  p: Polygon,
  regions: readonly Polygon[],
): { inside: number; outsideInBox: number; crossed: number } {
  const [w, s, e, n] = boxOf(p);
  const out = { inside: 0, outsideInBox: 0, crossed: 0 };
  for (const r of regions) {
    const [rw, rs, re, rn] = boxOf(r);
    const inBox = rw >= w && re <= e && rs >= s && rn <= n;
    const km2 = geosOverlayKm2(geos, 'intersection', p, r);
    if (Math.abs(km2 - areaKm2(r)) < 1e-6 * areaKm2(r)) out.inside++;
    else if (km2 === 0 && inBox) out.outsideInBox++;
    else if (km2 > 0) out.crossed++;
  }
  return out;
}

function boxOf(g: Polygon): [number, number, number, number] {
  const xs = g.coordinates.flat().map((p) => p[0]!);
  const ys = g.coordinates.flat().map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The same polygon with every ring starting elsewhere, and its holes in the reverse order. */
function rotated(p: Polygon, random: () => number): Polygon {
  const turn = (ring: Position[]): Position[] => {
    const open = ring.slice(0, -1);
    const k = Math.floor(random() * open.length);
    const r = [...open.slice(k), ...open.slice(0, k)];
    return [...r, r[0]!];
  };
  const [outer, ...holes] = p.coordinates;
  return { type: 'Polygon', coordinates: [turn(outer!), ...holes.map(turn).reverse()] };
}

describe('areaByRegion shortcuts (GEOS oracle, metamorphic)', () => {
  it('a large polygon over a tiling of regions, with and without a hole, equals GEOS per region', () => {
    const seen = { inside: 0, outsideInBox: 0, crossed: 0 };
    for (let seed = 1; seed <= 12; seed++) {
      const random = mulberry32(seed);
      const { regions } = tiling(random);
      const p = bigPolygon(random, seed % 2 === 0);
      const k = kinds(p, regions);
      seen.inside += k.inside;
      seen.outsideInBox += k.outsideInBox;
      seen.crossed += k.crossed;
      const split = areaByRegion(p, regions);
      regions.forEach((r, i) =>
        expectIndependentKm2(
          split[i]!,
          geosOverlayKm2(geos, 'intersection', p, r),
          `seed ${seed}, region ${i}`,
        ),
      );
      // The parts add up to the whole: every part of the polygon lies in some region here.
      const sum = split.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - areaKm2(p))).toBeLessThanOrEqual(FLOAT_REL * areaKm2(p) + 1e-6);
    }
    // Every case of the shortcut arose: regions wholly inside, wholly outside within the box (in the hole or beyond
    // the star's points), and regions the boundary crosses (the general path).
    expect(seen.inside).toBeGreaterThanOrEqual(20);
    expect(seen.outsideInBox).toBeGreaterThanOrEqual(10);
    expect(seen.crossed).toBeGreaterThanOrEqual(50);
  });

  it('a polygon through the regions’ vertices and along their borders equals GEOS per region, at any ring start', () => {
    for (let seed = 41; seed <= 60; seed++) {
      const random = mulberry32(seed);
      const { regions, corner } = tiling(random);
      const p = throughCorners(random, corner, regions);
      const split = areaByRegion(p, regions);
      regions.forEach((r, i) =>
        expectIndependentKm2(
          split[i]!,
          geosOverlayKm2(geos, 'intersection', p, r),
          `seed ${seed}, region ${i}`,
        ),
      );
      const turned = areaByRegion(rotated(p, random), regions);
      split.forEach((v, i) =>
        expect(Math.abs(turned[i]! - v), `seed ${seed}, region ${i}`).toBeLessThanOrEqual(
          FLOAT_REL * areaKm2(p),
        ),
      );
    }
  });

  it('boundaries crossing exactly at vertices both have (no split point there) change the side of a run', () => {
    // R: [30, 32] × [45, 46] with a vertex every 0.05° (160 edges, so the runs are used). P: west of x = 31, its east
    // side running through R's vertices (31, 45) and (31, 46), which are P's vertices too: the boundaries cross
    // there without splitting either, and only the vertex sets tell a run of pieces that its side changes.
    const side = (from: Position, to: Position): Position[] =>
      Array.from({ length: 40 }, (_, k): Position => [
        grid(from[0]! + ((to[0]! - from[0]!) * k) / 40),
        grid(from[1]! + ((to[1]! - from[1]!) * k) / 40),
      ]);
    const r: Position[] = [
      ...side([30, 45], [32, 45]),
      ...side([32, 45], [32, 46]),
      ...side([32, 46], [30, 46]),
      ...side([30, 46], [30, 45]),
    ];
    const region: Polygon = { type: 'Polygon', coordinates: [[...r, r[0]!]] };
    const p: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [29, 44],
          [31, 44],
          [31, 45],
          [31, 46],
          [31, 47],
          [29, 47],
          [29, 44],
        ],
      ],
    };
    const west: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [30, 45],
          [31, 45],
          [31, 46],
          [30, 46],
          [30, 45],
        ],
      ],
    };
    for (const [a, b] of [
      [p, region],
      [region, p],
    ] as const) {
      const [inside] = areaByRegion(a, [b]);
      expectIndependentKm2(inside!, areaKm2(west), 'crossing at shared vertices');
      expectIndependentKm2(
        inside!,
        geosOverlayKm2(geos, 'intersection', a, b),
        'crossing at shared vertices, GEOS',
      );
    }
  });

  it('rotating ring starts, reversing the holes and reordering the regions keeps every figure', () => {
    for (let seed = 21; seed <= 28; seed++) {
      const random = mulberry32(seed);
      const { regions } = tiling(random);
      const p = bigPolygon(random, true);
      const base = areaByRegion(p, regions);
      const turned = areaByRegion(rotated(p, random), regions);
      const order = regions.map((_, i) => i).reverse();
      const reordered = areaByRegion(
        p,
        order.map((i) => regions[i]!),
      );
      base.forEach((v, i) => {
        expect(Math.abs(turned[i]! - v), `seed ${seed}, region ${i}, rotated`).toBeLessThanOrEqual(
          FLOAT_REL * areaKm2(p),
        );
        expect(reordered[order.indexOf(i)], `seed ${seed}, region ${i}, reordered`).toBe(v);
      });
    }
  });
});
