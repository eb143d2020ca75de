import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { snapshotParserModule } from '../src/snapshot-parser-module.js';
import { parseValidSnapshotJson } from '../src/snapshot-parser.generated.js';
import { SnapshotSchema } from '../src/snapshot-schema.js';
import { parserSource, UnmodelledSchemaError } from '../src/zod-parser-source.js';
import { atLeastCodePoints, OBJECT_PROTOTYPE } from '../src/zod-parser-runtime.js';
import { mutatedSnapshot, snapshotLike } from './snapshot-arbitraries.js';

const SCENARIOS = fileURLToPath(new URL('../../cli/test/scenarios/', import.meta.url));
const scenarioTexts = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.input.json'))
  .map((f) => readFileSync(join(SCENARIOS, f), 'utf8'));

/**
 * A value written out with everything equality may miss: kinds (Map, array,
 * object and its prototype), key order, -0, and holes.
 */
function exact(v: unknown): unknown {
  if (v instanceof Map) return ['Map', [...v].map(([k, x]) => [exact(k), exact(x)])];
  if (Array.isArray(v)) return ['Array', v.length, Object.keys(v).map((k) => [k, exact(v[Number(k)])])];
  if (v !== null && typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) === null ? 'null' : Object.getPrototypeOf(v) === Object.prototype ? 'Object' : 'other';
    return ['Object', proto, Object.keys(v).map((k) => [k, exact((v as Record<string, unknown>)[k])])];
  }
  if (Object.is(v, -0)) return '-0';
  return [typeof v, v];
}

function hasProtoKey(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  return Object.hasOwn(v, '__proto__') || Object.values(v).some(hasProtoKey);
}

const fast = parseValidSnapshotJson;

/** The parser `parserSource` writes for `schema`, as JavaScript run here. */
function fastParserOf(schema: z.ZodMiniType, refinements: Record<string, (v: never) => unknown> = {}): (value: unknown) => unknown {
  const { body } = parserSource(schema, refinements, false);
  const names = Object.keys(refinements);
  // eslint-disable-next-line no-new-func -- the generated parser of a test schema
  const make = new Function('OBJECT_PROTOTYPE', 'atLeastCodePoints', ...names, 'input', body) as (...args: unknown[]) => unknown;
  return (value) => make(OBJECT_PROTOTYPE, atLeastCodePoints, ...names.map((n) => refinements[n]), value);
}

/** The fast parser and zod on the same value read from JSON text. */
function both(value: unknown): { fastOut: unknown; zod: ReturnType<typeof SnapshotSchema.safeParse> } {
  const text = JSON.stringify(value);
  return { fastOut: fast(JSON.parse(text)), zod: SnapshotSchema.safeParse(JSON.parse(text)) };
}

