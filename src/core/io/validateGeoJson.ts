/**
 * The one validation path every source goes through (issue #3): `geojson-validation` checks the structure against
 * the GeoJSON spec, then the geometry checks Turf users trip on, repaired where that is safe and said so.
 *
 * | problem | outcome |
 * |---|---|
 * | not GeoJSON in structure (types, members, positions that are not numbers) | issue |
 * | non-finite coordinates, or outside lon ±180 / lat ±90 (a projected file) | issue |
 * | ring not closed | closed, warning |
 * | repeated consecutive positions | removed, warning |
 * | ring under 4 positions (after the above) | ring dropped (with its polygon when it is the outer one), warning |
 * | rings wound against RFC 7946 §3.1.6 (outer counter-clockwise, holes clockwise) | rewound, one warning per file |
 * | a third ordinate | dropped; one warning per file unless it is 0 everywhere (DeepState writes `[lon, lat, 0]`) |
 * | a fourth ordinate (M) or more | dropped; one warning per file |
 * | a hole lying outside its outer ring (and crossing nothing) | hole dropped, warning: subtracting it would be wrong |
 * | self-intersections (crossing or overlapping edges, spikes, crossings through a vertex) | repaired: noded and re-polygonised by the even–odd rule, as GEOS's MakeValid does (src/core/geometry/makeValid.ts), warning saying where; issue when the repair fails |
 * | empty or null geometry | feature kept with a null geometry, warning |
 * | not a FeatureCollection (a Feature, a bare geometry, TopoJSON, an array…) | issue saying what it is instead |
 *
 * Pure: no I/O; the input is never mutated and the result shares no coordinate arrays with it.
 */
import gjv from 'geojson-validation';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { findCrossings } from '../geometry/findCrossings.ts';
import { signedArea2 } from '../geometry/signedArea2.ts';
import { repairPolygon } from '../geometry/makeValid.ts';
import type { Parsed } from '../model/model.ts';
import { pointInRing } from '../geometry/pointInPolygon.ts';

export interface ValidateOptions {
  /** Prefix of every message: date, source (and version), e.g. `2025-08-15 deepstate-api 1754077960`. */
  label: string;
  /** A feature's name for messages (e.g. its cleaned DeepState name), or null; default: `properties.name`. */
  nameOf?: (properties: Record<string, unknown>, index: number) => string | null;
}

/** A validated feature: 2D, closed, RFC 7946-wound; `geometry` is null when nothing usable was left. */
export type ValidFeature = Feature<Geometry | null, Record<string, unknown>>;
export type ValidCollection = FeatureCollection<Geometry | null, Record<string, unknown>>;

/** Messages of `geojson-validation` that the geometry checks below handle (and repair) themselves. */
const HANDLED_BELOW = ['The first and last positions must be equivalent', 'at least four positions'];
const NO_PROPERTIES = 'must have a member with the name "properties"';
const MAX_ISSUES = 50;
const PER_FEATURE = 3;
const MAX_WARNINGS = 100;
const NAME_CHARS = 40;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const fmt = (p: Position): string => `(${p[0]!.toFixed(5)}, ${p[1]!.toFixed(5)})`;

function defaultName(properties: Record<string, unknown>): string | null {
  const name = properties['name'];
  return typeof name === 'string' && name.trim() ? name.replace(/\s+/gu, ' ').trim() : null;
}

/**
 * `geojson-validation` nests its messages as `at 0: at 3: …` (array indices from the feature's geometry down);
 * written `at [0][3]: …` they read as a path.
 */
function readablePath(message: string): string {
  return message.replace(/^(?:at \d+: )+/u, (chain) => `at ${chain.replace(/at (\d+): /gu, '[$1]')}: `);
}

/** `geojson-validation` with its crash on empty rings (`coordinates[0].toString()`) turned into "no finding". */
function structureOf(feature: unknown): string[] {
  try {
    return gjv.isFeature(feature, true);
  } catch {
    // The walk below meets the same empty ring and reports it in words.
    return [];
  }
}

/** What a value that should be a FeatureCollection is instead, with the fix when there is one. */
function whatInstead(json: unknown): string {
  const wrap = 'wrap it as {"type": "FeatureCollection", "features": [...]}';
  if (json === null) return 'got null';
  if (Array.isArray(json))
    return `got a JSON array (of ${json.length} items), not an object; if they are features, ${wrap}`;
  if (!isObject(json)) return `got ${typeof json === 'string' ? 'a string' : `a ${typeof json}`}`;
  const type = json['type'];
  if (type === 'FeatureCollection') {
    const f = json['features'];
    return f === undefined
      ? 'it has no "features" member'
      : `its "features" is not an array (got ${f === null ? 'null' : typeof f})`;
  }
  if (type === 'Feature') return `got a single Feature; ${wrap}`;
  if (typeof type === 'string' && GEOMETRY_TYPES.includes(type))
    return `got a bare ${type} geometry; put it in a Feature ({"type": "Feature", "properties": {}, "geometry": ...}) and ${wrap}`;
  if (type === 'Topology')
    return 'got TopoJSON ("type": "Topology"); convert it to GeoJSON first (e.g. topo2geo from topojson-client)';
  if (type === undefined) return 'it has no "type" member';
  return `"type" is ${JSON.stringify(type).slice(0, 60)}, not "FeatureCollection"`;
}

const GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
];

type Box = [number, number, number, number];

function ringBox(ring: readonly Position[]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    if (x! < box[0]) box[0] = x!;
    if (y! < box[1]) box[1] = y!;
    if (x! > box[2]) box[2] = x!;
    if (y! > box[3]) box[3] = y!;
  }
  return box;
}

/** Whether a hole that crosses no ring lies inside the shell: its first vertex off the shell's boundary decides. */
function holeInside(hole: readonly Position[], shell: readonly Position[], box: Box): boolean {
  for (const [x, y] of hole) {
    if (x! < box[0] || x! > box[2] || y! < box[1] || y! > box[3]) return false;
    const where = pointInRing(x!, y!, shell);
    if (where !== 0) return where > 0;
  }
  return true; // every vertex on the shell's boundary: leave it to the crossing check
}

/**
 * Validates a GeoJSON FeatureCollection and returns a cleaned copy (same features, same order, so indices still
 * name the source's features) with warnings for what was repaired, or the issues that make it unusable.
 * @example
 * const r = validateGeoJson(json, { label: '2025-08-15 folder lines.geojson' });
 * if (!r.ok) console.error(r.issues.join('\n')); // "2025-08-15 folder lines.geojson: feature 3: ring 0 position 7 …"
 * else r.warnings; // ["2025-08-15 folder lines.geojson: feature 12 (\"Окупована…\"): ring 0 is not closed; closed it"]
 */
