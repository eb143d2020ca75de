import { SnapshotError } from '@planner/contracts';
import type { InputIssue, PortfolioSnapshot } from '@planner/contracts';
import type * as z from 'zod/mini';
import { parseValidSnapshot, readSnapshotJson } from '#snapshot-fast-path';
import { derivedIssues } from './snapshot-derived.js';
import { enumerationOrder, type KeyOrder } from './json-key-order.js';
import { keepEveryKey, keyIssues } from './snapshot-keys.js';
import { BUCKET_ID, KNOWN_KEYS, RECORD_VALUES, SnapshotSchema } from './snapshot-schema.js';

type Segment = PropertyKey;
const WEIGHT_TOLERANCE = 1e-9;

/** `securities[2].price`, `targetWeights["AAPL.US"]`; the empty path is `(root)`. */
export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out || '(root)';
}

/** What was found, for messages: values quoted, containers named. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return `a${typeof v === 'object' ? 'n object' : ` ${typeof v}`}`;
}

function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function allowedKeys(path: readonly Segment[]): readonly string[] | undefined {
  const [a, b, c] = path;
  if (path.length === 0) return KNOWN_KEYS.root;
  if (path.length === 1 && a === 'targets') return KNOWN_KEYS.targets;
  if (typeof b !== 'number') return undefined;
  if (path.length === 2 && a === 'securities') return KNOWN_KEYS.security;
  if (path.length === 3 && a === 'securities' && c === 'metrics') return KNOWN_KEYS.metrics;
  if (path.length === 2 && a === 'positions') return KNOWN_KEYS.position;
  if (path.length === 2 && a === 'recentTrades') return KNOWN_KEYS.trade;
  return undefined;
}

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer', number: 'a finite number', string: 'a string', boolean: 'a boolean', object: 'an object',
  array: 'an array', record: 'an object',
};

/** `listed`: the objects whose known keys were already listed (once per object, not per unknown key). */
function fromZodIssue(issue: z.core.$ZodIssue, root: unknown, listed: Set<string>): InputIssue[] {
  const path = issue.path as Segment[];
  const found = describeValue(valueAt(root, path));
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(path);
      const where = formatPath(path);
      return issue.keys.map((k) => {
        let want = allowed ? `one of the keys ${allowed.join(', ')}` : 'no other key';
        if (allowed && listed.has(where)) want = `one of the keys listed above for ${where}`;
        listed.add(where);
        return { path: formatPath([...path, k]), message: `expected ${want}, found unknown key ${describeValue(k)}` };
      });
    }
    case 'invalid_type': {
      const v = valueAt(root, path);
      const what = TYPE_NAMES[issue.expected] ?? issue.expected;
      return [{ path: formatPath(path), message: v === undefined ? `expected ${what}, found nothing (required)` : `expected ${what}, found ${found}` }];
    }
    case 'too_small':
    case 'too_big': {
      const op = issue.code === 'too_small' ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const what =
        issue.origin === 'string' ? (issue.code === 'too_small' && bound === 1 ? 'a non-empty string' : `a string of length ${op} ${bound}`)
        : issue.origin === 'array' ? `an array of length ${op} ${bound}`
        : `a number ${op} ${bound}`;
      return [{ path: formatPath(path), message: `expected ${what}, found ${found}` }];
    }
    case 'invalid_value': {
      // A missing enum field reads as the missing fields of other types do.
      const missing = valueAt(root, path) === undefined ? ' (required)' : '';
      return [{ path: formatPath(path), message: `expected one of ${issue.values.map((x) => JSON.stringify(x)).join(', ')}, found ${found}${missing}` }];
    }
    default:
      return [{ path: formatPath(path), message: `${issue.message}, found ${found}` }];
  }
}

