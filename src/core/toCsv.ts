/**
 * RFC 4180 CSV (CRLF, header row) written by csv-stringify, with a leading `#` comment line of metadata and
 * spreadsheet formula injection neutralised (OWASP "CSV Injection").
 */
import { stringify } from 'csv-stringify/browser/esm/sync';

export type Cell = string | number | null;

/** A plain decimal number such as `-12.50`: safe in any spreadsheet, and must stay a number. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/u;

/**
 * A text cell starting with = + - @, tab or CR would run as a formula in a spreadsheet: prefix a quote.
 * Numbers, and strings that are plain decimal numbers (`-12.50`), are left alone.
 */
export function neutraliseCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (PLAIN_NUMBER.test(value)) return value;
  return /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}

/**
 * @example toCsv(['date', 'km2'], [['2025-08-15', '1.50']], 'frontline 0.1.0; source: archive')
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  comment?: string,
): string {
  // quote_record_delimiter: otherwise csv-stringify quotes only fields holding the whole CRLF and leaves a bare CR
  // or LF unquoted, which RFC 4180 forbids and spreadsheets read as a new row.
  const body = stringify([header.map(neutraliseCell), ...rows.map((r) => r.map(neutraliseCell))], {
    record_delimiter: 'windows',
    quote_record_delimiter: true,
  });
  return comment === undefined ? body : `# ${comment.replace(/[\r\n]+/gu, ' ')}\r\n${body}`;
}
