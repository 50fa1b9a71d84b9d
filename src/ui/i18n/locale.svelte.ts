/**
 * The interface language as a rune, and `t()` to read a message in it (issue #5: "English and Ukrainian
 * interface"). Components call `t()` in their markup, so a switch re-renders every visible text in place: no
 * reload, no lost state. The choice is remembered in localStorage and written to the URL (`lang=uk`) by App.svelte;
 * without either, the browser's language decides (uk* → Ukrainian, anything else → English).
 *
 * Display only: numbers here are formatted for the reader (uk-UA: 70 309,50), while exports keep the CLI's
 * locale-independent format.
 */
import type { MessageKey } from './en.ts';
import {
  isLocale,
  LOCALE_TAGS,
  localeFromLanguages,
  translate,
  translateText,
  type Locale,
  type Params,
  type Text,
} from './translate.ts';

/** localStorage key of the chosen language. */
export const LOCALE_STORAGE_KEY = 'frontline.lang';

class LocaleState {
  current = $state<Locale>('en');
  /** BCP 47 tag for Intl (en-GB, uk-UA). */
  tag = $derived(LOCALE_TAGS[this.current]);
}

/** The one interface language of the page (a module singleton: `t()` is called from every component). */
export const locale = new LocaleState();

const formats = (options: Intl.NumberFormatOptions) =>
  Object.fromEntries(
    Object.entries(LOCALE_TAGS).map(([l, tag]) => [l, new Intl.NumberFormat(tag, options)]),
  ) as Record<Locale, Intl.NumberFormat>;
const AREA = formats({ minimumFractionDigits: 2, maximumFractionDigits: 2 });
const WHOLE = formats({ maximumFractionDigits: 0 });

/**
 * Switches the interface language: `<html lang>` follows, and the choice is remembered unless told otherwise.
 * @example setLocale('uk')
 */
export function setLocale(next: Locale, { remember = true } = {}): void {
  locale.current = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  if (!remember) return;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, next);
  } catch {
    // Storage may be disabled (private mode, a sandbox); the URL still holds the choice.
  }
}

/** The remembered language, if any and valid. */
export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * The language to start in: the link's, else the remembered one, else the browser's.
 * @example initialLocale(undefined) // 'uk' in a browser set to Ukrainian
 */
export function initialLocale(fromLink: Locale | undefined): Locale {
  if (fromLink) return fromLink;
  const stored = storedLocale();
  if (stored) return stored;
  const langs = typeof navigator === 'undefined' ? [] : [navigator.language, ...(navigator.languages ?? [])];
  return localeFromLanguages(langs.filter(Boolean));
}

/**
 * A message in the current language.
 * @example t('layers.versions', { count: 5 }) // '5 versions' / '5 версій'
 */
export function t(key: MessageKey, params?: Params): string {
  return translate(locale.current, key, params);
}

/**
 * A Text in the current language (plain strings, e.g. a source's error, pass through unchanged).
 * @example tr(app.comparison.error ?? '')
 */
export function tr(text: Text): string {
  return translateText(locale.current, text);
}

/**
 * An area in km² with two decimals, as the reader writes numbers (en-GB 1,234.50; uk-UA 1 234,50).
 * @example formatKm2(70309.5) // '70,309.50'
 */
export function formatKm2(n: number): string {
  return AREA[locale.current].format(n);
}

/**
 * Like formatKm2, with a + before gains.
 * @example formatSignedKm2(12) // '+12.00'
 */
export function formatSignedKm2(n: number): string {
  return `${n > 0 ? '+' : ''}${formatKm2(n)}`;
}

/**
 * A whole number as the reader writes it.
 * @example formatWhole(70309.4) // '70,309'
 */
export function formatWhole(n: number): string {
  return WHOLE[locale.current].format(n);
}

/**
 * A calendar date (`YYYY-MM-DD`) in words: '20 Nov 2025' / '20 лист. 2025 р.'.
 * @example formatDay('2025-11-20')
 */
export function formatDay(iso: string, month: 'short' | 'long' = 'short'): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString(locale.tag, {
    day: 'numeric',
    month,
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * A month (`YYYY-MM`) in words: 'July 2025' / 'липень 2025 р.'.
 * @example formatMonth('2025-07')
 */
export function formatMonth(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString(locale.tag, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
