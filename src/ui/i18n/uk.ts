/**
 * Українські тексти інтерфейсу: ті самі ключі й ті самі `{заповнювачі}`, що в en.ts (перевіряє
 * tests/unit/i18n.test.ts). Назви джерел і видавців (DeepState, DeepStateMap, ISW, Natural Earth, GeoNames) та
 * форматів файлів не перекладаються. Множина — за Intl.PluralRules: one (1, 21…), few (2–4, 22–24…),
 * many (0, 5–20, 25…), other (дробові числа).
 */
import type { Messages } from './en.ts';
import { app } from './uk/app.ts';
import { figures } from './uk/figures.ts';
import { compare } from './uk/compare.ts';

export const uk: Messages = { ...app, ...figures, ...compare };
