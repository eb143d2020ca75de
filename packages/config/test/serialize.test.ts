import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlannerConfig } from '@planner/contracts';
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
