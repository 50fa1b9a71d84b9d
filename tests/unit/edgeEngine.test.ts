/**
 * The pieces of the edge-based change engine (src/core/geometry/edgeChange.ts and the modules it is built from), on small
 * authored cases where the right answer is known: degenerate contacts (T-junctions, collinear overlaps, corners),
 * linking edges into rings, the 1e-9° snap, areas inside regions against Turf's intersect, and unions against Turf's.
 */
import { featureCollection, intersect, union } from '@turf/turf';
import type { Feature, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  areaByRegion,
  areaKm2,
  edgeSetOf,
  edgeChange,
  type AreaGeometry,
  type EdgeSet,
} from '../../src/core/index.ts';
import { TERM_TO_KM2 } from '../../src/core/geometry/edgeArea.ts';
import { linkRings, ringsOf } from '../../src/core/geometry/linkRings.ts';
import { splitEdges } from '../../src/core/geometry/splitEdges.ts';
import { unionEdges } from '../../src/core/geometry/unionEdges.ts';
import { FLOAT_REL } from './tolerances.ts';

const box = (w: number, s: number, e: number, n: number): Position[] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const close = (x: number, y: number): boolean => Math.abs(x - y) <= FLOAT_REL * Math.max(1, Math.abs(y));

describe('edgeSetOf', () => {
  it('sums to areaKm2 whatever the winding, holes included', () => {
    const shell = box(37, 48, 37.2, 48.2);
    const hole = box(37.05, 48.05, 37.1, 48.1);
    const g = poly(shell, hole);
    const reversed = poly([...shell].reverse(), [...hole].reverse());
    for (const x of [g, reversed])
      expect(close(edgeSetOf([x.coordinates]).total * TERM_TO_KM2, areaKm2(g))).toBe(true);
  });

  it('snaps coordinates to 1e-9°, so a vertex written with a different last bit is the same vertex', () => {
    const s = edgeSetOf([[box(37, 48.1465936, 37.1, 48.2)]]);
    const t = edgeSetOf([[box(37, 48.14659360000001, 37.1, 48.2)]]);
    expect([...s.y0]).toEqual([...t.y0]);
  });
});

describe('splitEdges', () => {
  /** Bare edges (no area terms needed here). */
  const set = (...edges: [number, number, number, number][]): EdgeSet => ({
    n: edges.length,
    x0: Float64Array.from(edges.map((e) => e[0])),
    y0: Float64Array.from(edges.map((e) => e[1])),
    x1: Float64Array.from(edges.map((e) => e[2])),
    y1: Float64Array.from(edges.map((e) => e[3])),
    term: new Float64Array(edges.length),
    box: [0, 0, 0, 0],
    total: 0,
  });
  const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
  const coords = (p: { x0: number[]; y0: number[]; x1: number[]; y1: number[] }) =>
    p.x0.map((_, i) => [p.x0[i], p.y0[i], p.x1[i], p.y1[i]]);

  it('splits two crossing edges at one shared point', () => {
    const [p, q] = splitEdges(set([0, 0, 2, 2]), all(1), set([0, 2, 2, 0]), all(1));
    expect(coords(p)).toEqual([
      [0, 0, 1, 1],
      [1, 1, 2, 2],
    ]);
    expect(coords(q)).toEqual([
      [0, 2, 1, 1],
      [1, 1, 2, 0],
    ]);
  });

  it('splits an edge where a vertex of the other touches it (T-junction), and only that edge', () => {
    const [p, q] = splitEdges(set([0, 0, 4, 0]), all(1), set([2, 0, 2, 3]), all(1));
    expect(coords(p)).toEqual([
      [0, 0, 2, 0],
      [2, 0, 4, 0],
    ]);
    expect(coords(q)).toEqual([[2, 0, 2, 3]]);
  });

  it('splits collinear overlapping edges at each other’s ends, so the shared stretch coincides exactly', () => {
    const [p, q] = splitEdges(set([0, 0, 4, 0]), all(1), set([6, 0, 2, 0]), all(1));
    expect(coords(p)).toEqual([
      [0, 0, 2, 0],
      [2, 0, 4, 0],
    ]);
    expect(coords(q)).toEqual([
      [6, 0, 4, 0],
      [4, 0, 2, 0],
    ]);
  });

  it('leaves edges that only share an endpoint, or are apart, whole', () => {
    const [p, q] = splitEdges(
      set([0, 0, 1, 1], [5, 5, 6, 5]),
      all(2),
      set([1, 1, 2, 0], [0, 3, 1, 4]),
      all(2),
    );
    expect(p.x0.length).toBe(2);
    expect(q.x0.length).toBe(2);
  });

  it('finds the same crossings through its grid as by testing every pair (many edges)', () => {
    // 80 vertical edges against 80 horizontal ones: 6,400 pairs, above the brute-force limit; every pair crosses.
    const v = Array.from({ length: 80 }, (_, i): [number, number, number, number] => [
      i + 0.5,
      -1,
      i + 0.5,
      81,
    ]);
    const h = Array.from({ length: 80 }, (_, i): [number, number, number, number] => [
      -1,
      i + 0.5,
      81,
      i + 0.5,
    ]);
    const [p, q] = splitEdges(set(...v), all(80), set(...h), all(80));
    expect(p.x0.length).toBe(80 * 81);
    expect(q.x0.length).toBe(80 * 81);
  });
});

