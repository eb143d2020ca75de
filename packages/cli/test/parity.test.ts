import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '@planner/contracts';
import { parseConfig } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import { createPlanner } from '@planner/planner';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';
import { type Golden, GOLDEN_METADATA, goldenDiff } from './golden.js';
import { scenarioDir, spawnCli } from './helpers.js';

// Parity with the reference goldens, compared exactly as
// docs/scenarios/FORMAT.md "Comparing against a golden" prescribes.

const PRESETS = ['default', 'conservative', 'aggressive'] as const;
const modules = standardModules();
const read = (file: string): string => readFileSync(join(scenarioDir, file), 'utf8');
const scenarios = readdirSync(scenarioDir)
  .filter((f) => f.endsWith('.input.json'))
  .map((f) => f.slice(0, -'.input.json'.length))
  .sort();
const cases = scenarios.flatMap((scenario) => PRESETS.map((preset) => ({ scenario, preset })));
const configs = new Map(PRESETS.map((p) => [p, parseConfig(read(`configs/${p}.toml`), { modules, source: `configs/${p}.toml` })]));

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
    expect(goldenDiff(plan, golden)).toEqual([]);
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
    for (const key of Object.keys(golden).filter((k) => !GOLDEN_METADATA.has(k))) {
      expect(plan, `top-level field ${key}`).toHaveProperty(key);
      expect(typeof plan[key], `type of ${key}`).toBe(typeof (golden as unknown as Record<string, unknown>)[key]);
    }
    expect(golden.steps.length).toBeGreaterThan(0);
    for (const [i, step] of plan.steps.entries()) {
      for (const key of Object.keys(golden.steps[0]!)) expect(step, `steps[${i}].${key}`).toHaveProperty(key);
    }
    expect(plan.seed).toBe(golden.seed);
    expect(goldenDiff(plan, golden)).toEqual([]);
  });
});

describe('goldenDiff applies the FORMAT.md tolerances', () => {
  const golden = JSON.parse(read('universe_30.default.golden.json')) as Golden;
  const plan = (): Promise<Plan> => createPlanner({ config: configs.get('default')!, modules }).plan(
    parseSnapshot(read('universe_30.input.json')), { seed: golden.seed },
  );

  it('accepts differences at the tolerance and rejects them just beyond', async () => {
    const p = await plan();
    const at = (patch: Partial<Golden>): Golden => ({ ...golden, ...patch });
    expect(goldenDiff(p, at({ endStateScore: p.endStateScore + 0.01 }))).toEqual([]);
    expect(goldenDiff(p, at({ endStateScore: p.endStateScore + 0.011 }))).toHaveLength(1);
    expect(goldenDiff(p, at({ currentScore: p.currentScore - 0.1 }))).toEqual([]);
    expect(goldenDiff(p, at({ currentScore: p.currentScore - 0.11 }))).toHaveLength(1);
    expect(goldenDiff(p, at({ improvement: p.improvement + 0.02 }))).toEqual([]);
    expect(goldenDiff(p, at({ improvement: p.improvement + 0.021 }))).toHaveLength(1);
    expect(goldenDiff(p, at({ cashRequired: p.cashRequired + 0.011 }))).toHaveLength(1);
    expect(goldenDiff(p, at({ feasible: !p.feasible }))).toHaveLength(1);
    expect(goldenDiff(p, at({ narrative: `${p.narrative} ` }))).toHaveLength(1);
  });

  it('compares every step field', async () => {
    const p = await plan();
    const step = golden.steps[0]!;
    const withStep = (patch: object): Golden => ({ ...golden, steps: [{ ...step, ...patch }, ...golden.steps.slice(1)] });
    expect(goldenDiff(p, withStep({ valueEur: step.valueEur * (1 + 0.9e-6) }))).toEqual([]);
    expect(goldenDiff(p, withStep({ valueEur: step.valueEur * (1 + 2e-6) }))).toHaveLength(1);
    expect(goldenDiff(p, withStep({ quantity: step.quantity + 1 }))).toHaveLength(1);
    expect(goldenDiff(p, withStep({ price: step.price + 0.01 }))).toHaveLength(1);
    expect(goldenDiff(p, withStep({ currency: 'USD' }))).toHaveLength(1);
    expect(goldenDiff(p, withStep({ reason: 'x' }))).toHaveLength(1);
    expect(goldenDiff(p, withStep({ narrative: 'x' }))).toHaveLength(1);
    expect(goldenDiff(p, withStep({ tags: [...step.tags].reverse() }))).toHaveLength(step.tags.length > 1 ? 1 : 0);
    expect(goldenDiff(p, withStep({ isWindfall: !step.isWindfall }))).toHaveLength(1);
    expect(goldenDiff(p, withStep({ isAveragingDown: !step.isAveragingDown }))).toHaveLength(1);
    expect(goldenDiff(p, { ...golden, steps: golden.steps.slice(1) })).toHaveLength(1);
  });
});
