/**
 * The detailed basemap the app's server was started with (issue #12, src/server/basemap.ts), read from the
 * `<meta name="frontline-basemap">` it adds to index.html; none without one (the default: the app's own basemap).
 * Never from the link: a page cannot be made to load tiles from elsewhere by a URL someone sends.
 * @example basemapConfig() // { pmtiles: '/basemap/basemap.pmtiles' }
 */
export function basemapConfig(doc: Document = document): { style?: string; pmtiles?: string } | null {
  const content = doc.querySelector('meta[name="frontline-basemap"]')?.getAttribute('content');
  if (!content) return null;
  try {
    const parsed = JSON.parse(content) as { style?: unknown; pmtiles?: unknown };
    if (typeof parsed.style === 'string') return { style: parsed.style };
    if (typeof parsed.pmtiles === 'string') return { pmtiles: parsed.pmtiles };
  } catch {
    // A malformed tag is ignored: the app's own basemap is drawn.
  }
  return null;
}
