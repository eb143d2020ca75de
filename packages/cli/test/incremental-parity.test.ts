import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkEvaluator } from '@planner/buckets';
import { parseConfig, serializeConfig } from '@planner/config';
import type { PlannerConfig, PortfolioSnapshot } from '@planner/contracts';
import { parseSnapshot } from '@planner/context';
import { createIncrementalPlanner } from '@planner/planner/incremental';
import { createMemoryStore } from '@planner/store/memory';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';
import { withoutTimings } from './batch-helpers.js';
import { scenarioDir } from './helpers.js';

const modules = standardModules();
const goldens = readdirSync(scenarioDir).filter((f) => f.endsWith('.golden.json')).sort();

type Mode = 'as configured' | 'single objective' | 'monte carlo';
const MODES: readonly Mode[] = ['as configured', 'single objective', 'monte carlo'];

function load(golden: string, mode: Mode): { snapshot: PortfolioSnapshot; config: PlannerConfig; seed: number } {
  const g = JSON.parse(readFileSync(join(scenarioDir, golden), 'utf8')) as { scenario: string; preset: string; seed: number };
  const snapshot = parseSnapshot(readFileSync(join(scenarioDir, `${g.scenario}.input.json`), 'utf8'));
  let toml = readFileSync(join(scenarioDir, 'configs', `${g.preset}.toml`), 'utf8');
  if (mode === 'single objective') toml = toml.replace(/enable_stochastic_scenarios = true/, 'enable_stochastic_scenarios = false');
  if (mode === 'monte carlo') {
    toml = toml.replace(/enable_monte_carlo_paths = false/, 'enable_monte_carlo_paths = true').replace(/monte_carlo_path_count = \d+/, 'monte_carlo_path_count = 20');
  }
  return { snapshot, config: parseConfig(toml, { modules }), seed: g.seed };
}

describe('planIncremental equals plan() on every golden scenario, for every evaluation mode', () => {
  for (const golden of goldens) {
    it(golden, async () => {
      for (const mode of MODES) {
        const { snapshot, config, seed } = load(golden, mode);
        if (mode === 'monte carlo') expect(config.planner.enableMonteCarloPaths).toBe(true);
        const planner = createIncrementalPlanner({ config, modules });
        const full = await planner.plan(snapshot, { seed });
        const store = createMemoryStore();
        // Stop after every third batch and resume, so the result crosses calls.
        let r;
        let calls = 0;
        do {
          const ac = new AbortController();
          let batches = 0;
          r = await planner.planIncremental(snapshot, {
            store, bucket: 'core', seed, batchSize: 37, signal: ac.signal,
            onEvent: (e) => e.type === 'batch-finished' && ++batches === 3 && ac.abort(),
          });
          calls++;
        } while (r.status !== 'finished' && calls < 1000);
        expect(r.status, `${golden} ${mode}`).toBe('finished');
        expect(withoutTimings(r.plan), `${golden} ${mode}`).toEqual(withoutTimings(full));
        expect(r.progress.evaluated).toBe(full.funnel.feasible);
      }
    });
  }
});

describe('a worker that rebuilds the scorer from the stored work, evaluating batches in reverse order', () => {
  for (const golden of goldens.filter((g) => g.includes('aggressive'))) {
    it(`${golden}, Monte Carlo`, async () => {
      const { snapshot, config, seed } = load(golden, 'monte carlo');
      const planner = createIncrementalPlanner({ config, modules });
      const store = createMemoryStore();
      const first = await planner.planIncremental(snapshot, {
        store, bucket: 'core', seed, configText: serializeConfig(config, { modules }), evaluate: false, wait: false,
      });
      if (first.status === 'finished') return; // nothing feasible: nothing to hand to workers
      const batches = [];
      for (let b; (b = await store.claimBatch(first.key, 25)).length > 0; ) batches.push(b);
      const evaluate = createWorkEvaluator({ modules });
      const data = await store.workData(first.key);
      for (const b of batches.reverse()) await store.recordResults(first.key, await evaluate({ key: first.key, sequences: b.reverse(), data }));
      const done = await planner.planIncremental(snapshot, { store, bucket: 'core', seed, evaluate: false });
      expect(done.status).toBe('finished');
      expect(withoutTimings(done.plan)).toEqual(withoutTimings(await planner.plan(snapshot, { seed })));
    });
  }
});
