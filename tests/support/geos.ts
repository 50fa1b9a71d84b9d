/**
 * An overlay engine independent of Turf, for checking ours: GEOS (the C++ port of JTS that PostGIS and Shapely use),
 * compiled to WebAssembly by the `geos-wasm` package. Why not polygon-clipping: Turf 7 clips with polyclip-ts, a
 * port of polygon-clipping, so the two share one algorithm and its bugs; GEOS shares no code with either.
 *
 * Used by the real-data tests (tests/unit/realData.change.test.ts) and the benchmark (bench/index.ts).
 */
import initGeosJs from 'geos-wasm';
import { geojsonToGeosGeom, geosGeomToGeojson } from 'geos-wasm/helpers';
import type { Geometry, Position } from 'geojson';
import { areaKm2, type AreaGeometry } from '../../src/core/index.ts';

type GeosModule = Awaited<ReturnType<typeof initGeosJs>>;

/** A GEOS geometry living in the WebAssembly heap: free it with {@link Geos.free}. */
export type GeosGeom = number;

export interface Geos {
  /** Copies a GeoJSON polygon or multipolygon into GEOS (2D only). */
  fromGeoJson(g: AreaGeometry): GeosGeom;
  /** The polygonal part of a GEOS geometry as GeoJSON, or null when it has none. */
  toGeoJson(g: GeosGeom): AreaGeometry | null;
  difference(a: GeosGeom, b: GeosGeom): GeosGeom;
  intersection(a: GeosGeom, b: GeosGeom): GeosGeom;
  isValid(g: GeosGeom): boolean;
  /** GEOS's MakeValid (the linework method: noded, re-polygonised by the even–odd rule); issue #13's oracle. */
  makeValid(g: GeosGeom): GeosGeom;
  /** The union of a geometry's own parts (overlapping parts of a MultiPolygon merged). */
  unaryUnion(g: GeosGeom): GeosGeom;
  free(g: GeosGeom): void;
  /** Douglas–Peucker of a line in planar coordinates (GEOSSimplify), for src/core/geometry/generaliseLine.ts. */
  simplifyLine(line: readonly Position[], tolerance: number): Position[];
  /** Planar distance from a point to the nearest of some lines (GEOSDistance), for src/core/geometry/frontOutline.ts. */
  distanceToLines(point: Position, lines: readonly (readonly Position[])[]): number;
  /**
   * Where a point lies against a polygon or multipolygon: 1 in its interior (GEOSContains), 0 on its boundary
   * (covered, not contained), −1 outside; the oracle of src/core/geometry/pointInPolygon.ts.
   */
  sideOf(g: GeosGeom, point: Position): 1 | 0 | -1;
  /** The GEOS version string, e.g. `3.13.0-CAPI-1.19.0`. */
  version: string;
}

let loading: Promise<Geos> | null = null;

/**
 * Loads GEOS once per process.
 * @example const geos = await loadGeos(); const g = geos.fromGeoJson(polygon);
 */
export function loadGeos(): Promise<Geos> {
  loading ??= initGeosJs().then(wrap);
  return loading;
}

const strip2d = (ring: readonly Position[]): Position[] => ring.map((p) => [p[0]!, p[1]!]);

function wrap(geos: GeosModule): Geos {
  const check = (ptr: number, what: string): number => {
    // GEOS answers 0 (and prints the reason) on a TopologyException.
    if (!ptr) throw new Error(`GEOS ${what} failed`);
    return ptr;
  };
  const polygonal = (g: Geometry | null): Position[][][] => {
    if (!g) return [];
    switch (g.type) {
      case 'Polygon':
        return g.coordinates.length ? [g.coordinates] : [];
      case 'MultiPolygon':
        return g.coordinates;
      case 'GeometryCollection':
        return g.geometries.flatMap(polygonal);
      default:
        return []; // lines and points where the operands only touch
    }
  };
  return {
    fromGeoJson(g) {
      const coordinates =
        g.type === 'Polygon' ? g.coordinates.map(strip2d) : g.coordinates.map((p) => p.map(strip2d));
      return check(geojsonToGeosGeom({ type: g.type, coordinates } as Geometry, geos), 'read');
    },
    toGeoJson(ptr) {
      const polys = polygonal(geosGeomToGeojson(ptr, geos) as Geometry | null);
      return polys.length ? { type: 'MultiPolygon', coordinates: polys } : null;
    },
    difference: (a, b) => check(geos.GEOSDifference(a, b), 'difference'),
    intersection: (a, b) => check(geos.GEOSIntersection(a, b), 'intersection'),
    isValid: (g) => geos.GEOSisValid(g) === 1,
    makeValid: (g) => check(geos.GEOSMakeValid(g), 'make-valid'),
    unaryUnion: (g) => check(geos.GEOSUnaryUnion(g), 'union'),
    free: (g) => geos.GEOSGeom_destroy(g),
    simplifyLine(line, tolerance) {
      const g = check(geojsonToGeosGeom({ type: 'LineString', coordinates: strip2d(line) }, geos), 'read');
      const out = check(geos.GEOSSimplify(g, tolerance), 'simplify');
      const coords = (geosGeomToGeojson(out, geos) as { coordinates: Position[] }).coordinates;
      geos.GEOSGeom_destroy(g);
      geos.GEOSGeom_destroy(out);
      return coords;
    },
    distanceToLines(point, lines) {
      const p = check(
        geojsonToGeosGeom({ type: 'Point', coordinates: [point[0]!, point[1]!] }, geos),
        'read',
      );
      const l = check(
        geojsonToGeosGeom({ type: 'MultiLineString', coordinates: lines.map(strip2d) }, geos),
        'read',
      );
      const ptr = geos.Module._malloc(8);
      try {
        if (geos.GEOSDistance(p, l, ptr) !== 1) throw new Error('GEOS distance failed');
        return geos.Module.getValue(ptr, 'double');
      } finally {
        geos.Module._free(ptr);
        geos.GEOSGeom_destroy(p);
        geos.GEOSGeom_destroy(l);
      }
    },
    sideOf(g, point) {
      const p = check(
        geojsonToGeosGeom({ type: 'Point', coordinates: [point[0]!, point[1]!] }, geos),
        'read',
      );
      try {
        const covers = geos.GEOSCovers(g, p);
        const contains = geos.GEOSContains(g, p);
        if (covers === 2 || contains === 2) throw new Error('GEOS covers/contains failed');
        return contains === 1 ? 1 : covers === 1 ? 0 : -1;
      } finally {
        geos.GEOSGeom_destroy(p);
      }
    },
    version: String(geos.GEOSversion()),
  };
}

/**
 * km² of GEOS's intersection or difference of two geometries, measured with the app's area model (src/core: an
 * independent overlay, the same area); frees what it made.
 * @example geosOverlayKm2(geos, 'difference', a, b)
 */
export function geosOverlayKm2(
  geos: Geos,
  op: 'intersection' | 'difference',
  a: AreaGeometry,
  b: AreaGeometry,
): number {
  const ga = geos.fromGeoJson(a);
  const gb = geos.fromGeoJson(b);
  const g = geos[op](ga, gb);
  const out = areaKm2(geos.toGeoJson(g));
  [ga, gb, g].forEach((x) => geos.free(x));
  return out;
}
