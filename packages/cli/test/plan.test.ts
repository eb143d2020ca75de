import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { median, percentile } from '../src/commands/bench.js';
import { cli, here, scenarioDir } from './helpers.js';

const example = here('../examples/portfolio.json');

describe('planner plan', () => {
  it('prints the table, scores, funnel and time', async () => {
    const r = await cli('plan', example, '--preset', 'conservative');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^step {2}side {2}symbol/m);
    expect(r.out).toMatch(/^Score: \d+\.\d\d -> \d+\.\d\d \([+-]\d+\.\d\d\)$/m);
    expect(r.out).toMatch(/^ {2}current: diversification [\d.]+, dividend [\d.]+, quality [\d.]+, total [\d.]+$/m);
    expect(r.out).toMatch(/^ {2}current, scored as an end state: total return [\d.]+ x0\.35, diversification [\d.]+ x0\.25, long term promise [\d.]+ x0\.20, stability [\d.]+ x0\.15, opinion [\d.]+ x0\.05/m);
    expect(r.out).toMatch(/^ {2}end state: total return [\d.]+ x0\.35, diversification [\d.]+ x0\.25, long term promise [\d.]+ x0\.20, stability [\d.]+ x0\.15, opinion [\d.]+ x0\.05/m);
    expect(r.out).toMatch(/^Funnel: opportunities \d+ -> sequences \d+/m);
    expect(r.out).toMatch(/^Time: [\d.]+ ms/m);
    // issue 13: one line on whether the steps can be executed as shown; a preset reproduces no executability quirk.
    expect(r.out).toMatch(/^Executable as shown: yes; cash after the last step EUR -?\d+\.\d\d.*; costs EUR \d+\.\d\d \(paid from cash\)$/m);
    expect(r.out).not.toContain('Reproduces reference quirks');
  });

  it('a parity run says whether its plan is executable and which quirks it reproduced', async () => {
    const input = join(scenarioDir, 'optimizer_target_weights.input.json');
    const r = await cli('plan', input, '--config', join(scenarioDir, 'configs/default.toml'), '--seed', '1');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Executable as shown: NO: step \d+ /m);
    expect(r.out).toMatch(/costs EUR \d+\.\d\d \(not deducted from cash\)$/m);
    expect(r.out).toContain(
      'Reproduces reference quirks ([compat]): weight_based_ignores_fx, value_eur_not_from_quantity, trades_break_board_lot, zero_share_sells, costs_not_deducted_from_cash',
    );
  });

  it('--json with a parity config and the scenario seed gives the golden steps', async () => {
    const golden = JSON.parse(readFileSync(join(scenarioDir, 'universe_30.default.golden.json'), 'utf8'));
    const r = await cli('plan', join(scenarioDir, 'universe_30.input.json'), '--config', join(scenarioDir, 'configs/default.toml'), '--seed', String(golden.seed), '--json');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    const steps = (p: { steps: { side: string; symbol: string; quantity: number }[] }) => p.steps.map((s) => `${s.side} ${s.symbol} ${s.quantity}`);
    expect(steps(plan)).toEqual(steps(golden));
    expect(plan.seed).toBe(golden.seed);
  });
});

describe('planner bench', () => {
  it('--json reports median, p95, runs, the warm-up and sequences evaluated, then the same for a prepared snapshot', async () => {
    const r = await cli('bench', example, '--preset', 'conservative', '--runs', '3', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(Object.keys(result)).toEqual([
      'medianMs', 'p95Ms', 'runs', 'warmupRuns', 'warmupStable', 'cpuShare', 'sequencesEvaluated',
      'warmPreparedMs', 'warmPreparedP95Ms', 'warmPreparedWarmupRuns', 'warmPreparedStable', 'preparedSamePlan', 'warmPreparedCpuShare',
    ]);
    // CPU time over wall time of each timed loop: positive (the plans ran), finite
    for (const share of [result.cpuShare, result.warmPreparedCpuShare]) {
      expect(share).toBeGreaterThan(0);
      expect(Number.isFinite(share)).toBe(true);
    }
    expect(result.warmupRuns).toBeGreaterThanOrEqual(15);
    expect(result.runs).toBe(3);
    expect(result.p95Ms).toBeGreaterThanOrEqual(result.medianMs);
    // plan(prepared): its own warm-up by the same rule, and the plan of plan(snapshot)
    expect(result.warmPreparedMs).toBeGreaterThan(0);
    expect(result.warmPreparedP95Ms).toBeGreaterThanOrEqual(result.warmPreparedMs);
    expect(result.warmPreparedWarmupRuns).toBeGreaterThanOrEqual(15);
    expect(typeof result.warmPreparedStable).toBe('boolean');
    expect(result.preparedSamePlan).toBe(true);
  });

  it('as text: a line for plan(snapshot) and one for the prepared snapshot', async () => {
    const r = await cli('bench', example, '--preset', 'conservative', '--runs', '3');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^\S*portfolio\.json \(config conservative\): median [\d.]+ ms, p95 [\d.]+ ms over 3 runs after \d+ warm-up runs( \(median not yet stable\))?; \d+ sequences evaluated per run$/m);
    expect(r.out).toMatch(/^prepared snapshot \(plan of a snapshot prepared once, the reference's boundary\): median [\d.]+ ms, p95 [\d.]+ ms after \d+ warm-up runs( \(median not yet stable\))?$/m);
    expect(r.out).toMatch(/^CPU share of the timed runs \(CPU time \/ wall time\): \d+%, prepared \d+%$/m);
    expect(r.out).not.toContain('WARNING');
  });

  it('--warm-processes must be a whole number of at least 1', async () => {
    const r = await cli('bench', example, '--warm-processes', '0');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--warm-processes: expected an integer at least 1, found "0"');
  });

  it('median and nearest-rank p95', () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([1, 2, 9])).toBe(2);
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(xs, 95)).toBe(19);
    expect(percentile([5], 95)).toBe(5);
    // no runs: 0, not NaN or undefined in a report
    expect(percentile([], 95)).toBe(0);
    expect(median([])).toBe(0);
  });
});
