import { describe, expect, it } from 'vitest';
import type { ColdTiming } from '../src/bench/cold.js';
import { oneCaseText, type SuiteRow, suiteSummary, suiteText } from '../src/bench/report-text.js';
import { combineWarmProcesses, type WarmCaseTiming } from '../src/bench/warm-child.js';

// The bench's text reports from given figures: every line and column, without timing anything
// (bench-cold.test.ts runs the command itself and checks the same text's shape).

const warm = (medianMs: number, more: Partial<WarmCaseTiming> = {}): WarmCaseTiming => ({
  medianMs, p95Ms: medianMs * 2, runs: 20, warmupRuns: 120, warmupStable: true, cpuShare: 1, sequencesEvaluated: 7,
  warmPreparedMs: medianMs / 2, warmPreparedP95Ms: medianMs, warmPreparedWarmupRuns: 240, warmPreparedStable: true, preparedSamePlan: true,
  warmPreparedCpuShare: 0.98, ...more,
});

const cold: ColdTiming = {
  startMs: 31.26, importMs: 4.444, setupMs: 3.5, pluginsMs: 0.2, firstPlanMs: 12.34, secondPlanMs: 1.5,
  startCpuMs: 28, importCpuMs: 4, setupCpuMs: 3.25, pluginsCpuMs: 0.1, firstPlanCpuMs: 11.06,
  processMs: 181.94, processes: 3, evaluated: 7, codeCache: 'used', steps: ['BUY X 1'],
};

describe('planner bench SNAPSHOT as text', () => {
  it('warm in this process: the two medians, how many warm-up runs and whether they settled', () => {
    const text = oneCaseText({ file: 'p.json', name: 'default', runs: 20, warm: warm(0.03, { warmupStable: false }), inChildren: false, warmProcesses: 1, processes: 10 });
    expect(text).toBe(
      'p.json (config default): median 0.0300 ms, p95 0.0600 ms over 20 runs after 120 warm-up runs (median not yet stable); 7 sequences evaluated per run\n' +
      'prepared snapshot (plan of a snapshot prepared once, the reference\'s boundary): median 0.0150 ms, p95 0.0300 ms after 240 warm-up runs\n' +
      'CPU share of the timed runs (CPU time / wall time): 100%, prepared 98%\n');
  });

  it('warm in processes of their own: each process\'s medians; a prepared plan that differs is a warning; the fresh processes\' lines', () => {
    const several = combineWarmProcesses([warm(0.03), warm(0.05, { warmPreparedStable: false }), warm(0.02, { preparedSamePlan: false })]);
    const text = oneCaseText({ file: 'p.json', name: 'aggressive', runs: 20, warm: several, inChildren: true, warmProcesses: 3, cold, processes: 3 });
    expect(text.split('\n')).toEqual([
      'p.json (config aggressive): median 0.0300 ms (0.0300, 0.0500, 0.0200), p95 0.0600 ms over 20 runs after 120 warm-up runs, median of 3 processes of their own; 7 sequences evaluated per run',
      'prepared snapshot (plan of a snapshot prepared once, the reference\'s boundary): median 0.0150 ms (0.0150, 0.0250, 0.0100), p95 0.0300 ms after 240 warm-up runs (median not yet stable); WARNING: a different plan than from the snapshot',
      'CPU share of the timed runs (CPU time / wall time): 100%, prepared 98%',
      // ms: two decimals under 10, one from 10 on
      'fresh process (median of 3): node start 31.3 ms, import 4.44 ms, setup 3.50 ms, first plan 12.3 ms, second 1.50 ms; whole `planner plan` process 181.9 ms; code cache used',
      'CPU time: start 28.0 ms, import 4.00 ms, setup 3.25 ms, first plan 11.1 ms',
      '',
    ]);
    const one = oneCaseText({ file: 'p.json', name: 'default', runs: 20, warm: combineWarmProcesses([warm(0.03)]), inChildren: true, warmProcesses: 1, processes: 10 });
    expect(one).toContain('median 0.0300 ms, p95 0.0600 ms over 20 runs after 120 warm-up runs, in a process of its own;');
  });
});

/** A suite row as benchSuite makes it: the warm figures over processes, the reference's figure and the ratios. */
function row(scenario: string, preset: string, medians: readonly number[], referenceWarmMs: number | null, extra: Partial<SuiteRow> = {}): SuiteRow {
  const w = combineWarmProcesses(medians.map((m) => warm(m)));
  return {
    scenario, preset, ...w, referenceWarmMs,
    warmRatio: referenceWarmMs === null ? null : referenceWarmMs / w.medianMs,
    warmPreparedRatio: referenceWarmMs === null ? null : referenceWarmMs / w.warmPreparedMs,
    ...extra,
  };
}

