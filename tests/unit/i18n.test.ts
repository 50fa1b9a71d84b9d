/**
 * The interface dictionaries (src/ui/i18n): English and Ukrainian have the same keys, the same placeholders in every
 * message and plural form, and no empty message; plural forms follow Intl.PluralRules; numbers follow the locale
 * (issue #5: "English and Ukrainian interface").
 */
import { describe, expect, it } from 'vitest';
import { AREA_MODEL, CLASS_LABELS, judge, TERRITORY_CLASSES, type Claim } from '../../src/core/index.ts';
import { en, type MessageText } from '../../src/ui/i18n/en.ts';
import {
  formatDay,
  formatKm2,
  formatMonth,
  formatSignedKm2,
  locale,
  setLocale,
  t,
} from '../../src/ui/i18n/locale.svelte.ts';
import {
  LOCALE_TAGS,
  LOCALES,
  localeFromLanguages,
  placeholders,
  translate,
  translateText,
} from '../../src/ui/i18n/translate.ts';
import { uk } from '../../src/ui/i18n/uk.ts';

const dictionaries = { en, uk } as const;
const forms = (m: MessageText): string[] => (typeof m === 'string' ? [m] : Object.values(m));
/** Any group separator Intl may use: space, no-break space, narrow no-break space. */
const SPACE = '[\\s\\u00a0\\u202f]';

describe('dictionaries', () => {
  it('have the same keys', () => {
    expect(Object.keys(uk).sort()).toEqual(Object.keys(en).sort());
  });

  it('have the same placeholders in every message and every plural form, and no empty text', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const expected = placeholders(forms(en[key]).join(' '));
      for (const [lang, dict] of Object.entries(dictionaries)) {
        for (const text of forms(dict[key])) {
          expect(text.trim(), `${lang} ${key}`).not.toBe('');
          expect(placeholders(text), `${lang} ${key}: "${text}"`).toEqual(expected);
        }
      }
    }
  });

  it('give every plural category of each language, and plural messages take a {count}', () => {
    for (const lang of LOCALES) {
      const categories = new Intl.PluralRules(LOCALE_TAGS[lang]).resolvedOptions().pluralCategories;
      for (const [key, text] of Object.entries(dictionaries[lang])) {
        const plural = typeof text !== 'string';
        expect(plural, `${lang} ${key}: plural in one language only`).toBe(
          typeof en[key as keyof typeof en] !== 'string',
        );
        if (typeof text === 'string') continue;
        expect(Object.keys(text).sort(), `${lang} ${key}`).toEqual([...categories].sort());
        expect(placeholders(text.other), key).toContain('count');
      }
    }
    expect(new Intl.PluralRules('uk-UA').resolvedOptions().pluralCategories.sort()).toEqual([
      'few',
      'many',
      'one',
      'other',
    ]);
  });

  it('keep the English names of classes, verdicts and the area model identical to the core (and the CLI)', () => {
    for (const cls of TERRITORY_CLASSES) expect(en[`class.${cls}`]).toBe(CLASS_LABELS[cls]);
    expect(en['areaModel.text']).toBe(AREA_MODEL);
    const claim = (valueKm2: number, bound?: 'more_than'): Claim =>
      ({ valueKm2, ...(bound ? { bound } : {}) }) as Claim;
    const verdicts = [
      judge(claim(100), 101),
      judge(claim(100), 105),
      judge(claim(100), 150),
      judge(claim(100, 'more_than'), 150),
      judge(claim(100, 'more_than'), 50),
    ].map((c) => c.verdict);
    expect(new Set(verdicts).size).toBe(5);
    for (const v of verdicts) {
      expect(en[`verdict.${v}`]).toBe(v);
      expect(uk[`verdict.${v}`]).not.toBe(v);
    }
  });

  it('write Ukrainian in Cyrillic (no message left in English by mistake)', () => {
    // Messages that are only names, formats or example search terms are the same in both languages.
    const same = new Set(['claims.placeholder', 'unit.km2']);
    for (const [key, text] of Object.entries(uk)) {
      if (same.has(key)) continue;
      for (const form of forms(text)) {
        const bare = form.replace(/\{\w+\}/gu, '');
        if (!/[A-Za-zА-Яа-яІіЇїЄєҐґ]/u.test(bare)) continue; // e.g. '+1 д.' has Cyrillic; '{date}: {area}' none
        expect(bare, `uk ${key}`).toMatch(/[А-Яа-яІіЇїЄєҐґ]/u);
      }
    }
  });
});

describe('translate', () => {
  it('chooses Ukrainian plural forms by count, with the number written the Ukrainian way', () => {
    const v = (count: number) => translate('uk', 'layers.versions', { count });
    expect([1, 2, 5, 11, 21, 22, 25].map(v)).toEqual([
      '1 версія',
      '2 версії',
      '5 версій',
      '11 версій',
      '21 версія',
      '22 версії',
      '25 версій',
    ]);
    expect(v(1754)).toMatch(new RegExp(`^1${SPACE}754 версії$`, 'u'));
    expect(translate('en', 'layers.versions', { count: 1 })).toBe('1 version');
    expect(translate('en', 'layers.versions', { count: 1754 })).toBe('1,754 versions');
  });

  it('fills placeholders, leaves unknown ones visible, and passes plain strings through', () => {
    expect(translate('en', 'areas.on', { date: '2025-08-01' })).toBe('Areas on 2025-08-01');
    expect(translate('uk', 'areas.on', { date: '2025-08-01' })).toBe('Площі на 2025-08-01');
    expect(translate('en', 'areas.on')).toBe('Areas on {date}');
    expect(translateText('uk', 'HTTP 404')).toBe('HTTP 404');
    expect(translateText('uk', { key: 'compare.heading' })).toBe('Порівняння двох дат');
  });

  it('picks the default language from the browser: uk* is Ukrainian, anything else English', () => {
    expect(localeFromLanguages(['uk'])).toBe('uk');
    expect(localeFromLanguages(['uk-UA', 'en'])).toBe('uk');
    expect(localeFromLanguages(['UK-ua'])).toBe('uk');
    expect(localeFromLanguages(['en-US', 'uk'])).toBe('en');
    expect(localeFromLanguages(['ukr'])).toBe('en');
    expect(localeFromLanguages(['ru-RU'])).toBe('en');
    expect(localeFromLanguages([])).toBe('en');
  });
});

describe('the current language (runes)', () => {
  it('switches t() and number and date formats; uk-UA uses a space for thousands and a comma for decimals', () => {
    setLocale('en', { remember: false });
    expect(t('compare.heading')).toBe('Compare two dates');
    expect(formatKm2(70309.5)).toBe('70,309.50');
    expect(formatSignedKm2(12)).toBe('+12.00');
    expect(formatDay('2025-11-20')).toBe('20 Nov 2025');
    expect(formatMonth('2025-07')).toBe('July 2025');
    setLocale('uk', { remember: false });
    expect(locale.current).toBe('uk');
    expect(locale.tag).toBe('uk-UA');
    expect(t('compare.heading')).toBe('Порівняння двох дат');
    expect(formatKm2(70309.5)).toMatch(new RegExp(`^70${SPACE}309,50$`, 'u'));
    expect(formatSignedKm2(1234.5)).toMatch(new RegExp(`^\\+1${SPACE}234,50$`, 'u'));
    expect(formatSignedKm2(-0.5)).toMatch(/^[-−]0,50$/u);
    expect(formatMonth('2025-07')).toBe('липень 2025 р.');
    setLocale('en', { remember: false });
  });
});