describe('the fast parser of SnapshotSchema', () => {
  it('is generated from the schema as it is now (else run `pnpm --filter @planner/context generate:parser`)', () => {
    const file = readFileSync(new URL('../src/snapshot-parser.generated.ts', import.meta.url), 'utf8');
    expect(file).toBe(snapshotParserModule());
  });

  it.each(scenarioTexts.map((t, i) => [i, t] as const))('accepts scenario %i, with exactly zod\'s output', (_, t) => {
    const out = fast(JSON.parse(t));
    const zod = SnapshotSchema.safeParse(JSON.parse(t));
    expect(zod.success).toBe(true);
    expect(exact(out)).toEqual(exact(zod.data));
  });

  it('accepts what zod accepts, with the same output; accepts nothing zod refuses (generated snapshots)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(snapshotLike, (s) => {
        const { fastOut, zod } = both(s);
        if (!zod.success) expect(fastOut).toBeUndefined();
        // zod skips a record's `__proto__` key; the fast parser leaves that to zod
        else if (hasProtoKey(JSON.parse(JSON.stringify(s)))) expect(fastOut).toBeUndefined();
        else {
          accepted++;
          expect(exact(fastOut)).toEqual(exact(zod.data));
        }
      }),
      { numRuns: 400, seed: 42 },
    );
    expect(accepted).toBeGreaterThan(80);
  });

  it('never accepts a mutated snapshot zod refuses, and when it accepts, gives zod\'s output', () => {
    let refused = 0;
    fc.assert(
      fc.property(mutatedSnapshot, (s) => {
        const { fastOut, zod } = both(s);
        if (!zod.success) {
          refused++;
          expect(fastOut).toBeUndefined();
        } else if (fastOut !== undefined) expect(exact(fastOut)).toEqual(exact(zod.data));
      }),
      { numRuns: 600, seed: 42 },
    );
    expect(refused).toBeGreaterThan(200);
  });

  it('agrees with zod on every part of a full snapshot removed, or replaced by a value of the wrong kind', () => {
    const full = {
      name: 'n', description: 'd', seed: 1, asOf: '2026-01-02', baseCurrency: 'EUR', cash: { EUR: 1 }, fxRates: { USD: 1.1 }, minCashReserve: 0,
      securities: [{
        symbol: 'A', name: 'A', productType: 'ETF', currency: 'USD', price: 1, country: 'c', industry: 'i', allowBuy: true, allowSell: false,
        minLot: 1, priorityMultiplier: 1, qualityScore: 0.5, bucket: 'core',
        metrics: { cagr5y: 0, cagr10y: 0, dividendYield: 0, consistencyScore: 0, financialStrength: 0, dividendConsistency: 0, payoutRatio: 0, sortino: 0, volatilityAnnual: 0, maxDrawdown: 0, sharpe: 0 },
      }],
      positions: [{ symbol: 'A', quantity: 1, avgPrice: 1, firstBoughtAt: '2025-01-01', currentPrice: 1 }],
      targets: { countries: { c: 0.5 }, industries: { i: 0.5 }, countryGroups: { g: ['c'] }, industryGroups: { h: ['i'] } },
      targetWeights: { A: 0.5 }, recentTrades: [{ symbol: 'A', side: 'BUY', at: '2025-01-01' }], priceHistory: { A: [1, 2] }, bucketCash: { core: { EUR: 1 } },
    };
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]): void => {
      if (path.length > 0) paths.push(path);
      if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, Array.isArray(v) ? Number(k) : k]);
    };
    walk(full, []);
    const wrong = (v: unknown): unknown => (typeof v === 'string' ? 5 : typeof v === 'number' ? 'x' : typeof v === 'boolean' ? 'x' : Array.isArray(v) ? {} : []);
    let cases = 0;
    for (const path of paths) {
      for (const change of ['remove', 'wrong'] as const) {
        const copy = JSON.parse(JSON.stringify(full));
        const parent = path.slice(0, -1).reduce((o, k) => o[k], copy);
        const last = path[path.length - 1] as string | number;
        if (change === 'remove' && Array.isArray(parent)) parent.splice(last as number, 1);
        else if (change === 'remove') delete parent[last];
        else parent[last] = wrong(parent[last]);
        const { fastOut, zod } = both(copy);
        if (zod.success) expect(exact(fastOut), `${change} ${path.join('.')}`).toEqual(exact(zod.data));
        else expect(fastOut, `${change} ${path.join('.')}`).toBeUndefined();
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(100);
    expect(exact(both(full).fastOut)).toEqual(exact(both(full).zod.data));
  });

  it('builds new objects and arrays, and a fresh copy of each default', () => {
    const input = JSON.parse(scenarioTexts[0] as string);
    const a = fast(input) as Record<string, any>;
    const b = fast(input) as Record<string, any>;
    expect(a.securities).not.toBe(input.securities);
    expect(a.securities[0]).not.toBe(input.securities[0]);
    expect(a.targets).not.toBe(input.targets);
    const bare = { asOf: '2026-01-02', baseCurrency: 'EUR', fxRates: {}, securities: [], targets: {} };
    const x = fast(bare) as Record<string, any>;
    const y = fast(bare) as Record<string, any>;
    expect(x.positions).toEqual([]);
    expect(x.positions).not.toBe(y.positions);
    expect(x.targets.countries).not.toBe(y.targets.countries);
    expect(b).toEqual(a);
  });
});

