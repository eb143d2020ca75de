import { enumerationOrder, readJsonInKeyOrder, type JsonInKeyOrder } from './json-key-order.js';
import { parseValidSnapshotJson } from './snapshot-parser.generated.js';
import { hasDigitOnlyOrderedKey } from './snapshot-keys.js';

// '#snapshot-fast-path' in Node (package.json "imports"); a browser bundle gets
// snapshot-fast-path-browser.ts: the same results, from less code (the bundle's budget).

/**
 * Snapshot text as JSON.parse reads it, with the written key order of each
 * object where it matters: the key-order walk of `readJsonInKeyOrder` (a second,
 * slower read) only when an order-deciding record holds a digit-only key.
 */
export function readSnapshotJson(text: string): JsonInKeyOrder {
  const value: unknown = JSON.parse(text);
  return hasDigitOnlyOrderedKey(value) ? readJsonInKeyOrder(text) : { value, keysOf: enumerationOrder };
}

/**
 * SnapshotSchema's parse of a value JSON.parse made, exactly as zod returns
 * it, when the value is plainly valid; undefined when zod must decide (and word the issues).
 */
export const parseValidSnapshot: ((value: unknown) => unknown) | undefined = parseValidSnapshotJson;
