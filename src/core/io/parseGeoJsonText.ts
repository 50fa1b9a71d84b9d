/**
 * The first step for any file or response body (issue #6): text → JSON value, with every way a stranger's file or a
 * failing server can go wrong turned into one readable issue, and no step that a hostile file can make crash, recurse
 * without bound or run out of memory on purpose.
 *
 * | input | outcome |
 * |---|---|
 * | a UTF-8 byte-order mark | stripped, warning |
 * | bytes that are not UTF-8 inside strings (a Windows-1251 or Latin-1 file): U+FFFD | parsed, warning: names may be garbled |
 * | empty, only whitespace, only a BOM | issue |
 * | over `maxBytes` (default 100 MB) | issue stating the cap, before anything else is done |
 * | NUL characters (a UTF-16 file read as UTF-8) | issue: save it as UTF-8 |
 * | HTML (an error page served with 200) or XML (KML, GML) | issue saying which, with the page title |
 * | arrays/objects nested deeper than `maxDepth` (default 64) | issue, found by a bracket scan *before* JSON.parse |
 * | invalid or truncated JSON | issue with line, column and what was expected, the same in every browser |
 * | more than `maxVertices` positions (default 2,000,000) | issue stating the cap |
 *
 * Pure: no I/O, runs unchanged in Node, the browser and a worker.
 */
import type { Parsed } from '../model/model.ts';

export interface ParseTextOptions {
  /** Prefix of every message, e.g. the file name or URL: `my-file.geojson: …`. None by default. */
  label?: string;
  /** What the text is, in messages: `the file` (default) or `the answer` (an HTTP response body). */
  subject?: string;
  /** Largest text accepted, in UTF-8 bytes; default {@link MAX_BYTES}. */
  maxBytes?: number;
  /** Deepest nesting of arrays and objects accepted; default {@link MAX_DEPTH}. */
  maxDepth?: number;
  /** Most positions (arrays of numbers) accepted; default {@link MAX_VERTICES}. */
  maxVertices?: number;
}

/** 100 MB (10⁸ bytes): ~160 times the largest DeepState version (≈ 0.63 MB), well under a browser tab's memory. */
export const MAX_BYTES = 100_000_000;
/** GeoJSON needs 6 levels (collection → features → geometry → polygons → rings → positions) plus its properties. */
export const MAX_DEPTH = 64;
/** 2 million positions: ~20 times a real DeepState version (≈ 100k), a few hundred MB once parsed. */
export const MAX_VERTICES = 2_000_000;

const BOM = 0xfeff;

/**
 * A size in decimal megabytes, as file managers show them; under 1 MB in bytes.
 * @example formatMegabytes(100_000_000) // '100 MB'
 * @example formatMegabytes(2048) // '2,048 bytes'
 */
export const formatMegabytes = (bytes: number): string => {
  if (bytes < 1e6) return `${bytes.toLocaleString('en-US')} bytes`;
  const mb = bytes / 1e6;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
};

const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** UTF-8 length of a string, counted without encoding it. */
function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Line and column (both from 1) of a character index. */
function lineColumn(s: string, index: number): string {
  let line = 1;
  let start = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < index; i = s.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `line ${line}, column ${index - start + 1}`;
}

interface Scan {
  /** Index of the bracket that went deeper than allowed, or -1. */
  tooDeepAt: number;
  /** Brackets still open at the end. */
  open: number;
  /** True when the text ends inside a string. */
  inString: boolean;
}

/**
 * One pass over the text counting brackets outside strings: the nesting depth is known before JSON.parse (or
 * anything recursive) sees the text. Stops at the first bracket deeper than `maxDepth`.
 */
function scanBrackets(s: string, maxDepth: number): Scan {
  let open = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (open >= maxDepth) return { tooDeepAt: i, open, inString };
      open++;
    } else if (c === 0x5d || c === 0x7d) open--;
  }
  return { tooDeepAt: -1, open, inString };
}

/** A character as a person would name it in a message. */
function describeChar(s: string, i: number): string {
  const c = s.charCodeAt(i);
  if (c === 0x09) return 'a tab';
  if (c === 0x0a || c === 0x0d) return 'a line break';
  const code = `U+${c.toString(16).padStart(4, '0').toUpperCase()}`;
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return `the control character ${code}`;
  // No-break and other Unicode spaces, zero-width characters, a BOM in the middle: invisible when quoted.
  if (/[\s\u200b-\u200f\u2060\ufeff]/u.test(s[i]!)) return `the invisible character ${code}`;
  const word = /^[A-Za-z_$][\w$]*/u.exec(s.slice(i, i + 20));
  if (word) return `"${word[0]}"`;
  return `"${String.fromCodePoint(s.codePointAt(i)!)}"`;
}

class SyntaxAt {
  constructor(
    readonly index: number,
    readonly expected: string,
    /** A hint for a common mistake (NaN, single quotes, a trailing comma, a comment). */
    readonly hint = '',
  ) {}
}