describe('parserSource refuses schemas it does not model, naming what', () => {
  it.each([
    ['a non-strict object', z.object({ a: z.string() })],
    ['a string format', z.string().check(z.regex(/a/))],
    ['an email', z.email()],
    ['a multiple-of check', z.number().check(z.multipleOf(2))],
    ['a date bound', z.date()],
    ['a coercing number', z.coerce.number()],
    ['an optional default', z.strictObject({ a: z.optional(z._default(z.string(), 'x')) })],
    ['a union', z.union([z.string(), z.number()])],
    ['checks on an array', z.array(z.string()).check(z.minLength(1))],
    ['optional array elements', z.array(z.optional(z.string()))],
    ['checks on an object', z.strictObject({}).check(z.refine(() => true))],
    ['checks on a boolean', z.boolean().check(z.refine(() => true))],
    ['checks on an enum', z.enum(['a']).check(z.refine(() => true))],
    ['an enum of numbers', z.enum({ a: 1 })],
    ['checks on an optional', z.strictObject({ a: z.optional(z.string()).check(z.refine(() => true)) })],
    ['checks on a default', z.strictObject({ a: z._default(z.string(), 'x').check(z.refine(() => true)) })],
    ['a default object with keys', z.strictObject({ a: z._default(z.strictObject({ b: z.optional(z.string()) }), { b: 'x' }) })],
    ['a default computed by a function', z.strictObject({ a: z._default(z.array(z.string()), () => ['x']) })],
    ['a record with enum keys', z.record(z.enum(['a']), z.string())],
    ['a record with checked keys', z.record(z.string().check(z.minLength(1)), z.string())],
    ['a loose record', z.looseRecord(z.string(), z.string())],
    ['an int32', z.int32()],
    ['a symbol key', z.strictObject({ [Symbol('s')]: z.string() } as Record<string, z.ZodMiniString>)],
    ['a key Object.prototype has', z.strictObject({ toString: z.string() })],
    ['a bigint bound', z.number().check(z.gt(1n as unknown as number))],
    ['an infinite bound', z.number().check(z.lt(Infinity))],
    ['a length bound on a number', z.number().check(z.maxLength(1) as never)],
    ['a refinement not named', z.string().check(z.refine((s) => s !== ''))],
    ['a refinement with a condition', z.string().check(z.refine((s) => s !== '', { when: () => true }))],
    ['a number check with a condition', z.number().check(z.refine(() => true, { when: () => true }) as never)],
    ['a length check with a condition of its own', z.string().check(z.minLength(1, { when: () => true } as never))],
  ] as const)('%s', (_, schema) => {
    expect(() => parserSource(schema as z.ZodMiniType, {})).toThrow(UnmodelledSchemaError);
  });
});

