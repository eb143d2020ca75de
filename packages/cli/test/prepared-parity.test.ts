import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import { createPlanner } from '@planner/planner';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';
import { withoutTimings } from './batch-helpers.js';
import { scenarioDir } from './helpers.js';

const modules = standardModules();
const goldens = readdirSync(scenarioDir).filter((f) => f.endsWith('.golden.json')).sort();

// plan(planner.prepare(snapshot)) reuses the context and the scorer tables across
// plans: the plans must not tell the two inputs apart, for any seed or evaluator.
describe('plan(prepared) equals plan(snapshot) on every golden scenario', () => {
  for (const golden of goldens) {
    it(golden, async () => {
      const g = JSON.parse(readFileSync(join(scenarioDir, golden), 'utf8')) as { scenario: string; preset: string; seed: number };
      const snapshot = parseSnapshot(readFileSync(join(scenarioDir, `${g.scenario}.input.json`), 'utf8'));
      const base = readFileSync(join(scenarioDir, 'configs', `${g.preset}.toml`), 'utf8');
      const monteCarlo = base
        .replace(/enable_monte_carlo_paths = false/, 'enable_monte_carlo_paths = true')
        .replace(/monte_carlo_path_count = \d+/, 'monte_carlo_path_count = 20');
      for (const toml of [base, monteCarlo]) {
        const planner = createPlanner({ config: parseConfig(toml, { modules }), modules });
        const prepared = planner.prepare(snapshot);
        for (const seed of [g.seed, g.seed + 1, 7]) {
          const direct = await planner.plan(snapshot, { seed });
          // Twice: the second plan must not see anything the first one left behind.
          expect(withoutTimings(await planner.plan(prepared, { seed }))).toEqual(withoutTimings(direct));
          expect(withoutTimings(await planner.plan(prepared, { seed }))).toEqual(withoutTimings(direct));
        }
      }
    });
  }
});
