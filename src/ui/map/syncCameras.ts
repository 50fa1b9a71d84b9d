import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Keeps the cameras of several maps in step: whenever one moves (pan, zoom, animation, resize), the others jump to
 * its centre, zoom, bearing and pitch. A map's own listener is off while it is being moved to follow, so the maps
 * never echo each other. The others start at the first map's camera. Returns the function that stops syncing.
 * After @mapbox/mapbox-gl-sync-move, which @maplibre/maplibre-gl-compare uses.
 * @example const stop = syncCameras([mainMap, secondMap]); … stop();
 */
export function syncCameras(maps: readonly MapLibreMap[]): () => void {
  const follow: (() => void)[] = maps.map((leader, i) => () => {
    const camera = {
      center: leader.getCenter(),
      zoom: leader.getZoom(),
      bearing: leader.getBearing(),
      pitch: leader.getPitch(),
    };
    maps.forEach((other, j) => {
      if (j === i) return;
      other.off('move', follow[j]!);
      other.jumpTo(camera);
      other.on('move', follow[j]!);
    });
  });
  maps.forEach((map, i) => map.on('move', follow[i]!));
  follow[0]?.();
  return () => maps.forEach((map, i) => map.off('move', follow[i]!));
}