describe('fastParserOf follows zod on the checks it models', () => {
  const agree = (schema: z.ZodMiniType, values: unknown[], refinements: Record<string, (v: never) => unknown> = {}): void => {
    const parse = fastParserOf(schema, refinements);
    for (const v of values) {
      const zod = schema.safeParse(v);
      const out = parse(v);
      if (zod.success) expect(exact(out), JSON.stringify(v)).toEqual(exact(zod.data));
      else expect(out, JSON.stringify(v)).toBeUndefined();
    }
  };

  it('minimum lengths in code points (a surrogate pair is one, a lone surrogate one)', () => {
    const strings = ['', 'a', 'ab', 'abc', '\u{1F600}', '\u{1F600}a', '\u{1F600}\u{1F600}', '\uD800', '\uD800\uD800', 'a\u{1F600}b', '\uDC00\uD800'];
    for (const min of [1, 2, 3]) agree(z.string().check(z.minLength(min)), strings);
  });

  it('bounds, inclusive or not, and integers', () => {
    const numbers = [0, -0, 1, -1, 0.5, 1e-7, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 1.5, 'x', null];
    agree(z.number().check(z.gt(0), z.lt(1)), numbers);
    agree(z.number().check(z.gte(0), z.lte(1)), numbers);
    agree(z.int().check(z.minimum(1)), numbers);
  });

  it('refinements: true passes, anything else is left to zod', () => {
    const oneIfA = (s: string): boolean => (s === 'a' ? 1 : 0) as unknown as boolean;
    const truthy = z.string().check(z.refine(oneIfA));
    expect(fastParserOf(truthy, { oneIfA })('a')).toBeUndefined();
    expect(truthy.safeParse('a').success).toBe(true);
    const later = async (): Promise<boolean> => true;
    expect(fastParserOf(z.string().check(z.refine(later)), { later })('a')).toBeUndefined();
    const notEmpty = (s: string): boolean => s !== '';
    agree(z.string().check(z.refine(notEmpty)), ['', 'a', 1], { notEmpty });
    expect(parserSource(z.string().check(z.refine(notEmpty)), { notEmpty }).refinements).toEqual(['notEmpty']);
  });

  it('records: keys in the input\'s order, `__proto__` left to zod', () => {
    const record = z.record(z.string(), z.number());
    agree(record, [{ b: 1, a: 2, 10: 3 }, { a: 'x' }, [], null]);
    expect(fastParserOf(record)(JSON.parse('{"__proto__": 1}'))).toBeUndefined();
  });

  it('several checks on one string', () => {
    const notNo = (s: string): boolean => s !== 'no';
    agree(z.string().check(z.minLength(2), z.refine(notNo)), ['', 'a', 'no', 'yes'], { notNo });
  });

  it('objects not made by JSON.parse, and a polluted Object.prototype, are left to zod', () => {
    const object = z.strictObject({ a: z.string(), b: z.optional(z.string()), r: z.optional(z.record(z.string(), z.number())) });
    const parse = fastParserOf(object);
    expect(parse({ a: 'x' })).toEqual({ a: 'x' });
    expect(parse(Object.assign(Object.create(null), { a: 'x' }))).toBeUndefined();
    expect(parse(new (class { a = 'x'; })())).toBeUndefined();
    expect(parse({ a: 'x', b: undefined })).toBeUndefined();
    expect(parse({ a: 'x', r: { [Symbol('s')]: 1 } })).toBeUndefined();
    const proto = Object.getPrototypeOf({}) as Record<string, unknown>;
    try {
      proto.polluted = 1; // enumerable: zod's strict check would see it as an unknown key
      expect(object.safeParse({ a: 'x' }).success).toBe(false);
      expect(parse({ a: 'x' })).toBeUndefined();
      expect(fast(JSON.parse(scenarioTexts[0] as string))).toBeUndefined();
    } finally {
      delete proto.polluted;
    }
    try {
      Object.defineProperty(proto, 'b', { value: 'inherited', configurable: true }); // zod: `b` is present
      expect(parse({ a: 'x' })).toBeUndefined();
    } finally {
      delete proto.b;
    }
    expect(parse({ a: 'x' })).toEqual({ a: 'x' });
    expect(fastParserOf(z.string())('x')).toBe('x');
  });

  it('objects: unknown keys, `__proto__` and missing required keys are left to zod', () => {
    const object = z.strictObject({ a: z.string(), b: z.optional(z.number()), c: z._default(z.boolean(), true) });
    agree(object, [{ a: 'x' }, { a: 'x', b: 1, c: false }, { b: 1 }, { a: 'x', d: 1 }, JSON.parse('{"a": "x", "__proto__": 1}'), 'a', []]);
  });
});

describe('parseSnapshot with and without the fast path (a browser bundle has none)', () => {
  it('gives the same snapshots and the same errors', async () => {
    const withFast = await import('../src/parse-snapshot.js');
    vi.resetModules();
    vi.doMock('#snapshot-fast-path', () => import('../src/snapshot-fast-path-browser.js'));
    const zodOnly = await import('../src/parse-snapshot.js');
    vi.doUnmock('#snapshot-fast-path');
    expect(zodOnly.parseSnapshot).not.toBe(withFast.parseSnapshot);
    const outcome = (parse: typeof withFast.parseSnapshot, text: string): unknown => {
      try {
        return exact(parse(text, 'x.json'));
      } catch (err) {
        return ['error', (err as Error).message, (err as { issues?: unknown }).issues];
      }
    };
    for (const t of scenarioTexts) expect(outcome(withFast.parseSnapshot, t)).toEqual(outcome(zodOnly.parseSnapshot, t));
    fc.assert(
      fc.property(fc.oneof(snapshotLike, mutatedSnapshot), (s) => {
        const t = JSON.stringify(s);
        expect(outcome(withFast.parseSnapshot, t)).toEqual(outcome(zodOnly.parseSnapshot, t));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