describe('linkRings', () => {
  const pieces = (...rings: Position[][]) => {
    const out = {
      x0: [] as number[],
      y0: [] as number[],
      x1: [] as number[],
      y1: [] as number[],
      term: [] as number[],
    };
    const set = edgeSetOf(rings.map((r) => [r]));
    for (let i = 0; i < set.n; i++) {
      out.x0.push(set.x0[i]!);
      out.y0.push(set.y0[i]!);
      out.x1.push(set.x1[i]!);
      out.y1.push(set.y1[i]!);
      out.term.push(set.term[i]!);
    }
    return out;
  };

  it('keeps two squares touching at a corner as two polygons', () => {
    const linked = linkRings(pieces(box(0, 0, 1, 1), box(1, 1, 2, 2)))!;
    expect(linked.map((p) => ringsOf(p).length)).toEqual([1, 1]);
  });

  it('merges two squares sharing an edge into one polygon (the shared edge is interior)', () => {
    const linked = linkRings(pieces(box(0, 0, 1, 1), box(1, 0, 2, 1)))!;
    expect(linked).toHaveLength(1);
    expect(ringsOf(linked[0]!)[0]).toHaveLength(7);
  });

  it('puts a hole into the outer ring around it, not into another', () => {
    const hole = [...box(10.2, 0.2, 10.4, 0.4)].reverse();
    const set = pieces(box(0, 0, 1, 1), box(10, 0, 11, 1));
    const h = pieces(hole);
    for (const k of ['x0', 'y0', 'x1', 'y1'] as const) set[k].push(...h[k].map((x) => x));
    // edgeSetOf made the lone ring an outer ring (counter-clockwise); as a hole it must run clockwise.
    const n = h.x0.length;
    for (let i = 0; i < n; i++) {
      const j = set.x0.length - n + i;
      [set.x0[j], set.x1[j]] = [set.x1[j]!, set.x0[j]!];
      [set.y0[j], set.y1[j]] = [set.y1[j]!, set.y0[j]!];
    }
    set.term.push(...h.term.map((t) => -t));
    const linked = linkRings(set)!;
    expect(linked.map((p) => ringsOf(p).length).sort()).toEqual([1, 2]);
    expect(linked.find((p) => ringsOf(p).length === 2)!.edges.box[0]).toBe(10);
  });

  it('returns null, rather than a broken polygon, when the edges do not close', () => {
    const open = pieces(box(0, 0, 1, 1));
    for (const k of ['x0', 'y0', 'x1', 'y1', 'term'] as const) open[k].pop();
    expect(linkRings(open)).toBeNull();
  });
});

describe('edgeChange on degenerate contacts', () => {
  const km2 = (g: Polygon) => areaKm2(g);

  it('B = A plus a square sharing one edge of A: the gain is that square, nothing lost', () => {
    const a = poly(box(37, 48, 37.1, 48.1));
    const b = poly([
      [37, 48],
      [37.2, 48],
      [37.2, 48.1],
      [37, 48.1],
      [37, 48],
    ]);
    const c = edgeChange(a, b)!;
    expect(close(c.gainedKm2, km2(poly(box(37.1, 48, 37.2, 48.1))))).toBe(true);
    expect(c.lostKm2).toBe(0);
  });

  it('A and B touching only at a corner: everything is gained and lost, nothing shared', () => {
    const a = poly(box(37, 48, 37.1, 48.1));
    const b = poly(box(37.1, 48.1, 37.2, 48.2));
    const c = edgeChange(a, b)!;
    expect(close(c.gainedKm2, km2(b))).toBe(true);
    expect(close(c.lostKm2, km2(a))).toBe(true);
  });

  it('B a hole punched into A: the loss is the hole', () => {
    const a = poly(box(37, 48, 37.3, 48.3));
    const hole = box(37.1, 48.1, 37.2, 48.2);
    const b = poly(box(37, 48, 37.3, 48.3), [...hole].reverse());
    const c = edgeChange(a, b)!;
    expect(c.gainedKm2).toBe(0);
    expect(close(c.lostKm2, km2(poly(hole)))).toBe(true);
  });

  it('vertices differing in the last bit between the two dates count as the same (no sliver, no fallback)', () => {
    const a = poly(box(37, 48.1465936, 37.1, 48.2));
    const b = poly(box(37, 48.14659360000001, 37.1, 48.2));
    expect(edgeChange(a, b)).toMatchObject({ gainedKm2: 0, lostKm2: 0, gained: null, lost: null });
  });
});

