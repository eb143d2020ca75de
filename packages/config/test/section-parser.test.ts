import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { CompatSectionSchema, PLANNER_FIELDS, PlannerSectionSchema } from '../src/planner-settings.js';
import { parseValidCompatSection, parseValidPlannerSection } from '../src/section-parser.generated.js';
import { sectionParserModule } from '../src/section-parser-module.js';
import { sectionParserSource } from '../src/section-parser-source.js';

const SECTIONS = [
  { name: 'planner', schema: PlannerSectionSchema, fast: parseValidPlannerSection },
  { name: 'compat', schema: CompatSectionSchema, fast: parseValidCompatSection },
] as const;

/** Same values (-0 apart from 0), same keys in the same order. */
function expectIdentical(actual: unknown, expected: unknown): void {
  expect(Object.keys(actual as object)).toEqual(Object.keys(expected as object));
  for (const [k, v] of Object.entries(expected as object)) expect(Object.is((actual as Record<string, unknown>)[k], v), k).toBe(true);
}

/** The generated read either leaves the table to zod or gives exactly zod's result; it never accepts what zod refuses. */
function expectAgrees(section: (typeof SECTIONS)[number], table: unknown): boolean {
  const fast = section.fast(table);
  const zod = section.schema.safeParse(table);
  if (fast === undefined) return false;
  expect(zod.success, JSON.stringify(table)).toBe(true);
  expectIdentical(fast, zod.data);
  return true;
}

describe('the generated [planner] and [compat] reads', () => {
  it('are what the schemas make now (run `pnpm --filter @planner/config generate:sections` after changing one)', () => {
    expect(readFileSync(new URL('../src/section-parser.generated.ts', import.meta.url), 'utf8')).toBe(sectionParserModule());
  });

  it('give zod\'s result for the parity files, the presets and empty tables', () => {
    const files = ['../../cli/test/scenarios/configs/default.toml', '../../cli/test/scenarios/configs/aggressive.toml', '../presets/conservative.toml'];
    for (const file of files) {
      const raw = parseToml(readFileSync(new URL(file, import.meta.url), 'utf8')) as Record<string, unknown>;
      expect(expectAgrees(SECTIONS[0], raw.planner), file).toBe(true);
    }
    for (const section of SECTIONS) {
      expect(expectAgrees(section, {})).toBe(true);
      expect(expectAgrees(section, Object.create(null))).toBe(true);
    }
  });

  it('leave to zod what is not plainly valid', () => {
    const planner = SECTIONS[0];
    const cases: unknown[] = [
      null, 3, 'x', [], new Date(0), { max_depth: 11 }, { max_depth: 2.5 }, { max_depth: '3' }, { priority_threshold: Number.NaN },
      { transaction_cost_fixed: Number.POSITIVE_INFINITY }, { market_regime: 'boom' }, { nme: 'x' }, { name: undefined },
      Object.assign(Object.create({ inherited: 1 }) as object, { name: 'x' }),
    ];
    for (const table of cases) expect(planner.fast(table), JSON.stringify(table)).toBeUndefined();
  });

  it('leave a bare {} to zod when Object.prototype is polluted', () => {
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto.max_depth = 3;
      expect(parseValidPlannerSection({})).toBeUndefined();
      Object.defineProperty(Object.prototype, 'max_depth', { value: 3, enumerable: false, configurable: true });
      expect(parseValidPlannerSection({})).toBeUndefined();
    } finally {
      delete proto.max_depth;
    }
    expect(parseValidPlannerSection({})).toBeDefined();
  });

  it('never accept what zod refuses, and otherwise give its result (generated tables)', () => {
    const keys = Object.keys(PLANNER_FIELDS);
    const compatKeys = Object.keys(CompatSectionSchema.shape);
    const value = fc.oneof(
      fc.integer({ min: -20, max: 600 }), fc.double(), fc.boolean(), fc.string({ maxLength: 4 }),
      fc.constantFrom(0, -0, 1, 10, 50, 500, 0.01, 1e12, -1, -0.2, Number.MAX_SAFE_INTEGER, 2 ** 53, 'bull', 'bear', 'sideways', null, [], {}),
    );
    const table = (names: readonly string[]) => fc.tuple(
      fc.dictionary(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }), value, { maxKeys: 8 }),
      fc.boolean(),
    ).map(([entries, bare]) => Object.assign(bare ? Object.create(null) as object : {}, entries));
    let accepted = 0;
    fc.assert(fc.property(table(keys), (t) => { if (expectAgrees(SECTIONS[0], t)) accepted += 1; }), { seed: 21, numRuns: 1500 });
    fc.assert(fc.property(table(compatKeys), (t) => { if (expectAgrees(SECTIONS[1], t)) accepted += 1; }), { seed: 22, numRuns: 500 });
    expect(accepted).toBeGreaterThan(100);
  });

  it('refuse to generate a read for a schema they do not model', () => {
    const d = (inner: z.ZodMiniType, value: unknown) => z._default(inner as z.ZodMiniType<unknown>, value as never);
    const refused: z.ZodMiniType[] = [
      z.object({ a: d(z.number(), 1) }), // not strict
      z.strictObject({ a: d(z.number(), 1) }).check(z.refine(() => true)),
      z.strictObject({ a: z.number() }), // no default
      z.strictObject({ a: d(z.number(), 1).check(z.refine(() => true)) }),
      z.strictObject({ a: d(z.string().check(z.minLength(1)), 'x') }),
      z.strictObject({ a: d(z.email(), 'a@b.c') }),
      z.strictObject({ a: d(z.number().check(z.refine(() => true)), 1) }),
      z.strictObject({ a: d(z.number().check(z.multipleOf(2)), 2) }),
      z.strictObject({ a: d(z.number().check(z.minimum(Number.NEGATIVE_INFINITY)), 1) }),
      z.strictObject({ a: d(z.array(z.number()), []) }),
      z.strictObject({ a: d(z.enum({ one: 1 } as unknown as Record<string, string>), 'x') }),
      z.strictObject({ a: d(z.nullable(z.number()), null) }),
      z.strictObject({ toString: d(z.number(), 1) }),
      z.strictObject({ 'a-b': d(z.number(), 1) }),
      d(z.strictObject({}), {}),
    ];
    for (const schema of refused) expect(() => sectionParserSource({ f: schema as never }), String(schema._zod.def.type)).toThrow(/is not modelled/);
  });
});