/** Checks across fields: uniqueness, references, exchange rates, weight sums. Tolerant of wrong types (zod reports those). */
function crossCheck(data: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  if (!isRecord(data)) return issues;
  const rates = isRecord(data.fxRates) ? data.fxRates : {};
  const hasRate = (c: string): boolean => c === 'EUR' || Object.hasOwn(rates, c);
  const securities = Array.isArray(data.securities) ? data.securities : [];
  const firstIndex = new Map<string, number>();
  securities.forEach((s, i) => {
    if (!isRecord(s)) return;
    if (typeof s.symbol === 'string') {
      const prev = firstIndex.get(s.symbol);
      if (prev !== undefined) {
        issues.push({ path: `securities[${i}].symbol`, message: `expected a unique symbol, found ${describeValue(s.symbol)} again (first at securities[${prev}])` });
      } else firstIndex.set(s.symbol, i);
    }
    if (typeof s.currency === 'string' && s.currency !== '' && !hasRate(s.currency)) {
      issues.push({ path: `securities[${i}].currency`, message: `expected a currency with a rate in fxRates, found ${describeValue(s.currency)} without one` });
    }
  });
  if (Array.isArray(data.positions)) {
    const seen = new Map<string, number>();
    data.positions.forEach((p, i) => {
      if (!isRecord(p) || typeof p.symbol !== 'string' || p.symbol === '') return;
      const prev = seen.get(p.symbol);
      if (prev !== undefined) {
        issues.push({ path: `positions[${i}].symbol`, message: `expected one position per symbol, found ${describeValue(p.symbol)} again (first at positions[${prev}])` });
      } else seen.set(p.symbol, i);
      const at = firstIndex.get(p.symbol);
      if (Array.isArray(data.securities) && at === undefined) {
        issues.push({ path: `positions[${i}].symbol`, message: `expected a symbol listed in securities, found ${describeValue(p.symbol)}` });
      }
      // A held security needs a quote: valued at 0 it would vanish from every weight (issue 12).
      const held = at === undefined ? undefined : securities[at];
      if (isRecord(held) && held.price === 0) {
        issues.push({ path: `securities[${at}].price`, message: `expected a price > 0 for a held security (positions[${i}]), found 0` });
      }
    });
  }
  if (isRecord(data.cash)) {
    for (const c of Object.keys(data.cash)) {
      if (!hasRate(c)) issues.push({ path: formatPath(['cash', c]), message: `expected a currency with a rate in fxRates, found ${describeValue(c)} without one` });
    }
  }
  if (isRecord(data.targetWeights)) {
    for (const s of Object.keys(data.targetWeights)) {
      if (Array.isArray(data.securities) && !firstIndex.has(s)) {
        issues.push({ path: formatPath(['targetWeights', s]), message: `expected a symbol listed in securities, found ${describeValue(s)}` });
      }
    }
    checkSum(data.targetWeights, ['targetWeights'], issues);
  }
  if (isRecord(data.bucketCash)) checkBucketCash(data.bucketCash, isRecord(data.cash) ? data.cash : {}, hasRate, issues);
  if (isRecord(data.targets)) {
    if (isRecord(data.targets.countries)) checkSum(data.targets.countries, ['targets', 'countries'], issues);
    if (isRecord(data.targets.industries)) checkSum(data.targets.industries, ['targets', 'industries'], issues);
  }
  return issues;
}

const BALANCE_TOLERANCE = 1e-9;

/**
 * Bucket balances are slices of the portfolio's cash: ids must be bucket ids,
 * currencies need a rate, and per currency the balances may not add up to
 * more than `cash` holds (a currency missing from `cash` holds 0).
 */
function checkBucketCash(
  bucketCash: Record<string, unknown>, cash: Record<string, unknown>, hasRate: (c: string) => boolean, issues: InputIssue[],
): void {
  const totals = new Map<string, { sum: number; parts: string[] }>();
  for (const [bucket, balances] of Object.entries(bucketCash)) {
    if (!BUCKET_ID.test(bucket)) {
      issues.push({ path: formatPath(['bucketCash', bucket]), message: `expected a bucket id (1 to 64 letters, digits, _ . -), found ${describeValue(bucket)}` });
    }
    if (!isRecord(balances)) continue;
    for (const [currency, amount] of Object.entries(balances)) {
      if (!hasRate(currency)) {
        issues.push({ path: formatPath(['bucketCash', bucket, currency]), message: `expected a currency with a rate in fxRates, found ${describeValue(currency)} without one` });
      }
      if (typeof amount !== 'number' || !(amount >= 0)) continue; // zod reports it
      const t = totals.get(currency) ?? { sum: 0, parts: [] };
      t.sum += amount;
      t.parts.push(`${bucket} ${amount}`);
      totals.set(currency, t);
    }
  }
  for (const [currency, { sum, parts }] of totals) {
    // an own key only: a currency named `valueOf` that cash lacks holds 0, not Object.prototype's function
    const own = Object.hasOwn(cash, currency) ? cash[currency] : undefined;
    const held = typeof own === 'number' ? own : 0;
    if (sum > held + BALANCE_TOLERANCE * Math.max(1, Math.abs(held))) {
      issues.push({
        path: formatPath(['bucketCash']),
        message: `expected ${currency} balances adding up to at most the portfolio's cash (${formatPath(['cash', currency])} = ${held}), found ${sum} (${parts.join(' + ')})`,
      });
    }
  }
}

