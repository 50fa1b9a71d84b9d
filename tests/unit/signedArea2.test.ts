/** The one shoelace (issue #14): sign is the winding, rotating a ring keeps it, reversing it negates it. */
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { signedArea2 } from '../../src/core/geometry/signedArea2.ts';

const ccw: Position[] = [
  [37, 48],
  [37.5, 48],
  [37.5, 48.25],
  [37, 48.25],
  [37, 48],
];

describe('signedArea2', () => {
  it('is twice the planar area, positive counter-clockwise, negative clockwise', () => {
    expect(signedArea2(ccw)).toBeCloseTo(2 * 0.5 * 0.25, 9);
    expect(signedArea2([...ccw].reverse())).toBeCloseTo(-2 * 0.5 * 0.25, 9);
  });
  it('a rotated ring (another start vertex) has the same value', () => {
    const open = ccw.slice(0, -1);
    for (let k = 1; k < open.length; k++) {
      const rotated = [...open.slice(k), ...open.slice(0, k)];
      expect(signedArea2([...rotated, rotated[0]!])).toBeCloseTo(signedArea2(ccw), 9);
    }
  });
  it('a degenerate ring has none', () => {
    expect(
      signedArea2([
        [0, 0],
        [1, 1],
        [0, 0],
      ]),
    ).toBe(0);
    expect(signedArea2([])).toBe(0);
  });
});