const withCold = (r: SuiteRow, referenceFirstCallMs: number | null, samePlan = true): SuiteRow => {
  const { steps: _steps, ...fields } = cold;
  return { ...r, cold: { ...fields, referenceFirstCallMs, firstPlanRatio: referenceFirstCallMs === null ? null : referenceFirstCallMs / cold.firstPlanMs, samePlan } };
};

const load = { loadBefore: [1.234, 2, 3], loadAfter: [4, 5, 6.005] };

describe('the suite as text', () => {
  it('the summary: geometric mean and worst of each ratio over the cases that have one, null where none has', () => {
    const rows = [row('a', 'default', [0.5], 10), row('b', 'default', [0.1], 40), row('c', 'default', [1], null)];
    const summary = suiteSummary(rows, false);
    expect(summary.warmRatioGeomean).toBeCloseTo(Math.sqrt(20 * 400), 9);
    expect(summary.warmRatioMin).toBe(20);
    expect(summary.warmPreparedRatioMin).toBe(40);
    expect(summary).not.toHaveProperty('firstPlanRatioGeomean');
    expect(suiteSummary([row('c', 'default', [1], null)], false)).toEqual({ warmRatioGeomean: null, warmRatioMin: null, warmPreparedRatioGeomean: null, warmPreparedRatioMin: null });
    const colds = suiteSummary([withCold(rows[0]!, 24.68), withCold(rows[2]!, null)], true);
    expect(colds.firstPlanRatioGeomean).toBeCloseTo(2, 9);
    expect(colds.firstPlanRatioMin).toBeCloseTo(2, 9);
    expect(colds.setupMsMax).toBe(3.5);
    expect(colds.processMsMedianMax).toBe(181.94);
  });

  it('one warm process per case: a row per case, "-" without a reference figure, * for an unsettled warm-up, the summary and the load', () => {
    const rows = [row('a', 'default', [0.5], 10), row('c', 'aggressive', [12.5], null, { warmupStable: false, warmPreparedStable: false })];
    const text = suiteText({ rows, summary: suiteSummary(rows, false), withCold: false, processes: 10, warmProcesses: 1, runs: 20, ...load });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^scenario +preset +warm +warm-up runs +ref warm +ratio +warm prepared +ratio \(ref boundary\)$/);
    expect(lines[1]).toMatch(/^a +default +0\.5000 +120 +10\.0 +20\.0x +0\.2500 +40\.0x$/);
    expect(lines[2]).toMatch(/^c +aggressive +12\.5 +120\* +- +- +6\.25\* +-$/);
    expect(text).toContain('Warm: each case in a process of its own (`planner bench SNAPSHOT`), 20 runs after a warm-up until the medians of the last 3 blocks');
    expect(text).not.toContain('Fresh processes');
    expect(text).not.toContain('WARNING');
    expect(text).toContain('Warm: geometric mean 20.0x, worst 20.0x the reference\'s warm median; prepared (the reference\'s boundary): geometric mean 40.0x, worst 40.0x.\n');
    expect(text.endsWith('Load average (1, 5, 15 min): 1.23 2.00 3.00 before, 4.00 5.00 6.00 after.\n')).toBe(true);
  });

  it('fresh processes and several warm processes: their columns, the spread of the process medians, and a warning per case whose plans differ', () => {
    const rows = [
      withCold(row('a', 'default', [0.04, 0.05, 0.06], 10), 24.68),
      withCold(row('b', 'conservative', [0.1, 0.1, 0.1], null, { preparedSamePlan: false }), null, false),
    ];
    const text = suiteText({ rows, summary: suiteSummary(rows, true), withCold: true, processes: 3, warmProcesses: 3, runs: 20, ...load });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^scenario +preset +import +setup +first plan +cpu +ref first +ratio +2nd plan +process +warm +spread +warm-up runs +ref warm +ratio +warm prepared +ratio \(ref boundary\)$/);
    // spread: (0.06 - 0.04) / 0.05 = 40 %
    expect(lines[1]).toMatch(/^a +default +4\.44 +3\.50 +12\.3 +11\.1 +24\.7 +2\.00x +1\.50 +181\.9 +0\.0500 +40% +120 +10\.0 +200\.0x +0\.0250 +400\.0x$/);
    expect(lines[2]).toMatch(/^b +conservative( +[\d.]+){4} +- +- +1\.50 +181\.9 +0\.1000 +0% +120 +- +- +0\.0500 +-$/);
    expect(text).toContain('Warm: each case in 3 processes of its own (the median of their medians; spread: (max - min) / median)');
    expect(text).toContain('Fresh processes: 3 per case, interleaved over the cases;');
    expect(text).toContain('Code cache: used.');
    expect(text).toContain('First plan: geometric mean 2.00x, worst 2.00x the reference\'s first call; setup at most 3.50 ms; whole process at most 181.9 ms.');
    expect(text).toContain('WARNING: the fresh process planned differently from this process: b/conservative\n');
    expect(text).toContain('WARNING: plan(prepared) gave another plan than plan(snapshot): b/conservative\n');
  });
});