export function validateGeoJson(
  json: unknown,
  { label, nameOf = defaultName }: ValidateOptions,
): Parsed<ValidCollection> {
  if (!isObject(json) || json['type'] !== 'FeatureCollection' || !Array.isArray(json['features'])) {
    return { ok: false, issues: [`${label}: not a GeoJSON FeatureCollection: ${whatInstead(json)}`] };
  }
  const issues: string[] = [];
  const warnings: string[] = [];
  // The collection's own members (bbox); its features are checked one by one below, where messages can name them.
  for (const m of gjv.isFeatureCollection({ ...json, features: [] }, true)) issues.push(`${label}: ${m}`);

  const rewound: number[] = [];
  let rewoundRings = 0;
  let elevation: { value: number; feature: number } | null = null;
  let measure: { position: readonly unknown[]; feature: number } | null = null;

  const features = (json['features'] as unknown[]).map((raw, index): ValidFeature => {
    const properties = isObject(raw) && isObject(raw['properties']) ? raw['properties'] : {};
    const name = isObject(raw) ? nameOf(properties, index) : null;
    const shown = name && name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS)}…` : name;
    const where = `${label}: feature ${index}${shown ? ` (${JSON.stringify(shown)})` : ''}`;
    const empty: ValidFeature = { type: 'Feature', properties, geometry: null };

    const structure = structureOf(raw).filter((m) => !HANDLED_BELOW.some((h) => m.includes(h)));
    if (structure.some((m) => m.includes(NO_PROPERTIES))) {
      warnings.push(`${where}: has no "properties" member (RFC 7946 requires one); read as empty`);
    }
    const broken = structure.filter((m) => !m.includes(NO_PROPERTIES));
    if (broken.length > 0) {
      // One bad geometry can yield a message per position (strings for numbers, say): a few say it all.
      for (const m of broken.slice(0, PER_FEATURE)) issues.push(`${where}: ${readablePath(m)}`);
      if (broken.length > PER_FEATURE)
        issues.push(
          `${where}: … and ${broken.length - PER_FEATURE} more problems like these in this feature`,
        );
      return empty;
    }
    const geometry = (raw as { geometry?: unknown }).geometry;
    if (geometry === null || geometry === undefined) {
      warnings.push(`${where}: has no geometry (null); skipped`);
      return empty;
    }
    let fatal = false;
    let rewoundHere = 0;
    const issue = (m: string): void => {
      fatal = true;
      issues.push(`${where}: ${m}`);
    };
    const warn = (m: string): void => void warnings.push(`${where}: ${m}`);

    /** 2D copy of a position, or null (with an issue) when it is not finite or out of range. */
    const position = (p: unknown, at: string): Position | null => {
      if (!Array.isArray(p)) {
        issue(`${at} is not a position (${JSON.stringify(p)})`);
        return null;
      }
      const [x, y, z] = p as number[];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        issue(`${at} is not a pair of finite numbers ([${p.map(String).join(', ')}])`);
        return null;
      }
      if (Math.abs(x!) > 180 || Math.abs(y!) > 90) {
        issue(
          `${at} ${fmt([x!, y!])} is outside longitude ±180 / latitude ±90: GeoJSON is WGS84 longitude, latitude — ` +
            'is the file projected (e.g. EPSG:3857) or are the axes swapped?',
        );
        return null;
      }
      if (elevation === null && z !== undefined && z !== 0) elevation = { value: z, feature: index };
      if (measure === null && p.length > 3) measure = { position: p, feature: index };
      return [x!, y!];
    };

    const positions = (list: unknown, at: string): Position[] | null => {
      const out: Position[] = [];
      for (const [k, p] of (list as unknown[]).entries()) {
        const q = position(p, `${at}position ${k}`);
        if (!q) return null;
        out.push(q);
      }
      return out;
    };

    /**
     * Cleans one polygon: one polygon, or several when a self-crossing one was repaired (issue #13); null when its
     * outer ring is unusable (said in a warning), a position is bad or the repair failed (issue).
     */
    const polygon = (rings: unknown, at: string): Position[][][] | null => {
      const out: Position[][] = [];
      /** The source's index of each ring kept in `out` (rings may have been dropped before it). */
      const source: number[] = [];
      for (const [r, raw] of (rings as unknown[]).entries()) {
        const what = `${at}ring ${r}`;
        const dropped = r === 0 ? 'dropped the polygon' : 'dropped the hole';
        if (!Array.isArray(raw) || raw.length === 0) {
          warn(`${what} is empty; ${dropped}`);
          if (r === 0) return null;
          continue;
        }
        const ring: Position[] = [];
        let repeats = 0;
        for (const [k, p] of raw.entries()) {
          const q = position(p, `${what} position ${k}`);
          if (!q) return null;
          const last = ring[ring.length - 1];
          if (last && last[0] === q[0] && last[1] === q[1]) repeats++;
          else ring.push(q);
        }
        if (repeats > 0) {
          warn(
            repeats === 1
              ? `${what} has a repeated consecutive position; removed it`
              : `${what} has ${repeats} repeated consecutive positions; removed them`,
          );
        }
        const first = ring[0]!;
        const last = ring[ring.length - 1]!;
        if (ring.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) {
          warn(`${what} is not closed; closed it`);
          ring.push([first[0]!, first[1]!]);
        }
        if (ring.length < 4) {
          warn(
            `${what} has ${ring.length} position${ring.length === 1 ? '' : 's'}, fewer than the 4 a closed ring needs; ${dropped}`,
          );
          if (r === 0) return null;
          continue;
        }
        const area = signedArea2(ring);
        if ((out.length === 0 && area < 0) || (out.length > 0 && area > 0)) {
          ring.reverse();
          rewoundHere++;
        }
        out.push(ring);
        source.push(r);
      }
      if (out.length === 0) return null;
      const { count, first } = findCrossings(out);
      if (count > 0) {
        const c = first[0]!;
        const [r0, r1] = [source[c.rings[0]]!, source[c.rings[1]]!];
        const what =
          c.kind === 'spike'
            ? `ring ${r0} doubles back on itself at ${fmt(c.at)}`
            : r0 === r1
              ? `ring ${r0} ${c.kind === 'cross' ? 'crosses' : 'runs along'} itself at ${fmt(c.at)}`
              : `rings ${r0} and ${r1} ${c.kind === 'cross' ? 'cross' : 'overlap'} at ${fmt(c.at)}`;
        const more = count > 1 ? ` (and ${count - 1} more self-intersection${count > 2 ? 's' : ''})` : '';
        const repaired = repairPolygon(out);
        if (!repaired) {
          issue(
            `${at}${what}${more}, and noding and re-polygonising it (even–odd rule) did not give closed rings: ` +
              'fix the ring in a GIS (e.g. QGIS "Fix geometries")',
          );
          return null;
        }
        warn(
          `${at}${what}${more}; repaired: noded where it crosses and re-polygonised by the even–odd rule ` +
            `(as GEOS MakeValid does), giving ${repaired.length} polygon${repaired.length === 1 ? '' : 's'}`,
        );
        return repaired;
      } else if (out.length > 1) {
        // With no crossing anywhere, a hole is wholly inside its shell or wholly outside it; outside, subtracting
        // it would take area from nothing (RFC 7946 §3.1.6: holes are inside the exterior ring).
        const shell = out[0]!;
        const box = ringBox(shell);
        for (let h = out.length - 1; h >= 1; h--) {
          if (holeInside(out[h]!, shell, box)) continue;
          warn(`${at}ring ${source[h]} is a hole outside the outer ring; dropped the hole`);
          out.splice(h, 1);
        }
      }
      return [out];
    };

    const clean = (g: Geometry, at: string): Geometry | null => {
      switch (g.type) {
        case 'Point': {
          const p = position(g.coordinates, `${at}position`);
          return p && { type: 'Point', coordinates: p };
        }
        case 'MultiPoint':
        case 'LineString': {
          const ps = positions(g.coordinates, at);
          return ps && ps.length > 0 ? { type: g.type, coordinates: ps } : null;
        }
        case 'MultiLineString': {
          const lines = g.coordinates.map((l, i) => positions(l, `${at}line ${i}, `));
          if (lines.some((l) => l === null)) return null;
          return lines.length > 0 ? { type: g.type, coordinates: lines as Position[][] } : null;
        }
        case 'Polygon':
          return g.coordinates.length === 0 ? null : wrap(polygon(g.coordinates, at));
        case 'MultiPolygon': {
          const polys = g.coordinates.flatMap((p, i) => polygon(p, `${at}polygon ${i}, `) ?? []);
          // A dropped polygon was named in its own warning; the rest of the MultiPolygon stands.
          if (polys.length === 0) return null;
          return { type: 'MultiPolygon', coordinates: polys };
        }
        case 'GeometryCollection': {
          const parts = g.geometries.flatMap((m, i) => clean(m, `${at}geometry ${i}, `) ?? []);
          return parts.length > 0 ? { type: 'GeometryCollection', geometries: parts } : null;
        }
      }
    };
    // A polygon without a usable outer ring has already been explained; the feature becomes empty. A repaired
    // polygon may have become several.
    const wrap = (polys: Position[][][] | null): Geometry | null =>
      !polys || polys.length === 0
        ? null
        : polys.length === 1
          ? { type: 'Polygon', coordinates: polys[0]! }
          : { type: 'MultiPolygon', coordinates: polys };

    let cleaned: Geometry | null = null;
    try {
      cleaned = clean(geometry as Geometry, '');
    } catch (err) {
      // Only reachable when geojson-validation itself crashed on this feature (see structureOf).
      issue(`geometry is malformed (${(err as Error).message})`);
    }
    if (fatal) return empty;
    if (rewoundHere > 0) {
      rewound.push(index);
      rewoundRings += rewoundHere;
    }
    if (!cleaned) {
      const g = geometry as Geometry;
      const wasEmpty =
        g.type === 'GeometryCollection' ? g.geometries.length === 0 : g.coordinates.length === 0;
      warn(wasEmpty ? `${g.type} is empty; skipped` : `nothing usable is left of the ${g.type}; skipped`);
      return empty;
    }
    const out: ValidFeature = { type: 'Feature', properties, geometry: cleaned };
    if (isObject(raw) && (typeof raw['id'] === 'string' || typeof raw['id'] === 'number')) out.id = raw['id'];
    return out;
  });

  if (rewoundRings > 0) {
    const list =
      rewound.slice(0, 10).join(', ') + (rewound.length > 10 ? `, … (${rewound.length} features)` : '');
    warnings.push(
      `${label}: ${rewoundRings} ring${rewoundRings > 1 ? 's' : ''} wound against RFC 7946 (outer rings counter-clockwise, ` +
        `holes clockwise) in feature${rewound.length > 1 ? 's' : ''} ${list}; rewound`,
    );
  }
  const z = elevation as { value: number; feature: number } | null;
  const m = measure as { position: readonly unknown[]; feature: number } | null;
  if (m) {
    warnings.push(
      `${label}: positions carry ${m.position.length} ordinates (e.g. [${m.position.map(String).join(', ')}] in ` +
        `feature ${m.feature}); kept longitude and latitude only: areas are 2D`,
    );
  } else if (z) {
    warnings.push(
      `${label}: positions carry a third ordinate (e.g. ${z.value} in feature ${z.feature}); dropped it: areas are 2D`,
    );
  }
  if (issues.length > 0) {
    const shown = issues.slice(0, MAX_ISSUES);
    if (issues.length > MAX_ISSUES) shown.push(`${label}: … and ${issues.length - MAX_ISSUES} more issues`);
    return { ok: false, issues: shown };
  }
  const kept = warnings.slice(0, MAX_WARNINGS);
  if (warnings.length > MAX_WARNINGS)
    kept.push(`${label}: … and ${warnings.length - MAX_WARNINGS} more warnings`);
  return { ok: true, value: { type: 'FeatureCollection', features }, warnings: kept };
}
