/**
 * The style's `glyphs` URL: the app's own origin, where src/server/glyphsPlugin.ts serves (dev) or wrote (build)
 * the glyph ranges under `glyphs/` (issue #12). MapLibre fills in `{fontstack}` and `{range}`; the URL must be
 * absolute, and is built as a string so the braces are not escaped.
 * @example glyphsUrl('https://example.org/app/') // 'https://example.org/app/glyphs/{fontstack}/{range}.pbf'
 */
export function glyphsUrl(
  base: string = new URL(import.meta.env.BASE_URL, window.location.href).href,
): string {
  return `${base.endsWith('/') ? base : `${base}/`}glyphs/{fontstack}/{range}.pbf`;
}
