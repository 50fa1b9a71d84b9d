/**
 * The page's words for which snapshot a date used, or why none: the worker's answer (the CLI's `snapshotAt`) in the
 * interface language.
 */
import { message, type Message, type Text } from '../i18n/translate.ts';
import type { AtError, UsedRef } from '../worker/protocol.ts';

/**
 * The note for a snapshot not from the requested date; undefined when it is.
 * @example usedNote({ requested: '2025-08-16', date: '2025-08-15', id: '…', skipped: 0, … })
 */
export function usedNote(used: UsedRef): Message | undefined {
  if (used.date === used.requested) return undefined;
  const params = { date: used.requested, used: used.date, id: used.id };
  return used.skipped
    ? message('compare.usedEarlierSkipped', { ...params, count: used.skipped })
    : message('compare.usedEarlier', params);
}

/** Why a date has no snapshot, in the interface language where the page has the words. */
export function atErrorText(error: AtError): Text {
  if (error.code === 'noSnapshot')
    return message('compare.noSnapshot', { source: error.source, date: error.date });
  if (error.code === 'noneLoaded') return message('compare.noneLoaded', { date: error.date });
  return error.message;
}
