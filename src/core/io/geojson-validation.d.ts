/**
 * The part of `geojson-validation` (CommonJS, no bundled types) that src/core/io/validateGeoJson.ts uses.
 * With `trace` true each check returns the list of problems in words (empty when valid).
 * https://gitlab.com/mjbecze/GeoJSON-Validation
 */
declare module 'geojson-validation' {
  interface GeoJsonValidation {
    isFeature(feature: unknown, trace: true): string[];
    isFeatureCollection(collection: unknown, trace: true): string[];
    isGeometryObject(geometry: unknown, trace: true): string[];
  }
  const gjv: GeoJsonValidation;
  export default gjv;
}
