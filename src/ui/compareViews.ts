/**
 * What the map shows of a comparison (issue #5, "Compare"): the change polygons; date A's or B's snapshot alone;
 * both overlaid; a swipe (A left of a draggable divider, B right of it); or two synced maps side by side.
 */
export const COMPARE_VIEWS = ['change', 'a', 'b', 'ab', 'swipe', 'side'] as const;

export type CompareView = (typeof COMPARE_VIEWS)[number];

/** The views that need a second map (created only while one of them is on, so software WebGL stays light). */
export function needsSecondMap(view: CompareView): boolean {
  return view === 'swipe' || view === 'side';
}
