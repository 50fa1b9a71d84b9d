/**
 * Pure message lookup for the interface languages (issue #5: "English and Ukrainian interface"). No runes and no DOM
 * here, so it runs in unit tests and in urlState.ts; the reactive current language lives in locale.svelte.ts.
 *
 * A message is a string with `{name}` placeholders, or plural forms chosen with Intl.PluralRules by the `count`
 * parameter (Ukrainian has one/few/many/other: 1 версія, 2 версії, 5 версій, 1,5 версії).
 */
import { en, type MessageKey, type Messages, type MessageText } from './en.ts';
import { uk } from './uk.ts';

export type Locale = 'en' | 'uk';
export const LOCALES: readonly Locale[] = ['en', 'uk'];

/** BCP 47 tags for Intl: uk-UA writes 70 309,50 (space thousands, comma decimal), en-GB 70,309.50. */
export const LOCALE_TAGS: Readonly<Record<Locale, string>> = { en: 'en-GB', uk: 'uk-UA' };

const DICTIONARIES: Readonly<Record<Locale, Messages>> = { en, uk };

export type Params = Readonly<Record<string, string | number>>;

/** A message to translate when shown, so a text stored in state follows a later language switch. */
export interface Message {
  key: MessageKey;
  params?: Params;
}

/** Something to show: our own message, or a plain string that is not ours to translate (data, a source's error). */
export type Text = string | Message;

/**
 * @example isLocale('uk') // true
 */
export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'uk';
}

/**
 * The default language for a browser's language list: Ukrainian for any `uk*` tag, English otherwise.
 * @example localeFromLanguages(['uk-UA', 'en']) // 'uk'
 */
export function localeFromLanguages(languages: readonly string[]): Locale {
  const first = languages[0] ?? '';
  return /^uk(?:-|$)/iu.test(first) ? 'uk' : 'en';
}

/**
 * @example message('compare.heading') // { key: 'compare.heading' }
 */
export function message(key: MessageKey, params?: Params): Message {
  return params ? { key, params } : { key };
}

function pick(locale: Locale, text: MessageText, count: unknown): string {
  if (typeof text === 'string') return text;
  const n = typeof count === 'number' ? count : Number(count);
  const form = Number.isFinite(n) ? new Intl.PluralRules(LOCALE_TAGS[locale]).select(n) : 'other';
  return text[form] ?? text.other;
}

/**
 * The message `key` in `locale`, placeholders filled in; numbers are formatted for the locale.
 * @example translate('uk', 'layers.versions', { count: 5 }) // '5 версій'
 */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  const text = DICTIONARIES[locale][key] ?? en[key];
  const number = new Intl.NumberFormat(LOCALE_TAGS[locale]);
  return pick(locale, text, params['count']).replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? number.format(value) : value;
  });
}

/**
 * A Text in `locale`: messages are translated, plain strings shown as they are.
 * @example translateText('en', 'HTTP 404') // 'HTTP 404'
 */
export function translateText(locale: Locale, text: Text): string {
  return typeof text === 'string' ? text : translate(locale, text.key, text.params);
}

/** The placeholders (`{name}`) of a message, sorted, for the dictionary tests. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]!))].sort();
}
