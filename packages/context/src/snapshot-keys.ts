import type { InputIssue } from '@planner/contracts';
import type * as z from 'zod/mini';
import type { KeyOrder } from './json-key-order.js';

type Segment = PropertyKey;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The snapshot's objects keyed by user names: zod's record parsing drops a `__proto__` key. */
const KEYED_RECORDS: readonly (readonly string[])[] = [
  ['cash'], ['fxRates'], ['targetWeights'], ['priceHistory'], ['bucketCash'],
  ['targets', 'countries'], ['targets', 'industries'], ['targets', 'countryGroups'], ['targets', 'industryGroups'],
];

/**
 * The records whose key order decides a plan (weights are read in file
 * order; the last group naming a country wins; cash balances are summed in
 * file order, as the reference sums its dict): Maps in the snapshot.
 * `bucketCash` is a Map of such Maps. The others are looked up by key, so
 * they stay objects.
 */
const ORDERED_RECORDS: readonly (readonly string[])[] = KEYED_RECORDS.filter(([a]) => a === 'targets' || a === 'targetWeights' || a === 'cash');
const BUCKET_CASH = KEYED_RECORDS.find(([a]) => a === 'bucketCash') as readonly string[];

function at(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const k of path) v = isRecord(v) && Object.hasOwn(v, k) ? v[k] : undefined;
  return v;
}

/**
 * The value of a `__proto__` key, which zod skips: validated here with the
 * record's value schema, also in each bucket's balances (`bucketCash.*`).
 */
export function keyIssues(
  data: unknown,
  valueSchema: (path: readonly string[]) => z.ZodMiniType | undefined,
  toIssues: (issue: z.core.$ZodIssue) => InputIssue[],
): InputIssue[] {
  const issues: InputIssue[] = [];
  const check = (record: unknown, path: readonly string[], schema: z.ZodMiniType | undefined): void => {
    if (!isRecord(record) || !Object.hasOwn(record, '__proto__')) return;
    const result = schema?.safeParse(record.__proto__);
    if (result && !result.success) {
      for (const issue of result.error.issues) issues.push(...toIssues({ ...issue, path: [...path, '__proto__', ...issue.path] as Segment[] } as z.core.$ZodIssue));
    }
  };
  for (const path of KEYED_RECORDS) check(at(data, path), path, valueSchema(path));
  const buckets = at(data, BUCKET_CASH);
  if (isRecord(buckets)) {
    const balance = valueSchema([...BUCKET_CASH, '*']);
    for (const id of Object.keys(buckets)) check(buckets[id], [...BUCKET_CASH, id], balance);
  }
  return issues;
}

/** A key of ASCII digits only (a loop: a regexp run more than once is compiled to machine code first, ~0.1 ms in a fresh process). */
function digitsOnly(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Whether an order-deciding record of a value JSON.parse made holds a key of
 * digits only: JavaScript lists integer-like keys first, so only then can the
 * written order differ from what the object enumerates (`readJsonInKeyOrder`
 * recovers it). The other records are looked up by key, so their order does
 * not matter. A key written with escapes (`"\u0031"`) is tested as read.
 */
export function hasDigitOnlyOrderedKey(data: unknown): boolean {
  for (const path of ORDERED_RECORDS) {
    const record = at(data, path);
    if (isRecord(record) && Object.keys(record).some(digitsOnly)) return true;
  }
  const buckets = at(data, BUCKET_CASH);
  if (!isRecord(buckets)) return false;
  for (const id of Object.keys(buckets)) {
    const balances = buckets[id];
    if (digitsOnly(id) || (isRecord(balances) && Object.keys(balances).some(digitsOnly))) return true;
  }
  return false;
}

const copyValue = (v: unknown): unknown => (Array.isArray(v) ? [...v] : isRecord(v) ? { ...v } : v);

/**
 * The parsed snapshot with every key of the input, `__proto__` included:
 * the order-deciding records become Maps in `keysOf` order (the file's, for
 * text), the others objects whose `__proto__` key, when they hold one, is an
 * own key like any other. Values are the input's: zod validated them
 * and transforms none. `parsed` is changed in place and returned.
 */
export function keepEveryKey<T extends object>(parsed: T, data: unknown, keysOf: KeyOrder): T {
  const out = parsed as Record<string, unknown>;
  const inOrder = (record: Record<string, unknown>): Map<string, unknown> => new Map(keysOf(record).map((k) => [k, copyValue(record[k])]));
  for (const path of KEYED_RECORDS) {
    const record = at(data, path);
    if (!isRecord(record)) continue;
    if (ORDERED_RECORDS.includes(path)) {
      setAt(out, path, inOrder(record));
    } else if (path === BUCKET_CASH) {
      // zod validated each entry as a record of balances
      setAt(out, path, new Map(keysOf(record).map((id) => [id, inOrder(record[id] as Record<string, unknown>)])));
    } else if (Object.hasOwn(record, '__proto__')) {
      // filled without a prototype (an assignment of `__proto__` would set it), then an object like the others
      const copy = Object.create(null) as Record<string, unknown>;
      for (const [k, v] of Object.entries(record)) copy[k] = copyValue(v);
      setAt(out, path, Object.setPrototypeOf(copy, Object.prototype));
    }
  }
  // zod's defaults: targets without a group table and a snapshot without cash still hold an empty Map
  for (const path of ORDERED_RECORDS) {
    if ((path[0] === 'targets' || path[0] === 'cash') && !(at(out, path) instanceof Map)) setAt(out, path, new Map());
  }
  return parsed;
}

/**
 * Replaces the value at `path` of the parse (objects the parse made, so no
 * one else holds them): a key it has keeps its place, as zod wrote it.
 */
function setAt(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) node = node[path[i] as string] as Record<string, unknown>;
  node[path[path.length - 1] as string] = value;
}
