/**
 * Exact lookup of directed edges (and of points) by their coordinates, without turning numbers into strings: an
 * open-addressing table over the float bits. Used to cancel the boundary two snapshots share (most of it for
 * consecutive days) and to link edges into rings.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Mixes the bits of a double into a running hash (+0 and −0 hash alike, as they compare equal). */
function mix(h: number, v: number): number {
  f64[0] = v === 0 ? 0 : v;
  h = Math.imul(h ^ u32[0]!, 0x9e3779b1);
  h = Math.imul(h ^ u32[1]!, 0x85ebca77);
  return h ^ (h >>> 15);
}

/** Hash of a point. */
export function hashPoint(x: number, y: number): number {
  return mix(mix(0x2545f491, x), y);
}

/** Hash of a directed edge. */
export function hashEdge(x0: number, y0: number, x1: number, y1: number): number {
  return mix(mix(mix(mix(0x6c8e9cf5, x0), y0), x1), y1);
}

/**
 * A table of edges identified by index into caller-owned coordinate arrays; `find` gives the index of an edge with
 * exactly these coordinates (in this direction), or −1.
 * @example const t = new EdgeTable(set.x0, set.y0, set.x1, set.y1, set.n); t.find(x0, y0, x1, y1)
 */
export class EdgeTable {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly x0: ArrayLike<number>,
    private readonly y0: ArrayLike<number>,
    private readonly x1: ArrayLike<number>,
    private readonly y1: ArrayLike<number>,
    n: number,
  ) {
    let size = 16;
    while (size < n * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let i = 0; i < n; i++) {
      let s = hashEdge(x0[i]!, y0[i]!, x1[i]!, y1[i]!) & this.mask;
      while (this.slots[s] !== -1) s = (s + 1) & this.mask;
      this.slots[s] = i;
    }
  }

  find(x0: number, y0: number, x1: number, y1: number): number {
    let s = hashEdge(x0, y0, x1, y1) & this.mask;
    for (;;) {
      const i = this.slots[s]!;
      if (i === -1) return -1;
      if (this.x0[i] === x0 && this.y0[i] === y0 && this.x1[i] === x1 && this.y1[i] === y1) return i;
      s = (s + 1) & this.mask;
    }
  }
}

/**
 * A set of points given by their exact coordinates (open addressing over the float bits, as {@link EdgeTable}).
 * @example const s = new PointSet(set.n); s.add(37.1, 48.2); s.has(37.1, 48.2) // true
 */
export class PointSet {
  private slots: Int32Array;
  private mask: number;
  private xs: Float64Array;
  private ys: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.xs = new Float64Array(Math.max(8, capacity));
    this.ys = new Float64Array(Math.max(8, capacity));
  }

  private slotOf(x: number, y: number): number {
    let s = hashPoint(x, y) & this.mask;
    for (;;) {
      const i = this.slots[s]!;
      if (i === -1 || (this.xs[i] === x && this.ys[i] === y)) return s;
      s = (s + 1) & this.mask;
    }
  }

  add(x: number, y: number): void {
    const s = this.slotOf(x, y);
    if (this.slots[s] !== -1) return;
    if (this.size * 2 >= this.slots.length || this.size === this.xs.length) {
      this.grow();
      this.add(x, y);
      return;
    }
    this.xs[this.size] = x;
    this.ys[this.size] = y;
    this.slots[s] = this.size++;
  }

  has(x: number, y: number): boolean {
    return this.slots[this.slotOf(x, y)] !== -1;
  }

  private grow(): void {
    const { xs, ys, size } = this;
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    this.xs = new Float64Array(xs.length * 2);
    this.ys = new Float64Array(ys.length * 2);
    this.size = 0;
    for (let i = 0; i < size; i++) this.add(xs[i]!, ys[i]!);
  }
}
