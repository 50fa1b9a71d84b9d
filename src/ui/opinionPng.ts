/**
 * What a PNG of the map says about a second opinion (issue #16) when the disagreement is drawn on it: both sources
 * with their snapshots, the agreement (IoU) and the areas, and the two disagreement colours in the legend. Used by
 * the Second opinion panel's own PNG and added to the change PNG (ComparePanel) while the layer is on the map, so no
 * picture shows orange and purple areas without saying what they are.
 */
import type { AssessmentComparison } from '../core/index.ts';
import { formatKm2 as km2, t } from './i18n/locale.svelte.ts';
import type { PngLegendItem } from './map/exportPng.ts';
import { sourceTitle } from './secondOpinion.svelte.ts';
import { OPINION_COLOURS } from './style.ts';

/** The IoU as a percentage with one decimal; '—' when both are empty. */
export const iouPct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * The caption lines and legend entries for a comparison of two assessments, in the interface language.
 * @example const { lines, legend } = opinionPngParts(report); // lines[0]: 'A: DeepStateMap, snapshot 2025-09-01 · …'
 */
export function opinionPngParts(r: AssessmentComparison): { lines: string[]; legend: PngLegendItem[] } {
  const a = sourceTitle(r.a.source);
  const b = sourceTitle(r.b.source);
  return {
    lines: [
      t('opinion.pngSources', { a, aDate: r.a.snapshot, b, bDate: r.b.snapshot }),
      t('opinion.pngFigures', {
        iou: iouPct(r.iou),
        both: km2(r.bothKm2),
        a,
        onlyA: km2(r.onlyAKm2),
        b,
        onlyB: km2(r.onlyBKm2),
      }),
    ],
    legend: [
      { colour: OPINION_COLOURS.only_a, label: t('opinion.pngLegendOnly', { source: a }) },
      { colour: OPINION_COLOURS.only_b, label: t('opinion.pngLegendOnly', { source: b }) },
    ],
  };
}