describe('areaByRegion', () => {
  const region = (g: Polygon): Feature<Polygon> => ({ type: 'Feature', geometry: g, properties: {} });
  const turfInside = (g: AreaGeometry, r: Polygon): number =>
    areaKm2(
      (intersect(featureCollection([region(g as Polygon), region(r)]))?.geometry as AreaGeometry) ?? null,
    );

  // Split along a sloping line through binary fractions, so that points on it are exactly on it (a meridian would
  // hide mistakes: its edges have no area term).
  const west = poly([
    [36, 47],
    [37, 47],
    [37.125, 49],
    [36, 49],
    [36, 47],
  ]);
  const east = poly([
    [37, 47],
    [38, 47],
    [38, 49],
    [37.125, 49],
    [37, 47],
  ]);
  const circle = poly(
    Array.from({ length: 65 }, (_, i): Position => {
      const t = ((i % 64) / 64) * 2 * Math.PI;
      return [37.05 + 0.02 * Math.cos(t), 48.05 + 0.015 * Math.sin(t)];
    }),
  );
  const cases: [string, Polygon][] = [
    ['a square straddling the line', poly(box(37, 48, 37.1, 48.1))],
    [
      'a square with a hole, straddling',
      poly(box(37, 48, 37.1, 48.1), [...box(37.03, 48.03, 37.07, 48.07)].reverse()),
    ],
    [
      'a quadrilateral with an edge on the line',
      poly([
        [37.0625, 48],
        [37.2, 48],
        [37.2, 48.5],
        [37.09375, 48.5],
        [37.0625, 48],
      ]),
    ],
    ['a square wholly inside one region', poly(box(37.5, 48, 37.6, 48.1))],
    ['a square around the whole circle', poly(box(37, 48, 37.1, 48.1))],
  ];
  it.each(cases)('%s: equals Turf’s intersect, region by region', (_name, g) => {
    const regions = [west, east, circle];
    const ours = areaByRegion(g, regions);
    regions.forEach((r, k) => {
      expect(Math.abs(ours[k]! - turfInside(g, r))).toBeLessThanOrEqual(1e-7 * areaKm2(g));
    });
  });

  it('is zero for regions it does not reach, and for no geometry at all', () => {
    expect(areaByRegion(poly(box(30, 40, 30.1, 40.1)), [west, east])).toEqual([0, 0]);
    expect(areaByRegion(null, [west])).toEqual([0]);
  });
});

describe('unionEdges', () => {
  const area = (g: AreaGeometry | null | undefined) => areaKm2(g ?? null);
  const turfUnion = (...gs: Polygon[]) =>
    union(
      featureCollection(gs.map((g): Feature<Polygon> => ({ type: 'Feature', geometry: g, properties: {} }))),
    )!.geometry as AreaGeometry;
  const cases: [string, Polygon[]][] = [
    ['two overlapping squares', [poly(box(37, 48, 37.2, 48.2)), poly(box(37.1, 48.1, 37.3, 48.3))]],
    [
      'two squares sharing an edge (they merge)',
      [poly(box(37, 48, 37.1, 48.1)), poly(box(37.1, 48, 37.2, 48.1))],
    ],
    [
      'two overlapping parts sharing a stretch of outer boundary, same side',
      [poly(box(37, 48, 37.2, 48.1)), poly(box(37, 48, 37.1, 48.2))],
    ],
    ['a square inside another', [poly(box(37, 48, 37.3, 48.3)), poly(box(37.1, 48.1, 37.2, 48.2))]],
    ['disjoint squares', [poly(box(37, 48, 37.1, 48.1)), poly(box(38, 48, 38.1, 48.1))]],
    [
      'a ring filling another’s hole exactly',
      [
        poly(box(37, 48, 37.3, 48.3), [...box(37.1, 48.1, 37.2, 48.2)].reverse()),
        poly(box(37.1, 48.1, 37.2, 48.2)),
      ],
    ],
    [
      'three parts meeting at a corner, one overlapping two',
      [
        poly(box(37, 48, 37.1, 48.1)),
        poly(box(37.1, 48.1, 37.2, 48.2)),
        poly(box(37.05, 48.05, 37.15, 48.15)),
      ],
    ],
  ];
  it.each(cases)('%s: the area of Turf’s union', (_name, parts) => {
    const ours = unionEdges(parts);
    expect(ours).not.toBeUndefined();
    expect(Math.abs(area(ours) - area(turfUnion(...parts)))).toBeLessThanOrEqual(
      1e-9 * area(turfUnion(...parts)),
    );
  });

  it('leaves no trace of a border two parts share: one polygon, no hole, no internal edge', () => {
    const merged = unionEdges([poly(box(37, 48, 37.1, 48.1)), poly(box(37.1, 48, 37.2, 48.1))])!;
    expect(merged.type === 'MultiPolygon' && merged.coordinates.length).toBe(1);
    expect(merged.type === 'MultiPolygon' && merged.coordinates[0]!.length).toBe(1);
  });

  it('is null for nothing', () => {
    expect(unionEdges([])).toBeNull();
  });
});
