import { join } from 'node:path';
import type { Plan, PlanExecution } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { executionLines, formatPlan, table } from '../src/format.js';
import { cli, here, scenarioDir } from './helpers.js';

const example = here('../examples/portfolio.json');

async function planOf(...argv: string[]): Promise<Plan> {
  const r = await cli('plan', ...argv, '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Plan;
}

const execution = (over: Partial<PlanExecution>): PlanExecution => ({
  executable: true, violations: [], cashAfter: { EUR: 10 }, cashAfterEur: 10, costsEur: 1, costsDeducted: true, quirks: [], ...over,
});

describe('the plan as text', () => {
  it('a plan without steps says so, and a worse end state shows a negative improvement', async () => {
    const r = await cli('plan', join(scenarioDir, 'empty_nothing_to_do.input.json'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Plan for .*empty_nothing_to_do\.input\.json \(config default, seed \d+\)\n\nNo steps\.\n/);
    const plan = await planOf(example);
    expect(formatPlan({ ...plan, improvement: -1.5 }, 'x')).toMatch(/^Score: [\d.]+ -> [\d.]+ \(-1\.50\)$/m);
  });

  it('diagnostics follow the summary, with their module when they have one', async () => {
    const plan = await planOf(example);
    const text = formatPlan({ ...plan, diagnostics: [{ level: 'warning', module: 'kelly', message: 'no volatility' }, { level: 'error', message: 'plain' }] }, 'x');
    expect(text.endsWith('warning: kelly: no volatility\nerror: plain\n')).toBe(true);
  });

  it('the time line sums the stages when there is no total, and shows no stage list when there are none', async () => {
    const plan = await planOf(example);
    expect(formatPlan({ ...plan, timings: { generate: 1.25, 'generate:kelly': 9, evaluate: 2 } }, 'x')).toMatch(/^Time: 12\.2 ms \(generate 1\.2, evaluate 2\.0\)$/m);
    expect(formatPlan({ ...plan, timings: { total: 3 } }, 'x')).toMatch(/^Time: 3\.0 ms$/m);
  });

  it('the end-state line lists only components that carry a score and a weight', async () => {
    const plan = await planOf(example);
    const breakdown = { stability: { score: 0.5, weight: 0.2 }, odd: { weight: 'high', score: 1 }, flag: true, total: 0.4 };
    const text = formatPlan({ ...plan, scoreBreakdown: breakdown }, 'x');
    expect(text).toMatch(/^ {2}end state: stability 0\.500 x0\.20$/m);
    expect(formatPlan({ ...plan, scoreBreakdown: {} }, 'x')).not.toMatch(/^ {2}end state:/m);
  });

  it('a plan made before the executability check has no executable line', async () => {
    const { execution: _e, ...plan } = await planOf(example);
    expect(executionLines(plan)).toEqual([]);
    expect(formatPlan(plan, 'x')).not.toContain('Executable as shown');
  });

  it('not executable: the first three violations and how many more; no cash left is "none"', () => {
    const violations = [1, 2, 3, 4, 5].map((step) => ({ step, rule: 'cash' as const, message: `step ${step} overspends` }));
    expect(executionLines({ execution: execution({ executable: false, violations, cashAfter: {} }) } as Plan)).toEqual([
      'Executable as shown: NO: step 1 overspends; step 2 overspends; step 3 overspends; and 2 more; cash after the last step none; costs EUR 1.00 (paid from cash)',
    ]);
    expect(executionLines({ execution: execution({ cashAfter: { EUR: 5, USD: -2 } }) } as Plan)[0]).toContain('cash after the last step EUR 5.00, USD -2.00 (a negative one is exchanged from the others)');
  });

  it('table pads missing cells and aligns the right-hand columns', () => {
    expect(table(['a', 'bb'], [['x'], ['yyy', '1']], new Set([1]))).toBe('a    bb\nx\nyyy   1');
  });
});
