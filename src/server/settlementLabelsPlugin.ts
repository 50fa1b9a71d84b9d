/**
 * The map's place names in two parts (issue #12), made from geodata/settlements.geojson when the app is built or
 * served by `vite`, so nothing derived is kept in the source tree and nothing can go stale:
 * - `virtual:frontline/settlement-labels-country`: the ~140 places named at the country scale, bundled into the app's script,
 *   so the first view names them without another request;
 * - `virtual:frontline/settlement-labels-rest`: every other place, a chunk of its own that the map imports once the first
 *   view is drawn or as soon as it is zoomed in far enough to name them (SettlementLayers.svelte).
 * Both hold compact rows (settlementLabels.ts, SettlementRow): 182 KB of modules together (the rows are 159 KB of
 * JSON) instead of the GeoJSON's 634 KB.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, Point } from 'geojson';
import type { Plugin } from 'vite';
import {
  settlementRows,
  splitSettlementRows,
  type SettlementProperties,
  type SettlementRow,
} from '../ui/map/settlementLabels.ts';

const GAZETTEER = fileURLToPath(new URL('../../geodata/settlements.geojson', import.meta.url));
const PREFIX = 'virtual:frontline/settlement-labels-';
const PARTS = ['country', 'rest'] as const;

/**
 * The module text of one part: the rows as a JSON string parsed at run time (faster to load than an object literal).
 * @example settlementLabelsModule(rows) // 'export default JSON.parse("[[703448,30.5238,…")'
 */
export function settlementLabelsModule(rows: readonly SettlementRow[]): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(rows))});\n`;
}

/** A Vite plugin serving the two parts as virtual modules. */
export function settlementLabelsPlugin(): Plugin {
  return {
    name: 'frontline-settlement-labels',
    resolveId(id) {
      if (!id.startsWith(PREFIX)) return null;
      const part = id.slice(PREFIX.length);
      return (PARTS as readonly string[]).includes(part) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const part = id.slice(PREFIX.length + 1) as (typeof PARTS)[number];
      this.addWatchFile(GAZETTEER);
      const gazetteer = JSON.parse(readFileSync(GAZETTEER, 'utf8')) as FeatureCollection<
        Point,
        SettlementProperties
      >;
      return settlementLabelsModule(splitSettlementRows(settlementRows(gazetteer))[part]);
    },
  };
}
