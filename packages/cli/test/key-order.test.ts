import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '@planner/contracts';
import { loadPreset } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import { createPlanner } from '@planner/planner';
import { createIncrementalPlanner } from '@planner/planner/incremental';
import { createMemoryStore } from '@planner/store/memory';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';
import { cli, scenarioDir } from './helpers.js';

// Issue 14 point 5: a digit-only group name is an ordinary name, read in file
// order like any other ("the last group naming a country wins").
const dir = mkdtempSync(join(tmpdir(), 'planner-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = readFileSync(join(scenarioDir, 'rebalance_country_industry.input.json'), 'utf8');
const outcome = (p: Plan) => ({ steps: p.steps.map((s) => [s.side, s.symbol, s.quantity]), scores: [p.currentScore, p.endStateScore] });

/**
 * The scenario with one more country group, `name`, that claims Germany and
 * France from EU: written last (it wins them) or first (EU keeps them).
 */
function withClaimingGroup(name: string, place: 'first' | 'last'): string {
  const key = JSON.stringify(name);
  let text = scenario.replace('"US": 0.4,', '"US": 0.3,');
  const weight = `${key}: 0.1`;
  const members = `${key}: ["Germany", "France"]`;
  if (place === 'last') {
    text = text.replace('"ASIA": 0.15\n', `"ASIA": 0.15, ${weight}\n`);
    text = text.replace('"Taiwan"\n      ]\n    }', `"Taiwan"\n      ], ${members}\n    }`);
  } else {
    text = text.replace('"countries": {', `"countries": { ${weight},`);
    text = text.replace('"countryGroups": {', `"countryGroups": { ${members},`);
  }
  expect(text.split(key).length - 1, 'the group is written twice').toBe(2);
  const path = join(dir, `${name}-${place}.json`);
  writeFileSync(path, text);
  return path;
}

async function planOf(path: string): Promise<ReturnType<typeof outcome>> {
  const r = await cli('plan', path, '--seed', '7', '--json');
  expect(r.code, r.err).toBe(0);
  return outcome(JSON.parse(r.out) as Plan);
}

describe('digit-only keys keep their place', () => {
  it('a group "10" written last wins its countries, as "g10" does: same plan and scores', async () => {
    const digits = await planOf(withClaimingGroup('10', 'last'));
    expect(digits).toEqual(await planOf(withClaimingGroup('g10', 'last')));
    // the place matters: written first, EU wins the countries back and the plan changes
    expect(await planOf(withClaimingGroup('g10', 'first'))).not.toEqual(digits);
  });

  it('a group "10" written first equals "g10" written first', async () => {
    expect(await planOf(withClaimingGroup('10', 'first'))).toEqual(await planOf(withClaimingGroup('g10', 'first')));
  });
});

describe('renaming groups does not change the plan (property)', () => {
  const modules = standardModules();
  const config = loadPreset('default', { modules });
  const groups = ['US', 'EU', 'UK', 'ASIA', 'TECH', 'FIN', 'HEALTH', 'CONSUMER', 'INDUSTRIAL'];
  for (const g of groups) expect(scenario.split(`"${g}"`).length - 1, g).toBe(2); // once as a target, once as a group
  const planText = async (text: string) => outcome(await createPlanner({ config, modules }).plan(parseSnapshot(text)));
  // names of digits, named like built-ins, or of letters
  const newName = fc.oneof(fc.nat({ max: 999 }).map(String), fc.constantFrom('a', 'zz', 'Group', '__proto__', 'constructor', 'toString'));

  it('digit-only names, built-in names and letters give the plan of the original names', async () => {
    const original = await planText(scenario);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(newName, { minLength: groups.length, maxLength: groups.length }), async (names) => {
        let text = scenario;
        groups.forEach((g, i) => { text = text.replaceAll(`"${g}"`, JSON.stringify(names[i])); });
        expect(await planText(text)).toEqual(original);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});

describe('stored work follows the group order', () => {
  it('a snapshot whose claiming group moved does not resume the work of the other order', async () => {
    const modules = standardModules();
    const planner = createIncrementalPlanner({ config: loadPreset('default', { modules }), modules });
    const first = parseSnapshot(readFileSync(withClaimingGroup('g10', 'first'), 'utf8'));
    const last = parseSnapshot(readFileSync(withClaimingGroup('g10', 'last'), 'utf8'));
    const store = createMemoryStore();
    const a = await planner.planIncremental(first, { store, bucket: 'core', seed: 7 });
    const b = await planner.planIncremental(last, { store, bucket: 'core', seed: 7 });
    expect(b.generated).toBe(true);
    expect(b.key.portfolioHash).not.toBe(a.key.portfolioHash);
    expect(outcome(b.plan!)).toEqual(outcome(await planner.plan(last, { seed: 7 })));
    expect(outcome(b.plan!)).not.toEqual(outcome(a.plan!));
  }, 120_000);
});
