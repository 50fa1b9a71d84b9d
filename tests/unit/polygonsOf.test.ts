/** The one polygonsOf (issue #14): polygons of any geometry, collections flattened, everything else none. */
import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { polygonsOf } from '../../src/core/index.ts';

const square = (x: number): Position[][] => [
  [
    [x, 0],
    [x + 1, 0],
    [x + 1, 1],
    [x, 1],
    [x, 0],
  ],
];

describe('polygonsOf', () => {
  it('a Polygon is one polygon, a MultiPolygon its parts, in order, the same arrays', () => {
    const a = square(0);
    const b = square(2);
    expect(polygonsOf({ type: 'Polygon', coordinates: a })).toEqual([a]);
    const multi = polygonsOf({ type: 'MultiPolygon', coordinates: [a, b] });
    expect(multi).toEqual([a, b]);
    expect(multi[1]).toBe(b);
  });

  it('a GeometryCollection gives its members’ polygons, nested ones too; points and lines none', () => {
    const g: Geometry = {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [0, 0] },
        { type: 'Polygon', coordinates: square(0) },
        { type: 'GeometryCollection', geometries: [{ type: 'MultiPolygon', coordinates: [square(4)] }] },
        {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        },
      ],
    };
    expect(polygonsOf(g)).toEqual([square(0), square(4)]);
  });

  it('null, undefined and collections nested deeper than 8 give none', () => {
    expect(polygonsOf(null)).toEqual([]);
    expect(polygonsOf(undefined)).toEqual([]);
    let deep: Geometry = { type: 'Polygon', coordinates: square(0) };
    for (let i = 0; i < 10; i++) deep = { type: 'GeometryCollection', geometries: [deep] };
    expect(polygonsOf(deep)).toEqual([]);
  });
});
