/** The shape of one interface text: a string, or plural forms chosen by Intl.PluralRules from `count`. */
export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;
export type MessageText = string | PluralForms;
