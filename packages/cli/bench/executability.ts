// Counts, over generated snapshots planned with the shipped presets, the plans
// that break each executability rule of issue 13 (cash at true values before and
// after costs, 0-share sells, lot-breaking buys and sells, valueEur not equal to
// quantity × price / rate, wrong step currency, oversold positions, and plans
// that differ between two runs on the same input).
//
//   tsx --conditions=source packages/cli/bench/executability.ts [--runs 2000] [--seed 13] [--config parity]
//
// Snapshot i is planned with preset i mod 3 (default, conservative, aggressive);
// `--config parity` plans them with the scenario parity configurations instead.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Plan, PlannerConfig } from '@planner/contracts';
import { loadPreset, parseConfig } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import { createPlanner } from '@planner/planner';
import fc from 'fast-check';
import { standardModules } from '../src/modules.js';
import { EXECUTABILITY_RULES, type ExecutabilityRule, brokenRules, executabilitySnapshotArb } from '../test/executability-arbitrary.js';
import { scenarioDir } from '../test/helpers.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '13' },
    config: { type: 'string', default: 'presets' },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
const modules = standardModules();
const PRESETS = ['default', 'conservative', 'aggressive'] as const;
const configs: PlannerConfig[] = PRESETS.map((p) =>
  values.config === 'parity'
    ? parseConfig(readFileSync(join(scenarioDir, `configs/${p}.toml`), 'utf8'), { modules })
    : loadPreset(p, { modules }),
);
const planners = configs.map((config) => createPlanner({ config, modules }));

const withoutTimings = (p: Plan) => JSON.stringify({ ...p, timings: undefined });
type Counted = ExecutabilityRule | 'nondeterministic' | 'reportedFeasibleButBroken' | 'planCheckFailed' | 'sequencesDropped' | 'withSteps';
const counts = new Map<Counted, number>();
const bump = (k: Parameters<typeof counts.get>[0]) => counts.set(k, (counts.get(k) ?? 0) + 1);
const t0 = performance.now();
const samples = fc.sample(executabilitySnapshotArb, { seed, numRuns: runs });
for (const [i, raw] of samples.entries()) {
  const snapshot = parseSnapshot(raw);
  const k = i % PRESETS.length;
  const config = configs[k]!;
  const plan = await planners[k]!.plan(snapshot);
  const again = await planners[k]!.plan(snapshot);
  if (withoutTimings(plan) !== withoutTimings(again)) bump('nondeterministic');
  if (plan.steps.length > 0) bump('withSteps');
  const broken = brokenRules(snapshot, plan, { fixed: config.planner.transactionCostFixed, percent: config.planner.transactionCostPercent });
  for (const rule of broken) bump(rule);
  if (plan.feasible && (broken.has('cashOverrun') || broken.has('oversold'))) bump('reportedFeasibleButBroken');
  // The planner's own verdict (absent before issue 13) and its drops under the executable profile.
  const execution = (plan as { execution?: { executable: boolean } }).execution;
  if (execution !== undefined && !execution.executable) bump('planCheckFailed');
  if (plan.diagnostics.some((d) => d.message.includes('fail the plan check'))) bump('sequencesDropped');
}
const seconds = (performance.now() - t0) / 1000;

console.log(`${runs} snapshots (fast-check seed ${seed}), configs: ${values.config}, ${seconds.toFixed(1)} s`);
console.log('| rule | plans |');
console.log('|---|---:|');
for (const rule of [...EXECUTABILITY_RULES, 'nondeterministic', 'reportedFeasibleButBroken', 'planCheckFailed', 'sequencesDropped', 'withSteps'] as const) {
  console.log(`| ${rule} | ${counts.get(rule) ?? 0} |`);
}
