import type { InputIssue } from '@planner/contracts';
import type * as z from 'zod/mini';

type Segment = PropertyKey;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The snapshot's objects keyed by user names: zod's record parsing drops a `__proto__` key. */
const KEYED_RECORDS: readonly (readonly string[])[] = [
  ['cash'], ['fxRates'], ['targetWeights'], ['priceHistory'],
  ['targets', 'countries'], ['targets', 'industries'], ['targets', 'countryGroups'], ['targets', 'industryGroups'],
];

/** The records whose key order decides a plan (weights iterate in file order; the last group naming a country wins). */
const ORDERED_RECORDS: readonly (readonly string[])[] = [
  ['targetWeights'], ['targets', 'countries'], ['targets', 'industries'], ['targets', 'countryGroups'], ['targets', 'industryGroups'],
];

function at(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const k of path) v = isRecord(v) && Object.hasOwn(v, k) ? v[k] : undefined;
  return v;
}

/** An array index: JavaScript objects list these keys first, whatever their place in the file. */
const isIndexKey = (key: string): boolean => /^(0|[1-9]\d{0,9})$/.test(key) && Number(key) < 2 ** 32 - 1;

/**
 * Keys JavaScript objects cannot keep as written: a digit-only key among
 * others (it would move to the front, changing which group wins), and the
 * value of a `__proto__` key, which zod skips (validated here with `schema`).
 */
export function keyIssues(
  data: unknown,
  valueSchema: (path: readonly string[]) => z.ZodMiniType | undefined,
  toIssues: (issue: z.core.$ZodIssue) => InputIssue[],
): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const path of ORDERED_RECORDS) {
    const record = at(data, path);
    if (!isRecord(record)) continue;
    const keys = Object.keys(record);
    if (keys.length < 2) continue;
    for (const key of keys.filter(isIndexKey)) {
      issues.push({
        path: `${path.join('.')}[${JSON.stringify(key)}]`,
        message: `expected a name that is not only digits (JavaScript would move it before the other keys and change the plan; write e.g. "g${key}"), found "${key}"`,
      });
    }
  }
  for (const path of KEYED_RECORDS) {
    const record = at(data, path);
    if (!isRecord(record) || !Object.hasOwn(record, '__proto__')) continue;
    const schema = valueSchema(path);
    const result = schema?.safeParse(record.__proto__);
    if (result && !result.success) {
      for (const issue of result.error.issues) issues.push(...toIssues({ ...issue, path: [...path, '__proto__', ...issue.path] as Segment[] } as z.core.$ZodIssue));
    }
  }
  return issues;
}

/**
 * Copies the parsed records with every key of the input, `__proto__`
 * included, into objects without a prototype (so such a key is an ordinary
 * key). Values are the input's: zod validated them and transforms none.
 */
export function keepEveryKey<T extends object>(parsed: T, data: unknown): T {
  let out: Record<string, unknown> = parsed as Record<string, unknown>;
  for (const path of KEYED_RECORDS) {
    const record = at(data, path);
    if (!isRecord(record) || !Object.hasOwn(record, '__proto__')) continue;
    const copy = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(record)) copy[k] = Array.isArray(v) ? [...v] : v;
    out = withAt(out, path, copy);
  }
  return out as T;
}

function withAt(root: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  const inner = rest.length === 0 ? value : withAt(root[head] as Record<string, unknown>, rest, value);
  return { ...root, [head]: inner };
}
