import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineCalculator, type PlannerConfig } from '@planner/contracts';
import { z } from 'zod';
import { loadPreset, parseConfig, presetNames, serializeConfig } from '../src/index.js';
import { modules, momentum } from './fixtures.js';

// The serialized text writes every key, so the "no extends" warning of a partial file is gone.
const withoutExtendsWarning = (c: PlannerConfig) => ({ ...c, warnings: c.warnings.filter((w) => !w.includes("has no 'extends'")) });

function expectSame(a: PlannerConfig, b: PlannerConfig): void {
  expect(withoutExtendsWarning(b)).toEqual(withoutExtendsWarning(a));
  for (const f of ['calculators', 'patterns', 'sequenceGenerators', 'filters'] as const) {
    expect([...b[f].keys()]).toEqual([...a[f].keys()]);
  }
}

const roundTrip = (c: PlannerConfig, mods = modules) => parseConfig(serializeConfig(c, { modules: mods }), { modules: mods });

describe('serializeConfig', () => {
  it.each(presetNames())('parse -> serialize -> parse gives the same config (%s)', (name) => {
    const c = loadPreset(name, { modules });
    expectSame(c, roundTrip(c));
    expectSame(c, parseConfig(serializeConfig(c), { modules }));
  });

  it('round-trips the reference layout and third-party modules', () => {
    const ref = parseConfig(readFileSync(new URL('./fixtures/reference-aggressive.toml', import.meta.url), 'utf8'), { modules });
    expectSame(ref, roundTrip(ref));
    const mods = [...modules, momentum];
    const c = parseConfig('[opportunity_calculators.momentum.params]\nmin_return = 0.25\n[compat]\ncosts_not_deducted_from_cash = false\n', { modules: mods });
    expectSame(c, roundTrip(c, mods));
  });

  it('writes every key, floats with a decimal point, [compat] included', () => {
    const text = serializeConfig(parseConfig('', { modules }), { modules });
    expect(text).toContain('[planner]\nname = "default"\ndescription = ""\n');
    expect(text).toContain('transaction_cost_fixed = 5.0\n');
    expect(text).toContain('max_depth = 5\n');
    expect(text).toContain('[compat]\nsimulation_drops_group_maps = true\n');
    expect(text).toContain('[opportunity_calculators.profit_taking]\nenabled = true\n[opportunity_calculators.profit_taking.params]\nwindfall_threshold = 0.3\npriority_weight = 1.0\n');
    expect(text).toContain('fill_percentages = [0.5, 0.75, 1.0]');
  });

  it("writes non-finite numbers, inline tables and a name that is not a bare key as TOML reads them back", () => {
    // a plugin whose params schema takes any key
    const free = defineCalculator({ name: 'free form', description: 'plugin', calculate: () => [], params: z.looseObject({}) });
    const mods = [...modules, free];
    const base = parseConfig('', { modules: mods });
    const calculators = new Map(base.calculators);
    calculators.set('free form', { enabled: true, params: { ratio: Number.NaN, cap: Number.POSITIVE_INFINITY, floor: Number.NEGATIVE_INFINITY, zero: -0, skip: undefined, band: { lo: 1, 'hi x': 2, none: undefined }, empty: {} } });
    const c: PlannerConfig = { ...base, calculators };
    const text = serializeConfig(c, { modules: mods });
    expect(text).toContain('[opportunity_calculators."free form"]\nenabled = true\n[opportunity_calculators."free form".params]\n'
      + 'ratio = nan\ncap = inf\nfloor = -inf\nzero = -0.0\nband = { lo = 1, "hi x" = 2 }\nempty = {}\n');
    expect(parseConfig(text, { modules: mods }).calculators.get('free form')?.params).toEqual({
      ratio: Number.NaN, cap: Number.POSITIVE_INFINITY, floor: Number.NEGATIVE_INFINITY, zero: -0, band: { lo: 1, 'hi x': 2 }, empty: {},
    });
  });

  it('a value TOML has no form for (null) is refused, not written wrong', () => {
    const base = parseConfig('', { modules });
    const filters = new Map(base.filters);
    filters.set('diversity', { enabled: true, params: { diversityWeight: null } });
    expect(() => serializeConfig({ ...base, filters })).toThrow(new TypeError('cannot write null as TOML'));
  });

  it('round-trips any valid [planner] settings (property)', () => {
    const base = parseConfig('', { modules });
    const planner = fc.record({
      name: fc.string({ unit: 'binary' }),
      description: fc.string(),
      maxDepth: fc.integer({ min: 1, max: 10 }),
      maxOpportunitiesPerCategory: fc.integer({ min: 0, max: 50 }),
      priorityThreshold: fc.double({ min: 0, max: 1, noNaN: true }),
      diversityWeight: fc.double({ min: 0, max: 1, noNaN: true }),
      transactionCostFixed: fc.double({ min: 0, max: 1e6, noNaN: true }),
      transactionCostPercent: fc.double({ min: 0, max: 0.01, noNaN: true }),
      allowSell: fc.boolean(),
      maxLossThreshold: fc.double({ min: -1, max: 0, noNaN: true }),
      seed: fc.nat(),
      marketRegime: fc.constantFrom('bull' as const, 'bear' as const, 'sideways' as const),
    });
    fc.assert(
      fc.property(planner, (p) => {
        const c: PlannerConfig = { ...base, planner: { ...base.planner, ...p }, warnings: [] };
        expect({ ...roundTrip(c), warnings: [] }).toEqual(c);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
