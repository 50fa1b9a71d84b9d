/**
 * What the second opinion says when one of its two sources could not be read (issue #14): which one — the active
 * source or the second — by its title in the interface language, and why. Before, every failure named the second
 * source, also when the active one had failed.
 */
import type { BrowserSourceId } from './sourceIds.ts';
import { translate, translateText, type Locale, type Text } from './i18n/translate.ts';

export interface OpinionFailure {
  /** The active source (`primary`) or the one it is compared with (`second`). */
  side: 'primary' | 'second';
  source: BrowserSourceId;
  /** Why: the source's or the worker's own words, or our message (a date none of its versions loads for). */
  error: Text;
}

/**
 * The failure in `locale`, the source named by its title.
 * @example opinionFailureText('en', { side: 'primary', source: 'archive', error: 'HTTP 500' })
 * // 'The active source (DeepState daily archive) could not be read: HTTP 500'
 */
export function opinionFailureText(locale: Locale, failure: OpinionFailure): string {
  return translate(locale, failure.side === 'primary' ? 'opinion.primaryFailed' : 'opinion.secondFailed', {
    source: translate(locale, `source.${failure.source}.title`),
    error: translateText(locale, failure.error),
  });
}
