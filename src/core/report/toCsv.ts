/**
 * RFC 4180 CSV (CRLF, header row) written by csv-stringify, with a leading `#` comment line of metadata and
 * spreadsheet formula injection neutralised (OWASP "CSV Injection").
 */
import { stringify } from 'csv-stringify/browser/esm/sync';

export type Cell = string | number | null;

/** A plain decimal number such as `-12.50`: safe in any spreadsheet, and must stay a number. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/u;

/**
 * What makes a spreadsheet read a cell as a formula (OWASP "CSV Injection"): = + - @, tab, CR, and their full-width
 * forms ＝ ＋ － ＠, which some spreadsheets (Excel in East Asian locales) also accept — csv-stringify's
 * `escape_formulas` covers the same set.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

/**
 * A text cell starting with = + - @, tab or CR (or ＝ ＋ － ＠) would run as a formula in a spreadsheet: prefix a
 * quote. Numbers, and strings that are plain decimal numbers (`-12.50`), are left alone.
 * @example neutraliseCell('=HYPERLINK("http://x")') // `'=HYPERLINK("http://x")`
 * @example neutraliseCell('-12.50') // '-12.50'
 */
export function neutraliseCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The `#` metadata line. A spreadsheet told to skip `#` lines ignores it; one that is not splits it at commas into
 * cells, so a piece after a comma that would start a formula (a folder or URL named `x,=HYPERLINK(…)`) is
 * neutralised like any cell, quotes and spaces before it included. Line breaks become spaces.
 */
function commentLine(comment: string): string {
  const pieces = comment.replace(/[\r\n]+/gu, ' ').split(',');
  const safe = pieces.map((piece, i) => {
    const start = piece.replace(/^[\s"]+/u, '');
    return i > 0 && !PLAIN_NUMBER.test(start) && FORMULA_START.test(start) ? `'${piece}` : piece;
  });
  return `# ${safe.join(',')}`;
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
  return comment === undefined ? body : `${commentLine(comment)}\r\n${body}`;
}
