import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { SnapshotSchema } from '../src/snapshot-schema.js';
import { fastParserOf } from '../src/zod-fast-parse.js';
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

const fast = fastParserOf(SnapshotSchema);

/** The fast parser and zod on the same value read from JSON text. */
function both(value: unknown): { fastOut: unknown; zod: ReturnType<typeof SnapshotSchema.safeParse> } {
  const text = JSON.stringify(value);
  return { fastOut: fast?.(JSON.parse(text)), zod: SnapshotSchema.safeParse(JSON.parse(text)) };
}

describe('the fast parser of SnapshotSchema', () => {
  it('models every part of the schema (a schema change it cannot follow shows here)', () => {
    expect(fast).toBeTypeOf('function');
  });

  it.each(scenarioTexts.map((t, i) => [i, t] as const))('accepts scenario %i, with exactly zod\'s output', (_, t) => {
    const out = fast?.(JSON.parse(t));
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
      { numRuns: 400 },
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
      { numRuns: 600 },
    );
    expect(refused).toBeGreaterThan(200);
  });

  it('builds new objects and arrays, and a fresh copy of each default', () => {
    const input = JSON.parse(scenarioTexts[0] as string);
    const a = fast?.(input) as Record<string, any>;
    const b = fast?.(input) as Record<string, any>;
    expect(a.securities).not.toBe(input.securities);
    expect(a.securities[0]).not.toBe(input.securities[0]);
    expect(a.targets).not.toBe(input.targets);
    const bare = { asOf: '2026-01-02', baseCurrency: 'EUR', fxRates: {}, securities: [], targets: {} };
    const x = fast?.(bare) as Record<string, any>;
    const y = fast?.(bare) as Record<string, any>;
    expect(x.positions).toEqual([]);
    expect(x.positions).not.toBe(y.positions);
    expect(x.targets.countries).not.toBe(y.targets.countries);
    expect(b).toEqual(a);
  });
});

describe('fastParserOf on schemas it does not model: none, zod parses', () => {
  it.each([
    ['a non-strict object', z.object({ a: z.string() })],
    ['a string format', z.string().check(z.regex(/a/))],
    ['an email', z.email()],
    ['a multiple-of check', z.number().check(z.multipleOf(2))],
    ['a date bound', z.date()],
    ['a coercing number', z.coerce.number()],
    ['an optional default', z.optional(z._default(z.string(), 'x'))],
    ['a union', z.union([z.string(), z.number()])],
    ['checks on an array', z.array(z.string()).check(z.minLength(1))],
    ['checks on an object', z.strictObject({}).check(z.refine(() => true))],
    ['checks on a boolean', z.boolean().check(z.refine(() => true))],
    ['checks on an enum', z.enum(['a']).check(z.refine(() => true))],
    ['checks on an optional', z.optional(z.string()).check(z.refine(() => true))],
    ['checks on a default', z._default(z.string(), 'x').check(z.refine(() => true))],
    ['a record with enum keys', z.record(z.enum(['a']), z.string())],
    ['a record with checked keys', z.record(z.string().check(z.minLength(1)), z.string())],
    ['a loose record', z.looseRecord(z.string(), z.string())],
    ['an int32', z.int32()],
    ['a symbol key', z.strictObject({ [Symbol('s')]: z.string() } as Record<string, z.ZodMiniString>)],
    ['a key Object.prototype has', z.strictObject({ toString: z.string() })],
    ['a bigint bound', z.number().check(z.gt(1n as unknown as number))],
    ['a length bound on a number', z.number().check(z.maxLength(1) as never)],
    ['a condition that is not a function', z.string().check(Object.assign(z.refine(() => true), {}))],
  ] as const)('%s', (_, schema) => {
    if (_ === 'a condition that is not a function') (schema._zod.def as { checks: { _zod: { def: { when: unknown } } }[] }).checks[0]!._zod.def.when = 1;
    expect(fastParserOf(schema as z.ZodMiniType)).toBeUndefined();
  });

  it('rethrows what is not a refusal', () => {
    const broken = z.string();
    (broken._zod as { def: unknown }).def = undefined;
    expect(() => fastParserOf(broken)).toThrow(TypeError);
  });
});

describe('fastParserOf follows zod on the checks it models', () => {
  const agree = (schema: z.ZodMiniType, values: unknown[]): void => {
    const parse = fastParserOf(schema);
    expect(parse).toBeTypeOf('function');
    for (const v of values) {
      const zod = schema.safeParse(v);
      const out = parse?.(v);
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
    const truthy = fastParserOf(z.string().check(z.refine((s) => (s === 'a' ? 1 : 0) as unknown as boolean)));
    expect(truthy?.('a')).toBeUndefined();
    expect(z.string().check(z.refine((s) => (s === 'a' ? 1 : 0) as unknown as boolean)).safeParse('a').success).toBe(true);
    const later = fastParserOf(z.string().check(z.refine(async () => true)));
    expect(later?.('a')).toBeUndefined();
  });

  it('conditional checks run when their condition holds, as zod runs them', () => {
    const onlyLong = z.string().check(z.refine((s) => s.startsWith('x'), { when: (p) => (p.value as string).length > 2 }));
    agree(onlyLong, ['ab', 'abc', 'xbc', 'x']);
    const n = z.number().check(z.refine((v) => (v as number) > 10, { when: (p) => (p.value as number) > 5 }) as never);
    expect(fastParserOf(n)).toBeUndefined();
  });

  it('records: keys in the input\'s order, `__proto__` left to zod', () => {
    const record = z.record(z.string(), z.number());
    agree(record, [{ b: 1, a: 2, 10: 3 }, { a: 'x' }, [], null]);
    expect(fastParserOf(record)?.(JSON.parse('{"__proto__": 1}'))).toBeUndefined();
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
      { numRuns: 300 },
    );
  });
});
