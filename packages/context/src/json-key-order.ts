/** The keys of an object in the order they were written; digit-only keys included, where the text put them. */
export type KeyOrder = (object: object) => readonly string[];

/** A JSON value as `JSON.parse` gives it, plus the written key order of each of its objects. */
export interface JsonInKeyOrder {
  readonly value: unknown;
  readonly keysOf: KeyOrder;
}

/** What an object lists as JavaScript enumerates it (integer-like keys first): all a value not read from text can tell. */
export const enumerationOrder: KeyOrder = (object) => Object.keys(object);

/** A key of digits only, as `"10":` or with escaped digits (`"\u0031\u0030":`); a match inside a string value only costs time. */
const DIGIT_KEY = /"(?:[0-9]|\\u003[0-9])+"\s*:/;

interface Frame {
  readonly container: Record<string, unknown> | unknown[];
  /** The key whose value comes next (objects only). */
  key: string | undefined;
}

const isLiteralChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || (c >= 0x61 && c <= 0x7a) || c === 0x45;

/**
 * Reads JSON text that `JSON.parse` accepts into the same value, and keeps
 * the key order as written: a JavaScript object lists integer-like keys
 * (`"10"`) before all others, so `JSON.parse` alone loses it. Syntax errors
 * are `JSON.parse`'s, thrown before anything is read; strings with escapes
 * are decoded by `JSON.parse` too, numbers by `Number` (the same rounding on
 * the JSON grammar). Text without a digit-only key is JSON.parse's value as
 * it is (the reader takes about 5 times as long). Iterative, so deep nesting
 * cannot overflow the stack.
 * A key written twice keeps its first place and its last value, as with `JSON.parse`.
 */
export function readJsonInKeyOrder(text: string): JsonInKeyOrder {
  const parsed: unknown = JSON.parse(text);
  // Without a digit-only key (escapes of digits included) JSON.parse keeps the written order.
  if (!DIGIT_KEY.test(text)) return { value: parsed, keysOf: enumerationOrder };
  const order = new WeakMap<object, string[]>();
  const stack: Frame[] = [];
  let root: unknown;

  const put = (value: unknown): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      root = value;
      return;
    }
    if (Array.isArray(top.container)) {
      top.container.push(value);
      return;
    }
    const key = top.key as string;
    const object = top.container;
    if (!Object.hasOwn(object, key)) (order.get(object) as string[]).push(key);
    // an own `__proto__` property, as JSON.parse makes it (assignment would set the prototype)
    if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
    else object[key] = value;
    top.key = undefined;
  };

  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const container: Record<string, unknown> | unknown[] = c === 0x7b ? {} : [];
      if (!Array.isArray(container)) order.set(container, []);
      put(container);
      stack.push({ container, key: undefined });
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      i++;
    } else if (c === 0x22 /* " */) {
      let end = i + 1;
      let escaped = false;
      while (text.charCodeAt(end) !== 0x22) {
        if (text.charCodeAt(end) === 0x5c /* \ */) {
          escaped = true;
          end++;
        }
        end++;
      }
      const s = escaped ? (JSON.parse(text.slice(i, end + 1)) as string) : text.slice(i + 1, end);
      const top = stack[stack.length - 1];
      if (top !== undefined && !Array.isArray(top.container) && top.key === undefined) top.key = s;
      else put(s);
      i = end + 1;
    } else if (isLiteralChar(c)) {
      let end = i + 1;
      while (end < text.length && isLiteralChar(text.charCodeAt(end))) end++;
      const token = text.slice(i, end);
      put(token === 'true' ? true : token === 'false' ? false : token === 'null' ? null : Number(token));
      i = end;
    } else {
      i++; // white space, commas and colons
    }
  }
  return { value: root, keysOf: (object) => order.get(object) ?? Object.keys(object) };
}
