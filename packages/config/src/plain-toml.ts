/**
 * smol-toml's parse of a plainly written TOML document, exactly as smol-toml
 * returns it (tables as null-prototype objects, keys in document order), or
 * undefined when the text uses anything else, and smol-toml then parses it
 * and words any error. "Plainly written": lines that are blank, a comment, a
 * `[table.header]` of bare keys, or `bare_key = value` with a boolean, a
 * decimal number, a one-line string without escapes or a one-line array of
 * those, each table and key once. The configurations the planner ships and
 * documents are written so. smol-toml reads a character at a time through
 * several functions: a third of a cold process's configuration step in V8's
 * interpreter (packages/cli README, "Configuration files"). This finds a
 * line's parts with string built-ins and local variables (no per-line
 * objects), and checks characters with two regular expressions run once each
 * (one expression for a whole line cost more to compile than smol-toml took).
 * test/plain-toml.test.ts holds it equal to smol-toml.
 */
export function parsePlainToml(text: string): Record<string, unknown> | undefined {
  // control characters are an error anywhere (a tab, a CRLF line end excepted); a BOM is left to smol-toml
  if (NOT_PLAIN.test(text)) return undefined;
  const root = Object.create(null) as Record<string, unknown>;
  const keys: string[] = [];
  let table = root;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === CR) end -= 1;
    let at = skipBlank(text, start, end);
    start = next;
    if (at === end || text.charCodeAt(at) === HASH) continue;
    if (text.charCodeAt(at) === OPEN) {
      const close = text.indexOf(']', at);
      if (close < 0 || close >= end) return undefined;
      const header = text.slice(at + 1, close).split('.');
      keys.push(...header);
      const opened = openTable(root, header);
      if (opened === undefined) return undefined;
      table = opened;
      at = close + 1;
    } else {
      const equals = text.indexOf('=', at);
      if (equals < 0 || equals >= end) return undefined;
      const key = text.slice(at, trimBlankBefore(text, at, equals));
      keys.push(key);
      if (key === '' || key in table || key === '__proto__') return undefined;
      at = skipBlank(text, equals + 1, end);
      let value: unknown;
      if (text.charCodeAt(at) === OPEN) {
        const items: unknown[] = [];
        at = skipBlank(text, at + 1, end);
        while (at >= end || text.charCodeAt(at) !== CLOSE) {
          const to = scalarEnd(text, at, end, true);
          const item = to < 0 ? UNUSUAL : scalarOf(text, at, to);
          if (item === UNUSUAL) return undefined;
          items.push(item);
          at = skipBlank(text, to, end);
          if (at < end && text.charCodeAt(at) === COMMA) at = skipBlank(text, at + 1, end);
          else if (at >= end || text.charCodeAt(at) !== CLOSE) return undefined;
        }
        at += 1;
        value = items;
      } else {
        const to = scalarEnd(text, at, end, false);
        value = to < 0 ? UNUSUAL : scalarOf(text, at, to);
        if (value === UNUSUAL) return undefined;
        at = to;
      }
      table[key] = value;
    }
    at = skipBlank(text, at, end);
    if (at < end && text.charCodeAt(at) !== HASH) return undefined;
  }
  // every key bare: letters, digits, `_` and `-` (an empty one was refused above)
  return BARE_KEYS.test(keys.join('\n')) ? root : undefined;
}

/** A control character (tab and newline excepted), a CR not before a LF, or a BOM. */
const NOT_PLAIN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]|\r(?!\n)/;
/** Bare keys, one a line. */
const BARE_KEYS = /^[\w\n-]*$/;

const TAB = 9;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const APOSTROPHE = 39;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const OPEN = 91;
const CLOSE = 93;

/** A value smol-toml reads differently from its text here, or a text to leave to smol-toml. */
const UNUSUAL = Symbol('unusual');

function skipBlank(text: string, at: number, end: number): number {
  let i = at;
  let c = text.charCodeAt(i);
  while (i < end && (c === SPACE || c === TAB)) c = text.charCodeAt(++i);
  return i;
}

