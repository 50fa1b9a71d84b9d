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

/** Areas of your own: a dark cyan outline, apart from the change pair (red/blue) and the focus areas (purple). */
export const MY_AREA_COLOUR = '#00838f';
