import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Evaluator, PlannerConfig } from '@planner/contracts';
import { parseConfig } from '@planner/config';
import { buildContext, contextSettingsFrom, createPythonRandom, parseSnapshot, pyRound } from '@planner/context';
import { evaluators } from '@planner/evaluation';
import { createPlanner } from '@planner/planner';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';
import { cli, here, scenarioDir } from './helpers.js';

// plan.currentScoreBreakdown with the real evaluators: the current portfolio
// scored as the end state of the empty sequence, comparable component by
// component with the winner's scoreBreakdown.

const modules = standardModules();
const read = (file: string) => readFileSync(join(scenarioDir, file), 'utf8');
const scenarios = readdirSync(scenarioDir).filter((f) => f.endsWith('.input.json')).map((f) => f.slice(0, -'.input.json'.length)).sort();
const base = read('configs/default.toml');
const TOMLS = {
  single_objective: base,
  stochastic: base.replace(/enable_stochastic_scenarios = false/, 'enable_stochastic_scenarios = true'),
  monte_carlo: base
    .replace(/enable_monte_carlo_paths = false/, 'enable_monte_carlo_paths = true')
    .replace(/monte_carlo_path_count = \d+/, 'monte_carlo_path_count = 20'),
} as const;

type Component = { score?: number; weighted_score?: number; weight: number; contribution: number };
const components = (breakdown: Readonly<Record<string, unknown>>) =>
  Object.entries(breakdown).filter((e): e is [string, Component] => typeof e[1] === 'object' && e[1] !== null && 'weight' in e[1]);

/** The empty sequence scored by `config`'s evaluator with detail, outside the planner. */
function emptySequenceBreakdown(config: PlannerConfig, snapshotText: string, seed: number): Readonly<Record<string, unknown>> | undefined {
  const snapshot = parseSnapshot(snapshotText);
  const ctx = buildContext(snapshot, contextSettingsFrom(config.planner), { totalValueExcludesCash: config.compat.totalValueExcludesCash, compat: config.compat });
  const evaluator = evaluators.find((e) => e.name === config.evaluator) as Evaluator;
  const settings = { ...config.planner, seed };
  const scorer = evaluator.prepare(ctx, { settings, compat: config.compat, rng: createPythonRandom(seed) }, evaluator.params.parse({}));
  return scorer.evaluate([], true).breakdown;
}

describe('plan.currentScoreBreakdown with the standard evaluators', () => {
  for (const [evaluator, toml] of Object.entries(TOMLS)) {
    it(`${evaluator}: equals the empty sequence scored by the evaluator, with the winner's components and weights`, async () => {
      const config = parseConfig(toml, { modules });
      expect(config.evaluator).toBe(evaluator);
      const planner = createPlanner({ config, modules });
      let withSteps = 0;
      let withoutSteps = 0;
      let invalid = 0;
      for (const scenario of scenarios) {
        const text = read(`${scenario}.input.json`);
        const snapshot = parseSnapshot(text);
        const plan = await planner.plan(snapshot);
        const current = plan.currentScoreBreakdown;
        expect(current, scenario).toEqual(emptySequenceBreakdown(config, text, plan.seed));
        expect((current?.multi_objective as { transaction_cost: number }).transaction_cost).toBe(0);
        const before = components(current ?? {});
        if (plan.steps.length === 0) {
          withoutSteps++;
          expect(plan.scoreBreakdown).toEqual({});
        } else {
          withSteps++;
          if (before.length > 0) expect(components(plan.scoreBreakdown).map(([n, c]) => [n, c.weight]), scenario).toEqual(before.map(([n, c]) => [n, c.weight]));
        }
        if (snapshot.positions.length === 0) {
          // No position: the evaluator scores no components (the reference's invalid end state).
          invalid++;
          expect(current?.error, scenario).toBe('Invalid portfolio data');
          expect(before).toEqual([]);
          continue;
        }
        expect(before.map(([name]) => name), scenario).toEqual(['total_return', 'diversification', 'long_term_promise', 'stability', 'opinion']);
        // The diversification component is the health score the plan reports as its current score.
        expect(before[1]?.[1].score, scenario).toBe(pyRound(plan.currentScore / 100, 3));
        // Score and contribution are each rounded to 3 decimals (from the unrounded value).
        for (const [name, c] of before) {
          expect(Math.abs(c.contribution - (c.score ?? c.weighted_score ?? NaN) * c.weight), `${scenario} ${name}`).toBeLessThanOrEqual(0.001);
        }
      }
      expect(withSteps).toBeGreaterThan(0);
      expect(withoutSteps).toBeGreaterThan(0);
      expect(invalid).toBe(1);
    });
  }

  it('planner plan --json prints it', async () => {
    const r = await cli('plan', here('../examples/portfolio.json'), '--json');
    expect(r.code, r.err).toBe(0);
    const plan = JSON.parse(r.out) as { currentScoreBreakdown?: Record<string, unknown> };
    expect(Object.keys(plan.currentScoreBreakdown ?? {})).toEqual(expect.arrayContaining(['total_return', 'diversification', 'multi_objective']));
  });
});
