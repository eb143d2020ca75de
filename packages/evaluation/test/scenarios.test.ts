import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildContext, contextSettingsFrom, createPythonRandom, parseSnapshot, pyRound } from '@planner/context';
import type { ActionCandidate, Evaluator, PlannerSettings } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { evaluators } from '../src/index.js';

/** The preset switches to evaluator name, as @planner/config resolves it (pipeline.md §4.6). */
const evaluatorNameFor = (s: { enableMonteCarloPaths: boolean; enableStochasticScenarios: boolean }): string =>
  s.enableMonteCarloPaths ? 'monte_carlo' : s.enableStochasticScenarios ? 'stochastic' : 'single_objective';
import { compat, settings } from './fixtures.js';

// Parity with the reference on the shared scenarios: the golden plan's steps,
// evaluated as one sequence, must give the golden's end-state score, and the
// start portfolio its current score (FORMAT.md tolerances: 0.01 and 0.1).
const dir = fileURLToPath(new URL('../../cli/test/scenarios/', import.meta.url));

interface Golden {
  scenario: string;
  preset: string;
  seed: number;
  steps: { side: 'BUY' | 'SELL'; symbol: string; quantity: number; price: number; valueEur: number; currency: string; reason: string; tags: string[] }[];
  currentScore: number;
  endStateScore: number;
}

function presetSettings(preset: string): PlannerSettings {
  const toml = readFileSync(`${dir}configs/${preset}.toml`, 'utf8');
  const num = (k: string) => Number(new RegExp(`^${k}\\s*=\\s*(\\S+)`, 'm').exec(toml)?.[1]);
  const bool = (k: string) => new RegExp(`^${k}\\s*=\\s*true`, 'm').test(toml);
  return settings({
    costPenaltyFactor: num('cost_penalty_factor'),
    enableMultiTimeframe: bool('enable_multi_timeframe'),
    enableStochasticScenarios: bool('enable_stochastic_scenarios'),
    enableMonteCarloPaths: bool('enable_monte_carlo_paths'),
    transactionCostFixed: num('transaction_cost_fixed'),
    transactionCostPercent: num('transaction_cost_percent'),
  });
}

const goldens = readdirSync(dir).filter((f) => f.endsWith('.golden.json'));

describe('reference scenarios', () => {
  it('finds all 27 reference outputs', () => expect(goldens).toHaveLength(27));

  it.each(goldens)('%s', (file) => {
    const gold = JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as Golden;
    const snapshot = parseSnapshot(readFileSync(`${dir}${gold.scenario}.input.json`, 'utf8'));
    const s = presetSettings(gold.preset);
    const ctx = buildContext(snapshot, contextSettingsFrom(s));
    const evaluator: Evaluator | undefined = evaluators.find((e) => e.name === evaluatorNameFor(s));
    if (evaluator === undefined) throw new Error('no evaluator');
    const scorer = evaluator.prepare(ctx, { settings: s, compat: compat(), rng: createPythonRandom(gold.seed) }, evaluator.params.parse({}));
    expect(Math.abs(scorer.currentScore().total - gold.currentScore)).toBeLessThanOrEqual(0.1);
    if (gold.steps.length === 0) {
      // An empty plan reports the current score as its end-state score.
      expect(Math.abs(scorer.currentScore().total - gold.endStateScore)).toBeLessThanOrEqual(0.1);
      return;
    }
    const sequence: ActionCandidate[] = gold.steps.map((st) => ({ ...st, name: st.symbol, priority: 0 }));
    const end = pyRound(scorer.evaluate(sequence).score * 100, 2);
    expect(Math.abs(end - gold.endStateScore)).toBeLessThanOrEqual(0.01);
  });
});