/**
 * Where and why `s` is not JSON (RFC 8259), in words that do not depend on the JavaScript engine: V8, SpiderMonkey
 * and JavaScriptCore each word JSON.parse errors differently and V8 often gives no position. Only called after
 * JSON.parse failed, on text whose nesting is already known to be shallow, so the recursion is bounded.
 */
function findSyntaxError(s: string): SyntaxAt | null {
  let i = 0;
  const n = s.length;
  const ws = (): void => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const fail = (expected: string): never => {
    const rest = s.slice(i, i + 12);
    let hint = '';
    if (/^-?(?:NaN|Infinity)/u.test(rest))
      hint =
        'NaN and Infinity are not JSON numbers: the coordinate is missing or was written by a broken export';
    else if (rest.startsWith("'")) hint = 'JSON strings take double quotes';
    else if (rest.startsWith('//') || rest.startsWith('/*')) hint = 'JSON has no comments';
    else if (/^[\]}]/u.test(rest) && /,\s*$/u.test(s.slice(Math.max(0, i - 20), i)))
      hint = 'a comma before a closing bracket is not allowed in JSON';
    throw new SyntaxAt(i, expected, hint);
  };
  const literal = (word: string): void => {
    if (s.startsWith(word, i)) i += word.length;
    else fail('a value');
  };
  const digits = (): number => {
    const start = i;
    while (i < n && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
    return i - start;
  };
  const number = (): void => {
    if (s[i] === '-') i++;
    if (s[i] === '0') i++;
    else if (digits() === 0) fail('a digit');
    if (s[i] === '.') {
      i++;
      if (digits() === 0) fail('a digit after the decimal point');
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (digits() === 0) fail('a digit in the exponent');
    }
  };
  const string = (): void => {
    i++; // the opening quote
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('a closing quote (a string cannot hold a raw line break or control character)');
      if (c === 0x5c) {
        i++;
        const e = s[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/u.test(s.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail('an escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)');
      } else i++;
    }
    fail('a closing quote');
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (s[i] !== ':') fail('":" after a property name');
        i++;
        value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === '}') {
          i++;
          return;
        } else fail('"," or "}" after a property value');
      }
    } else if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === ']') {
          i++;
          return;
        } else fail('"," or "]" after an array element');
      }
    } else if (c === '"') string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else fail('a value');
  };
  try {
    value();
    ws();
    if (i < n) {
      throw new SyntaxAt(
        i,
        'nothing',
        'the JSON value ends before it: two files joined together, or a stray bracket?',
      );
    }
    return null;
  } catch (err) {
    if (err instanceof SyntaxAt) return err;
    return null; // a stack overflow cannot happen at the depths let through, but never throw from here
  }
}

/** Counts positions (arrays whose first element is a number), stopping once past `max`. */
function countPositions(value: unknown, max: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= max) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      if (typeof v[0] === 'number') count++;
      else {
        // A ring's positions are counted here rather than pushed one by one: a million-vertex ring stays cheap.
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (Array.isArray(x) && typeof x[0] === 'number') count++;
          else if (typeof x === 'object' && x !== null) stack.push(x);
        }
      }
    } else if (typeof v === 'object' && v !== null) {
      for (const x of Object.values(v)) if (typeof x === 'object' && x !== null) stack.push(x);
    }
  }
  return count;
}

/** The `<title>` of an HTML page, tidied, or ''. */
function htmlTitle(s: string): string {
  const m = /<title[^>]*>([^<]{1,300})<\/title>/iu.exec(s.slice(0, 10_000));
  const t = m ? m[1]!.replace(/\s+/gu, ' ').trim() : '';
  return t.length > 80 ? `${t.slice(0, 80)}…` : t;
}

/**
 * The issue for a file whose size is known before it is read (on disk, or a browser `File`), or null when it is
 * within the cap: check it first, and a file over the cap is refused without reading a byte of it.
 * @example sizeIssue('big.geojson', 200_000_000) // 'big.geojson: the file is 200 MB, over the 100 MB cap for one file; split it by date or area'
 * @example sizeIssue('small.geojson', 1234) // null
 */
export function sizeIssue(label: string, bytes: number, maxBytes = MAX_BYTES): string | null {
  if (bytes <= maxBytes) return null;
  return `${label}: the file is ${formatMegabytes(bytes)}, over the ${formatMegabytes(maxBytes)} cap for one file; split it by date or area`;
}

/**
 * Parses the text of a GeoJSON file or of a source's response into a JSON value, refusing what would be unsafe or
 * pointless to parse with one specific, readable issue. The value still has to go through the validation path
 * (`validateGeoJson`, or a source's parser, which calls it).
 * @example
 * const r = parseGeoJsonText(await file.text(), { label: file.name });
 * if (!r.ok) show(r.issues); // ["my-file.geojson: the file is not valid JSON: it ends before the JSON is complete …"]
 * else validateGeoJson(r.value, { label: file.name });
 * @example parseGeoJsonText('<!DOCTYPE html><title>502 Bad Gateway</title>', { label: url, subject: 'the answer' })
 * // { ok: false, issues: ['https://…: the answer is not JSON (an HTML page titled "502 Bad Gateway", perhaps an error page)'] }
 */
