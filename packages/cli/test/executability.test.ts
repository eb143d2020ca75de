import type { Plan, PlannerConfig } from '@planner/contracts';
import { EXECUTABILITY_COMPAT_KEYS } from '@planner/contracts';
import { loadPreset } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import { createPlanner } from '@planner/planner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';
import { brokenRules, executabilitySnapshotArb } from './executability-arbitrary.js';

// Issue 13: under the shipped presets every plan can be sent to a broker as shown.
// 2,000 generated snapshots per run (mostly small universes), snapshot i planned
// with preset i mod 3; bench/executability.ts counts the same rules over the same
// generator for the before/after table.

const modules = standardModules();
const PRESETS = ['default', 'conservative', 'aggressive'] as const;
const configs: PlannerConfig[] = PRESETS.map((p) => loadPreset(p, { modules }));
const planners = configs.map((config) => createPlanner({ config, modules, strict: true }));
const RUNS = 2000;

const withoutTimings = (p: Plan): string => JSON.stringify({ ...p, timings: undefined });

describe('plans under the shipped presets are executable as shown (issue 13)', () => {
  it('the presets turn every executability quirk off', () => {
    for (const config of configs) for (const key of EXECUTABILITY_COMPAT_KEYS) expect(config.compat[key], key).toBe(false);
  });

  it('the generator gives varied inputs: several currencies, rates far from 1, lots above 1, target weights', () => {
    const samples = fc.sample(executabilitySnapshotArb, { seed: 7, numRuns: 200 }).map((raw) => parseSnapshot(raw));
    expect(samples.some((s) => s.cash.size >= 4)).toBe(true);
    expect(samples.some((s) => (s.fxRates.JPY ?? 0) > 100)).toBe(true);
    expect(samples.some((s) => (s.fxRates.HKD ?? 0) > 7)).toBe(true);
    expect(samples.some((s) => s.securities.some((x) => x.minLot >= 100))).toBe(true);
    expect(samples.some((s) => s.targetWeights !== undefined)).toBe(true);
    expect(samples.some((s) => s.targetWeights === undefined)).toBe(true);
  });

  it(`${RUNS} snapshots: cash never negative after costs, whole lots, true valueEur, nothing oversold, same plan twice`, async () => {
    let index = 0;
    const seen = { withSteps: 0, buys: 0, sells: 0, foreign: 0, lots: 0 };
    await fc.assert(
      fc.asyncProperty(executabilitySnapshotArb, async (raw) => {
        const snapshot = parseSnapshot(raw);
        const k = index++ % PRESETS.length;
        const config = configs[k]!;
        // strict: a sequence failing the planner's own check throws instead of being dropped.
        const plan = await planners[k]!.plan(snapshot);
        const broken = brokenRules(snapshot, plan, {
          fixed: config.planner.transactionCostFixed,
          percent: config.planner.transactionCostPercent,
        });
        expect([...broken], PRESETS[k]).toEqual([]);
        expect(plan.execution?.executable).toBe(true);
        expect(plan.execution?.quirks).toEqual([]);
        expect(plan.feasible).toBe(true);
        for (const s of plan.steps) expect(s.quantity).toBeGreaterThan(0);
        const again = await planners[k]!.plan(snapshot);
        expect(withoutTimings(again)).toBe(withoutTimings(plan));
        if (plan.steps.length > 0) seen.withSteps++;
        if (plan.steps.some((s) => s.side === 'BUY')) seen.buys++;
        if (plan.steps.some((s) => s.side === 'SELL')) seen.sells++;
        if (plan.steps.some((s) => s.currency !== 'EUR')) seen.foreign++;
        const lots = new Map(snapshot.securities.map((s) => [s.symbol, s.minLot]));
        if (plan.steps.some((s) => (lots.get(s.symbol) ?? 1) > 1)) seen.lots++;
      }),
      { seed: 13, numRuns: RUNS },
    );
    // Not vacuous: the plans trade, in both directions, in foreign currencies and in board lots.
    expect(seen.withSteps).toBeGreaterThan(RUNS / 3);
    expect(seen.buys).toBeGreaterThan(RUNS / 10);
    expect(seen.sells).toBeGreaterThan(RUNS / 10);
    expect(seen.foreign).toBeGreaterThan(RUNS / 10);
    expect(seen.lots).toBeGreaterThan(RUNS / 20);
  }, 600_000);
});