/** `to`, less the spaces and tabs just before it (not before `from`). */
function trimBlankBefore(text: string, from: number, to: number): number {
  let i = to;
  let c = text.charCodeAt(i - 1);
  while (i > from && (c === SPACE || c === TAB)) c = text.charCodeAt(--i - 1);
  return i;
}

function digitsEnd(text: string, at: number, to: number): number {
  let i = at;
  let c = text.charCodeAt(i);
  while (i < to && c >= ZERO && c <= NINE) c = text.charCodeAt(++i);
  return i;
}

/**
 * Where the scalar at `at` ends, or -1: after a one-line string's closing
 * quote (a multi-line string's `"""` is left to smol-toml), or where smol-toml
 * ends a bare value: at a space, a tab, a comment, the line's end, and in an
 * array at a comma or `]`.
 */
function scalarEnd(text: string, at: number, end: number, inArray: boolean): number {
  if (at >= end) return -1;
  const quote = text.charCodeAt(at);
  if (quote === QUOTE || quote === APOSTROPHE) {
    const close = text.indexOf(quote === QUOTE ? '"' : "'", at + 1);
    if (close < 0 || close >= end || (close === at + 1 && text.charCodeAt(close + 1) === quote)) return -1;
    return close + 1;
  }
  let i = at;
  let c = quote;
  while (i < end && c !== SPACE && c !== TAB && c !== HASH && !(inArray && (c === COMMA || c === CLOSE))) c = text.charCodeAt(++i);
  return i;
}

/**
 * The scalar `text.slice(from, to)` as smol-toml reads it: a string without
 * escapes, `true`, `false`, or a decimal number without `+`, underscores,
 * `inf` or `nan` (-0 read as 0, a float with parseFloat); else UNUSUAL.
 */
function scalarOf(text: string, from: number, to: number): unknown {
  const first = text.charCodeAt(from);
  if (first === QUOTE || first === APOSTROPHE) {
    const escape = first === QUOTE ? text.indexOf('\\', from) : -1;
    return escape >= 0 && escape < to ? UNUSUAL : text.slice(from + 1, to - 1);
  }
  if (to - from === 4 && text.startsWith('true', from)) return true;
  if (to - from === 5 && text.startsWith('false', from)) return false;
  const whole = first === MINUS ? from + 1 : from;
  let i = digitsEnd(text, whole, to);
  if (i === whole || (i - whole > 1 && text.charCodeAt(whole) === ZERO)) return UNUSUAL;
  let float = false;
  if (i < to && text.charCodeAt(i) === DOT) {
    const fraction = i + 1;
    i = digitsEnd(text, fraction, to);
    if (i === fraction) return UNUSUAL;
    float = true;
  }
  const e = text.charCodeAt(i);
  if (i < to && (e === 101 || e === 69)) {
    const sign = text.charCodeAt(i + 1);
    const exponent = i + 1 < to && (sign === PLUS || sign === MINUS) ? i + 2 : i + 1;
    i = digitsEnd(text, exponent, to);
    if (i === exponent) return UNUSUAL;
    float = true;
  }
  if (i !== to) return UNUSUAL;
  const source = text.slice(from, to);
  if (float) return Number.parseFloat(source);
  const n = Number.parseInt(source, 10);
  // smol-toml refuses an integer it cannot hold exactly
  return Number.isSafeInteger(n) ? n + 0 : UNUSUAL;
}

/**
 * The table a header opens, with any missing parent; undefined when the
 * table exists already (smol-toml refuses a table defined twice and accepts
 * a parent defined later: both are left to it), a key on the way holds a
 * value, or a key is empty or `__proto__`. Values here are never objects,
 * and arrays are not tables, so an object on the way is a table.
 */
function openTable(root: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> | undefined {
  let table = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key === '' || key === '__proto__') return undefined;
    if (!(key in table)) {
      table = table[key] = Object.create(null) as Record<string, unknown>;
      continue;
    }
    const existing = table[key];
    if (i === keys.length - 1 || typeof existing !== 'object' || Array.isArray(existing)) return undefined;
    table = existing as Record<string, unknown>;
  }
  return table;
}