export function parseGeoJsonText(text: string, options: ParseTextOptions = {}): Parsed<unknown> {
  const {
    label,
    subject = 'the file',
    maxBytes = MAX_BYTES,
    maxDepth = MAX_DEPTH,
    maxVertices = MAX_VERTICES,
  } = options;
  const say = (m: string): string => (label ? `${label}: ${subject} ${m}` : `${subject} ${m}`);
  const fail = (m: string): Parsed<unknown> => ({ ok: false, issues: [say(m)] });
  if (typeof text !== 'string') return fail(`is not text (got ${text === null ? 'null' : typeof text})`);

  // Size first: nothing else is worth doing on a text that is refused anyway. A UTF-16 code unit is 1 to 3 UTF-8
  // bytes (a surrogate pair 4 for 2), so the exact count is only needed between `length` and `3 × length`.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text) > maxBytes)) {
    const size =
      text.length > maxBytes ? `at least ${formatMegabytes(text.length)}` : formatMegabytes(utf8Length(text));
    return fail(
      `is ${size}, over the ${formatMegabytes(maxBytes)} cap for one file; split it by date or area`,
    );
  }

  const warnings: string[] = [];
  let s = text;
  if (s.charCodeAt(0) === BOM) {
    s = s.slice(1);
    warnings.push(
      `${label ? `${label}: ` : ''}${subject} starts with a byte-order mark (BOM), which JSON does not allow (RFC 8259 §8.1); ignored it`,
    );
  }
  if (s.length === 0)
    return fail(warnings.length ? 'is empty apart from a byte-order mark' : 'is empty (0 bytes)');
  const first = s.search(/\S/u);
  if (first === -1) return fail(`holds only whitespace (${plural(s.length, 'character')}), no JSON`);

  if (s.includes('\u0000')) {
    return fail(
      'holds NUL characters: it looks UTF-16 encoded (or binary); JSON must be UTF-8 (RFC 8259 §8.1) — save it as UTF-8',
    );
  }
  if (s.charCodeAt(first) === 0xfffd) {
    return fail(
      'starts with bytes that are not UTF-8 (a UTF-16 byte-order mark, or a binary file such as a zip or shapefile); ' +
        'GeoJSON must be UTF-8 text',
    );
  }
  if (s[first] === '<') {
    if (/^<\?xml|^<kml|^<gml/iu.test(s.slice(first, first + 10))) {
      return fail('is not JSON but XML (a KML or GML file?); convert it to GeoJSON first');
    }
    const title = htmlTitle(s);
    return fail(
      `is not JSON (an HTML page${title ? ` titled ${JSON.stringify(title)}` : ''}, perhaps an error page)`,
    );
  }

  const scan = scanBrackets(s, maxDepth);
  if (scan.tooDeepAt >= 0) {
    return fail(
      `nests arrays and objects more than ${maxDepth} deep (at ${lineColumn(s, scan.tooDeepAt)}); GeoJSON needs ` +
        'about 6 levels, so this is not GeoJSON — refused without parsing it',
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(s) as unknown;
  } catch (err) {
    const at = findSyntaxError(s);
    if (!at) return fail(`is not valid JSON (${(err as Error).message})`);
    if (at.index >= s.length) {
      const open = scan.inString
        ? 'inside a string'
        : scan.open > 0
          ? `with ${plural(scan.open, 'bracket')} still open`
          : `where ${at.expected} was expected`;
      return fail(
        `is not valid JSON: it ends before the JSON is complete (${open}, after ${plural(s.length, 'character')}) — ` +
          'truncated by a download or a copy?',
      );
    }
    const where = lineColumn(s, at.index);
    return fail(
      `is not valid JSON: found ${describeChar(s, at.index)} at ${where} (character ${at.index + 1}), ` +
        `where ${at.expected} was expected${at.hint ? ` — ${at.hint}` : ''}`,
    );
  }

  // Bytes that were not UTF-8 decode as U+FFFD: the JSON parses, but names are garbled — in this file (saved as
  // Windows-1251 or Latin-1) or before it was made (some DeepState descriptions carry the character themselves).
  const garbled = s.indexOf('\uFFFD');
  if (garbled !== -1) {
    warnings.push(
      say(
        `contains the replacement character "\uFFFD" (first at ${lineColumn(s, garbled)}): text that was not UTF-8 ` +
          'was garbled, here or upstream; names may be unreadable — a file saved as Windows-1251 or Latin-1 must be saved as UTF-8',
      ),
    );
  }
  const positions = countPositions(value, maxVertices);
  if (positions > maxVertices) {
    return fail(
      `holds more than ${maxVertices.toLocaleString('en-US')} positions, the cap for one file; simplify it ` +
        '(e.g. mapshaper -simplify) or split it by area',
    );
  }
  return { ok: true, value, warnings };
}
