/**
 * Tiny test fixtures for the detailed basemap (issue #12): a solid-colour PNG tile and a PMTiles v3 archive holding
 * one tile at zoom 0, written byte by byte from the spec (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md),
 * uncompressed, so a test builds its own archive and needs no file from elsewhere.
 */
import { crc32, deflateSync } from 'node:zlib';
import { PbfWriter } from 'pbf';

/** A `size`×`size` PNG of one opaque colour. */
export function solidPng(rgb: readonly [number, number, number], size = 256): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const varint = (n: number): number[] => {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
};

/** A PMTiles v3 archive with `tile` as its only tile (z0/0/0), covering the world; tile type 2 = PNG, 1 = MVT. */
export function onePmtiles(tile: Buffer, tileType = 2): Buffer {
  // Root directory: one entry (tile id 0, run length 1, its length, offset 0 stored as offset + 1).
  const dir = Buffer.from([...varint(1), ...varint(0), ...varint(1), ...varint(tile.length), ...varint(1)]);
  const meta = Buffer.from('{"attribution":"test fixture"}');
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  u64(8, 127);
  u64(16, dir.length);
  u64(24, 127 + dir.length);
  u64(32, meta.length);
  u64(40, 127 + dir.length + meta.length);
  u64(48, 0);
  u64(56, 127 + dir.length + meta.length);
  u64(64, tile.length);
  u64(72, 1);
  u64(80, 1);
  u64(88, 1);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(tileType, 99);
  header.writeUInt8(0, 100);
  header.writeUInt8(0, 101);
  header.writeInt32LE(-180e7, 102);
  header.writeInt32LE(-85e7, 106);
  header.writeInt32LE(180e7, 110);
  header.writeInt32LE(85e7, 114);
  header.writeUInt8(0, 118);
  return Buffer.concat([header, dir, meta, tile]);
}

/**
 * A Mapbox Vector Tile (spec 2.1) with one layer named `layer` holding one polygon that covers the whole tile
 * (extent 4096, exterior ring with positive area in tile coordinates, as the spec requires).
 */
export function fullTileMvt(layer: string): Buffer {
  const pbf = new PbfWriter();
  const zigzag = (n: number) => (n << 1) ^ (n >> 31);
  pbf.writeMessage(
    3,
    (_: null, p: PbfWriter) => {
      p.writeVarintField(15, 2);
      p.writeStringField(1, layer);
      p.writeMessage(
        2,
        (__: null, f: PbfWriter) => {
          f.writeVarintField(1, 1);
          f.writeVarintField(3, 3); // POLYGON
          // MoveTo(0,0), LineTo ×3 (4096,0) (4096,4096) (0,4096), ClosePath.
          f.writePackedVarint(4, [9, 0, 0, 26, zigzag(4096), 0, 0, zigzag(4096), zigzag(-4096), 0, 15]);
        },
        null,
      );
      p.writeVarintField(5, 4096);
    },
    null,
  );
  return Buffer.from(pbf.finish());
}
