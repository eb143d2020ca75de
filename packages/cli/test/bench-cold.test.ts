import { describe, expect, it } from 'vitest';
import { parseReferenceTimings, referenceMs } from '../src/bench/reference-timings.js';
import { geometricMean } from '../src/bench/stats.js';
import { timeWarm } from '../src/bench/warm.js';
import { cli, here, scenarioDir } from './helpers.js';

// `bench --cold` spawns the built command (packages/cli/dist/bin, made at install
// by the root prepare script). No assertion here is on a duration's size.

describe('planner bench --cold', () => {
  it('one snapshot: import, setup and first-plan medians next to the warm fields', async () => {
    const r = await cli('bench', here('../examples/portfolio.json'), '--cold', '--processes', '2', '--runs', '2', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    for (const key of ['medianMs', 'warmupRuns', 'importMs', 'setupMs', 'firstPlanMs', 'secondPlanMs', 'processMs', 'firstPlanCpuMs']) {
      expect(result[key], key).toBeGreaterThan(0);
    }
    expect(result.processes).toBe(2);
    expect(result.evaluated).toBe(result.sequencesEvaluated);
  });

  it('the suite: every parity preset of the chosen scenarios, the reference figures and the ratios, the same plan cold and warm', async () => {
    const r = await cli('bench', '--cold', '--only', 'empty_nothing', '--processes', '1', '--runs', '2', '--json');
    expect(r.code).toBe(0);
    const { cases, summary, loadAverage } = JSON.parse(r.out);
    expect(cases.map((c: { preset: string }) => c.preset)).toEqual(['default', 'conservative', 'aggressive']);
    const conservative = cases[1];
    expect(conservative.referenceWarmMs).toBe(0.1);
    expect(conservative.cold.referenceFirstCallMs).toBe(2.58);
    expect(conservative.cold.firstPlanRatio).toBeCloseTo(2.58 / conservative.cold.firstPlanMs, 9);
    expect(cases.every((c: { cold: { samePlan: boolean } }) => c.cold.samePlan)).toBe(true);
    expect(summary.firstPlanRatioMin).toBeLessThanOrEqual(summary.firstPlanRatioGeomean);
    expect(loadAverage.before).toHaveLength(3);
  });

  it('the text report names the warm-up rule and the load', async () => {
    const r = await cli('bench', '--only', 'empty_nothing', '--runs', '2');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^empty_nothing_to_do {2}default /m);
    expect(r.out).toMatch(/warm-up until the medians of the last 3 blocks/);
    expect(r.out).toMatch(/^Load average/m);
  });

  it('an unknown scenario filter is an error, not an empty report', async () => {
    const r = await cli('bench', '--only', 'no_such_scenario');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no scenario .* matching 'no_such_scenario'/);
  });
});

describe('bench helpers', () => {
  it('reads the warm table and the first-call table of REFERENCE_TIMINGS.md apart', async () => {
    const { readFileSync } = await import('node:fs');
    const refs = parseReferenceTimings(readFileSync(`${scenarioDir}REFERENCE_TIMINGS.md`, 'utf8'));
    expect(refs.warm.size).toBe(9);
    expect(refs.firstCall.size).toBe(9);
    expect(referenceMs(refs.warm, 'universe_30', 'aggressive')).toBe(76.09);
    expect(referenceMs(refs.firstCall, 'universe_30', 'aggressive')).toBe(129.1);
    expect(referenceMs(refs.firstCall, 'universe_30', 'custom')).toBeNull();
  });

  it('the warm-up runs until the last three block medians agree', async () => {
    // a function that gets faster over its first 40 calls, as a JIT-compiled plan does, then stays fast
    let calls = 0;
    const speedingUp = async () => {
      calls++;
      const until = performance.now() + 0.2 + Math.max(0, 40 - calls) * 0.1;
      while (performance.now() < until) { /* spin */ }
    };
    const t = await timeWarm(speedingUp, 5, { blockRuns: 5, blockMs: 0, window: 3, tolerance: 0.1, maxMs: 60_000 });
    expect(t.warmupStable).toBe(true);
    // blocks of 5, 10, 20, 40, 80, 160 runs: the first three are still speeding up
    expect(t.warmupRuns).toBeGreaterThanOrEqual(75);
    expect(t.runs).toBe(5);
  });

  it('geometric mean', () => {
    expect(geometricMean([1, 4, 16])).toBeCloseTo(4, 12);
    expect(geometricMean([])).toBe(0);
  });
});
