/**
 * Validate once (issue #17): a snapshot's bytes that were already parsed and validated — same bytes (content hash),
 * same version, same validator — are not validated again; the memo hands back the snapshot the validator made
 * then. Loading the whole archive for `frontline history` spent most of its time validating the same 769 files
 * on every run.
 *
 * The memo is injected (the CLI keeps one on disk, src/cli/validatedCache.ts); without one, loading is fetchJson and
 * the parser, as before. The key is the memo's own (it hashes the bytes and names its validator); what it stores is
 * encodeSnapshot's: the snapshot as JSON with the polygons' coordinates moved into one Float64Array, which reads
 * back far faster than the GeoJSON text it came from.
 */
import {
  makeValid,
  markValid,
  type AreaGeometry,
  type Parsed,
  type Snapshot,
  type Version,
} from '../core/index.ts';
import { fetchBytes, parseAnswer, SourceError, type FetchLike, type FetchOptions } from './fetchJson.ts';

export interface SnapshotMemo {
  /** The key for these bytes of this version of this source under the current validator. */
  key(bytes: Uint8Array, source: string, version: Version): Promise<string> | string;
  get(key: string): Promise<Snapshot | null>;
  /** Stores a validated snapshot; failing to store is the memo's business, never the load's. */
  set(key: string, snapshot: Snapshot): Promise<void>;
  /**
   * A key from the identity of the file `url` names (path, size, modification and change times), found without
   * reading it; null when there is none (a URL over HTTP). A hit skips reading and hashing the file (issue #17).
   */
  fileKey?(url: string, source: string, version: Version): Promise<string | null>;
  /** Records that `fileKey` names the snapshot stored under the content key `key`. */
  alias?(fileKey: string, key: string): Promise<void>;
}

/**
 * Fetches a version's file and returns its validated snapshot, validating only bytes the memo has not seen.
 * @example
 * await loadSnapshot(fetchFn, url, (json) => parseArchiveDay(json, version), { source: 'archive', version, memo });
 */
export async function loadSnapshot(
  fetchFn: FetchLike,
  url: string,
  parse: (json: unknown) => Parsed<Snapshot>,
  {
    source,
    version,
    memo,
    ...options
  }: FetchOptions & { source: string; version: Version; memo?: SnapshotMemo },
): Promise<Snapshot> {
  // A local file seen before, unchanged since: neither read nor hashed.
  const byFile = memo?.fileKey ? await memo.fileKey(url, source, version) : null;
  const seen = byFile ? await memo!.get(byFile) : null;
  if (seen) return seen;
  const answer = await fetchBytes(fetchFn, url, options);
  const key = memo ? await memo.key(answer.bytes, source, version) : '';
  const known = memo ? await memo.get(key) : null;
  if (known) {
    if (byFile) await memo!.alias?.(byFile, key);
    return known;
  }
  const parsed = parse(parseAnswer(answer, url, options.maxBytes));
  if (!parsed.ok) throw new SourceError(parsed.issues.join('; '), 200, url);
  if (memo) {
    await memo.set(key, parsed.value);
    if (byFile) await memo.alias?.(byFile, key);
  }
  return parsed.value;
}

type Rings = number[][][];

/** Where each polygon's coordinates went: ring lengths per polygon, in order. */
interface Moved {
  /** Index of the territory. */
  t: number;
  /** Ring lengths (positions) of each polygon; a Polygon is one polygon. */
  polygons: number[][];
  /**
   * 1 when makeValid passed the geometry through unchanged: decoding marks it valid, so the change engine does not
   * sweep it for crossings again on every run (the validator's version is part of the memo's key).
   */
  v?: 1;
}

const MAGIC = 0x464c5331; // "FLS1"

/**
 * The snapshot as bytes: a little-endian header (magic, JSON length), the JSON of everything but the polygons'
 * coordinates, then those coordinates as float64 x, y pairs. decodeSnapshot(encodeSnapshot(s)) deep-equals s for
 * the 2D polygons validation produces; a geometry of any other shape stays in the JSON.
 * @example decodeSnapshot(encodeSnapshot(snapshot)) // equal to snapshot
 */
export function encodeSnapshot(snapshot: Snapshot): Uint8Array {
  const moved: Moved[] = [];
  const xy: number[] = [];
  const territories = snapshot.territories.map((f, t) => {
    const g = f.geometry;
    const polys: Rings[] | null =
      g.type === 'Polygon'
        ? [g.coordinates as Rings]
        : g.type === 'MultiPolygon'
          ? (g.coordinates as Rings[])
          : null;
    if (!polys || !polys.every((rings) => rings.every((ring) => ring.every((p) => p.length === 2)))) return f;
    moved.push({
      t,
      polygons: polys.map((rings) => rings.map((ring) => ring.length)),
      ...(makeValid(g as AreaGeometry) === g ? { v: 1 as const } : {}),
    });
    for (const rings of polys) for (const ring of rings) for (const p of ring) xy.push(p[0]!, p[1]!);
    return { ...f, geometry: { type: g.type, coordinates: [] } };
  });
  const json = new TextEncoder().encode(JSON.stringify({ snapshot: { ...snapshot, territories }, moved }));
  const start = 8 + Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(start + xy.length * 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  const coords = new Float64Array(out.buffer, start, xy.length);
  coords.set(xy);
  return out;
}

/**
 * The snapshot encodeSnapshot wrote, or null for bytes it did not write (another format, truncated).
 * @example decodeSnapshot(await readFile(file)) ?? validateAgain()
 */
export function decodeSnapshot(bytes: Uint8Array): Snapshot | null {
  if (bytes.length < 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return null;
  const length = view.getUint32(4, true);
  const start = 8 + Math.ceil(length / 8) * 8;
  if (8 + length > bytes.length || (bytes.length - start) % 8 !== 0) return null;
  let header: { snapshot: Snapshot; moved: Moved[] };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as typeof header;
  } catch {
    return null;
  }
  // Copy when unaligned (a Buffer from a pool may start anywhere).
  const aligned = (bytes.byteOffset + start) % 8 === 0 ? bytes : bytes.slice();
  const offset = aligned === bytes ? bytes.byteOffset + start : start;
  const coords = new Float64Array(aligned.buffer, offset, (bytes.length - start) / 8);
  let i = 0;
  for (const { t, polygons, v } of header.moved) {
    const f = header.snapshot.territories[t];
    if (!f) return null;
    const polys = polygons.map((rings) =>
      rings.map((n) => {
        const ring: number[][] = new Array<number[]>(n);
        for (let k = 0; k < n; k++, i += 2) ring[k] = [coords[i]!, coords[i + 1]!];
        return ring;
      }),
    );
    (f.geometry as { coordinates: unknown }).coordinates = f.geometry.type === 'Polygon' ? polys[0] : polys;
    if (v === 1) markValid(f.geometry as AreaGeometry);
  }
  return i === coords.length ? header.snapshot : null;
}
