/**
 * Observable Plot, loaded when a chart first has something to draw (issue #17): it is ~127 KB of gzipped
 * JavaScript that the first map does not need. One loader for every chart (Charts, LengthChart), so
 * the module is fetched once and a static import in any of them cannot pull it back into the main chunk.
 */
import type * as PlotModule from '@observablehq/plot';
import { locale } from '../i18n/locale.svelte.ts';

let plot = $state.raw<typeof PlotModule | null>(null);
let loading: Promise<typeof PlotModule> | null = null;

/**
 * Starts loading Plot (once); resolves to the module.
 * @example $effect(() => { if (rows.length >= 2) void loadPlot(); });
 */
export function loadPlot(): Promise<typeof PlotModule> {
  loading ??= import('@observablehq/plot').then(
    (m) => (plot = m),
    (err: unknown) => {
      loading = null; // a failed fetch (offline) may be retried by the next chart that asks
      throw err;
    },
  );
  return loading;
}

/**
 * Plot once loaded, or null: reactive, so a `$derived` that reads it draws once the module arrives.
 * @example const Plot = loadedPlot(); if (!Plot) return null;
 */
export function loadedPlot(): typeof PlotModule | null {
  return plot;
}

/** Every chart's frame: no background of its own, text in the panel's colour (either theme). */
export const CHART_STYLE = { background: 'transparent', color: 'currentColor' } as const;

/**
 * A time x axis ticked by month in the interface language (Plot's own ticks are English). Read inside a `$derived`,
 * so a language switch redraws.
 * @example Plot.plot({ x: monthAxis(), … })
 */
export function monthAxis(): { type: 'utc'; label: null; tickFormat: (d: Date) => string } {
  const tag = locale.tag;
  return {
    type: 'utc',
    label: null,
    tickFormat: (d: Date) => d.toLocaleDateString(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
  };
}
