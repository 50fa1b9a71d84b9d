/**
 * The hover of a map layer (issue #14: one helper instead of a copy per layer): while the pointer is over a feature
 * of `layerId`, `show` gets the text for its properties and where to put it (MapTooltip draws it, as plain text);
 * when the pointer leaves the layer, `show(null)`. The pointer becomes a hand over the layer unless `cursor` is false.
 */
import type { Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';

/** What MapTooltip shows: text beside the pointer, in the map's pixels. */
export interface HoverTip {
  x: number;
  y: number;
  text: string;
}

/**
 * Listens for the pointer over `layerId`; returns the function that stops listening (call it before the layer goes).
 * `textOf` gets the first feature's properties and returns the text, or null for no tooltip change.
 * @example
 * const off = layerHover(map, 'change-fill', (p) => `${p['areaKm2']} km²`, (tip) => (hover = tip));
 */
export function layerHover(
  map: MapLibreMap,
  layerId: string,
  textOf: (properties: Record<string, unknown>) => string | null,
  show: (tip: HoverTip | null) => void,
  { cursor = true }: { cursor?: boolean } = {},
): () => void {
  const move = (e: MapLayerMouseEvent): void => {
    const properties = e.features?.[0]?.properties;
    if (!properties) return;
    const text = textOf(properties);
    if (text === null) return;
    show({ x: e.point.x, y: e.point.y, text });
    if (cursor) map.getCanvas().style.cursor = 'pointer';
  };
  const leave = (): void => {
    show(null);
    if (cursor) map.getCanvas().style.cursor = '';
  };
  map.on('mousemove', layerId, move);
  map.on('mouseleave', layerId, leave);
  return () => {
    map.off('mousemove', layerId, move);
    map.off('mouseleave', layerId, leave);
  };
}
