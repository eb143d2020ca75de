import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '@planner/contracts';
import { parseConfig } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import { createPlanner } from '@planner/planner';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';
import { scenarioDir, spawnCli } from './helpers.js';

// Parity with the reference goldens, compared exactly as
// test/scenarios/FORMAT.md "Comparing against a golden" prescribes.

interface GoldenStep {
  side: string;
  symbol: string;
  quantity: number;
  price: number;
  currency: string;
  valueEur: number;
  reason: string;
  narrative: string;
  tags: string[];
  isWindfall: boolean;
  isAveragingDown: boolean;
}

interface Golden {
  scenario: string;
  preset: string;
  seed: number;
  rngDependent: boolean;
  steps: GoldenStep[];
  currentScore: number;
  endStateScore: number;
  improvement: number;
  cashRequired: number;
  cashGenerated: number;
  feasible: boolean;
  narrative: string;
}

const PRESETS = ['default', 'conservative', 'aggressive'] as const;
const modules = standardModules();
const read = (file: string): string => readFileSync(join(scenarioDir, file), 'utf8');
const scenarios = readdirSync(scenarioDir)
  .filter((f) => f.endsWith('.input.json'))
  .map((f) => f.slice(0, -'.input.json'.length))
  .sort();
const cases = scenarios.flatMap((scenario) => PRESETS.map((preset) => ({ scenario, preset })));
const configs = new Map(PRESETS.map((p) => [p, parseConfig(read(`configs/${p}.toml`), { modules, source: `configs/${p}.toml` })]));

/** Tolerances of FORMAT.md; the epsilon absorbs the binary error of a difference of two 2-decimal numbers. */
const EPS = 1e-9;
function within(actual: number, expected: number, tol: number, what: string): void {
  const delta = Math.abs(actual - expected);
  expect(delta <= tol + EPS, `${what}: ${actual} vs golden ${expected} (|Δ| ${delta} > ${tol})`).toBe(true);
}

function compare(plan: Plan, golden: Golden): void {
  expect(plan.steps.map((s) => `${s.side} ${s.symbol} ${s.quantity}`), 'steps').toEqual(
    golden.steps.map((s) => `${s.side} ${s.symbol} ${s.quantity}`),
  );
  golden.steps.forEach((g, i) => {
    const s = plan.steps[i]!;
    const at = `steps[${i}] ${g.symbol}`;
    expect(s.side, `${at}.side`).toBe(g.side);
    expect(s.symbol, `${at}.symbol`).toBe(g.symbol);
    expect(s.quantity, `${at}.quantity`).toBe(g.quantity);
    expect(s.currency, `${at}.currency`).toBe(g.currency);
    expect(s.price, `${at}.price`).toBe(g.price);
    within(s.valueEur, g.valueEur, 1e-6 * Math.abs(g.valueEur), `${at}.valueEur (relative 1e-6)`);
    expect(s.reason, `${at}.reason`).toBe(g.reason);
    expect(s.narrative, `${at}.narrative`).toBe(g.narrative);
    expect(s.tags, `${at}.tags`).toEqual(g.tags);
    expect(s.isWindfall, `${at}.isWindfall`).toBe(g.isWindfall);
    expect(s.isAveragingDown, `${at}.isAveragingDown`).toBe(g.isAveragingDown);
  });
  within(plan.endStateScore, golden.endStateScore, 0.01, 'endStateScore');
  within(plan.currentScore, golden.currentScore, 0.1, 'currentScore');
  within(plan.improvement, golden.improvement, 0.02, 'improvement');
  within(plan.cashRequired, golden.cashRequired, 0.01, 'cashRequired');
  within(plan.cashGenerated, golden.cashGenerated, 0.01, 'cashGenerated');
  expect(plan.feasible, 'feasible').toBe(golden.feasible);
  expect(plan.narrative, 'narrative').toBe(golden.narrative);
}

describe('parity with the reference goldens (27 cases)', () => {
  it('covers nine scenarios and three presets', () => {
    expect(scenarios).toHaveLength(9);
    expect(cases).toHaveLength(27);
  });

  it.each(cases)('$scenario with configs/$preset.toml', async ({ scenario, preset }) => {
    const golden = JSON.parse(read(`${scenario}.${preset}.golden.json`)) as Golden;
    const snapshot = parseSnapshot(read(`${scenario}.input.json`), `${scenario}.input.json`);
    expect(golden.seed, 'golden seed is the scenario seed').toBe(snapshot.seed);
    const planner = createPlanner({ config: configs.get(preset)!, modules });
    const plan = await planner.plan(snapshot, { seed: golden.seed });
    expect(plan.diagnostics, 'no module failed').toEqual([]);
    compare(plan, golden);
  });
});

describe('planner plan --json (spawned)', () => {
  it('carries every golden plan field under the same name and matches the golden', () => {
    const scenario = 'low_cash_needs_sells';
    const golden = JSON.parse(read(`${scenario}.default.golden.json`)) as Golden;
    const r = spawnCli(
      'plan', join(scenarioDir, `${scenario}.input.json`),
      '--config', join(scenarioDir, 'configs/default.toml'),
      '--seed', String(golden.seed), '--json',
    );
    expect(r.code, r.err).toBe(0);
    // stderr holds only configuration warnings (the correlation filter has no priceHistory here).
    for (const line of r.err.split('\n').filter(Boolean)) expect(line).toMatch(/^warning: /);
    const plan = JSON.parse(r.out) as Plan & Record<string, unknown>;
    // `scenario`, `preset` and `rngDependent` describe how the golden was made, not the plan (FORMAT.md "Output").
    const metadata = new Set(['scenario', 'preset', 'rngDependent']);
    for (const key of Object.keys(golden).filter((k) => !metadata.has(k))) {
      expect(plan, `top-level field ${key}`).toHaveProperty(key);
      expect(typeof plan[key], `type of ${key}`).toBe(typeof (golden as unknown as Record<string, unknown>)[key]);
    }
    expect(golden.steps.length).toBeGreaterThan(0);
    for (const [i, step] of plan.steps.entries()) {
      for (const key of Object.keys(golden.steps[0]!)) expect(step, `steps[${i}].${key}`).toHaveProperty(key);
    }
    expect(plan.seed).toBe(golden.seed);
    compare(plan, golden);
  });
});
