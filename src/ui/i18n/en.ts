/**
 * The interface's English texts: the source of truth for the message keys (uk.ts must have the same keys and the
 * same `{placeholders}`; tests/unit/i18n.test.ts checks). Plural messages give Intl.PluralRules forms chosen by the
 * `count` parameter. Names of sources and publishers (DeepState, DeepStateMap, ISW, Natural Earth, GeoNames) and
 * file formats stay as they are in every language.
 *
 * Exports (CSV, JSON, GeoJSON) never use these texts: they stay identical to the CLI's whatever the language.
 */
import type { MessageText } from './messageText.ts';
import { app } from './en/app.ts';
import { figures } from './en/figures.ts';
import { compare } from './en/compare.ts';

export type { MessageText, PluralForms } from './messageText.ts';

export const en = { ...app, ...figures, ...compare } as const satisfies Readonly<Record<string, MessageText>>;

export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: MessageText };
