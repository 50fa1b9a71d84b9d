/**
 * Colours for classes and dates. Class fills follow the Okabe–Ito palette so they stay apart for colour-blind
 * readers (no red/green pair: liberated is blue, not DeepState's green).
 */
import type { TerritoryClass } from '../core/index.ts';

export const CLASS_COLOURS: Readonly<Record<TerritoryClass, string>> = {
  occupied: '#d55e00',
  occupied_pre2022: '#7a2048',
  grey: '#8c8c8c',
  liberated: '#0072b2',
};

/** Outline colours that tell overlaid dates apart; each visible date gets the next free one. */
export const DATE_COLOURS: readonly string[] = [
  '#111111',
  '#e69f00',
  '#009e73',
  '#56b4e9',
  '#cc79a7',
  '#f0e442',
];

/** Dash patterns paired with the outline colours, so dates differ by more than colour alone. */
export const DATE_DASHES: readonly (readonly number[])[] = [
  [1],
  [3, 1.5],
  [1, 1],
  [4, 1, 1, 1],
  [2, 2],
  [6, 2],
];

/** ISO codes of the oblasts contested in 2025: Luhansk, Donetsk, Zaporizhzhia, Kherson. */
export const CONTESTED_OBLASTS: readonly string[] = ['UA-09', 'UA-14', 'UA-23', 'UA-65'];

/** Gained and lost territory in a comparison: a diverging pair safe for colour-blind readers. */
export const CHANGE_COLOURS = { gained: '#b2182b', lost: '#2166ac' } as const;

/**
 * Paint for a fill whose edges a line layer draws over (issue #5, speed). MapLibre antialiases a fill by drawing its
 * outline once more as lines, a second pass over every tile; under a 1–3 px line layer that pass cannot be seen.
 * What dropping it saved: docs/performance.md, "Measurements behind code choices".
 * @example paint: { 'fill-color': '#d55e00', 'fill-opacity': 0.45, ...OUTLINED_FILL }
 */
export const OUTLINED_FILL = { 'fill-antialias': false } as const;

/** The basemap's land, and the oblasts' fills as they look over it (see OblastLayers.svelte). */
export const LAND_COLOUR = '#f2efe9';
/**
 * The oblasts' fills: contested ones pale yellow, the others near white, each the colour that 85% of #fff4c2 (or of
 * white) over the land colour gives. Opaque, so MapLibre draws them in its opaque pass, front to back with a depth
 * test, and the land beneath is not blended under them: in software WebGL a translucent fill over most of the view
 * is a whole extra pass per frame.
 */
export const OBLAST_FILL = { contested: '#fdf3c8', other: '#fdfdfc' } as const;

/** Areas of your own: a dark cyan outline, apart from the change pair (red/blue) and the focus areas (purple). */
export const MY_AREA_COLOUR = '#00838f';

/**
 * Where two assessments disagree (issue #16): "only A" orange, "only B" purple — a pair colour-blind readers tell
 * apart (deuteranopia, protanopia, tritanopia) and unlike the change layer's red/blue, so the two are never confused.
 */
export const OPINION_COLOURS = { only_a: '#e66100', only_b: '#5d3a9b' } as const;
/** Places that changed hands (issue #12): taken as the gained area, retaken as the lost one, grey ↔ Ukraine grey. */
export const SETTLEMENT_COLOURS = {
  taken: CHANGE_COLOURS.gained,
  retaken: CHANGE_COLOURS.lost,
  other: '#777777',
} as const;

/**
 * The front line's colours (issue #15): by stretch, and the grey zone's outer edge (dotted). The compare views draw
 * date A's and date B's lines in the dates' own colours (DATE_COLOURS[1], [2]).
 */
export const FRONT_STYLE = {
  land: '#9b1c1c',
  dnipro: '#0072b2',
  pocket: '#e69f00',
  grey: '#595959',
} as const;