function checkSum(weights: Record<string, unknown>, path: Segment[], issues: InputIssue[]): void {
  let sum = 0;
  for (const v of Object.values(weights)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return;
    sum += v;
  }
  if (sum > 1 + WEIGHT_TOLERANCE) issues.push({ path: formatPath(path), message: `expected weights summing to at most 1, found a sum of ${sum}` });
}

function jsonSyntaxIssue(text: string, err: unknown): InputIssue {
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  const line = /line (\d+)/.exec(msg);
  const issue: InputIssue = { path: '(root)', message: `expected valid JSON, found a syntax error: ${msg}` };
  if (line) return { ...issue, line: Number(line[1]) };
  if (pos) return { ...issue, line: text.slice(0, Number(pos[1])).split('\n').length };
  return issue;
}

export interface ParseSnapshotOptions {
  /**
   * The written key order of each object of `input`, for a value read from
   * text by `readJsonInKeyOrder` (stored work does so). Default: the order
   * JavaScript enumerates (integer-like keys first); JSON text passed as a
   * string always keeps its written order.
   */
  readonly keysOf?: KeyOrder;
}

/**
 * Validates a snapshot (JSON text, or an object) at the boundary and applies
 * the FORMAT.md defaults. Every problem is collected; the thrown
 * SnapshotError names each offending path, what was expected and what was found.
 *
 * Text keeps every key in the order written, digit-only keys included; an
 * object cannot tell where its digit-only keys were written (JavaScript lists
 * them first), so give text when `targets` or `targetWeights` may hold such keys.
 */
export function parseSnapshot(input: unknown, source?: string, options: ParseSnapshotOptions = {}): PortfolioSnapshot {
  let data = input;
  let keysOf = options.keysOf ?? enumerationOrder;
  let valid: unknown;
  if (typeof input === 'string') {
    // A byte-order mark is accepted, as in TOML; NULs mean UTF-16 (or binary) read as UTF-8.
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    if (text.includes('\u0000')) {
      throw new SnapshotError([{ path: '(root)', message: 'expected UTF-8 JSON text, found NUL characters (a UTF-16 or binary file?)' }], source);
    }
    try {
      ({ value: data, keysOf } = readSnapshotJson(text));
    } catch (err) {
      throw new SnapshotError([jsonSyntaxIssue(text, err)], source, { cause: err });
    }
    // What zod would return for a plainly valid value read from text, in a fraction of its time; zod otherwise.
    valid = parseValidSnapshot?.(data);
  }
  const result = valid !== undefined ? { success: true as const, data: valid } : SnapshotSchema.safeParse(data);
  const listed = new Set<string>();
  const issues = result.success ? [] : result.error.issues.flatMap((i) => fromZodIssue(i, data, listed));
  issues.push(...crossCheck(data));
  issues.push(...keyIssues(data, (path) => RECORD_VALUES[path.join('.')], (i) => fromZodIssue(i, data, listed)));
  if (issues.length > 0 || !result.success) throw new SnapshotError(issues, source);
  const snapshot: PortfolioSnapshot = keepEveryKey(result.data as unknown as PortfolioSnapshot, data, keysOf);
  const derived = derivedIssues(snapshot);
  if (derived.length > 0) throw new SnapshotError(derived, source);
  return snapshot;
}
