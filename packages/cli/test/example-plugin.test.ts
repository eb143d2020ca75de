import { readFileSync } from 'node:fs';
import { parseConfig, presetText, serializeConfig } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import { ConfigError, type PlannerModule, type PortfolioSnapshot } from '@planner/contracts';
import { examplePlugin } from '@planner/example-plugin';
import { createPlanner } from '@planner/planner';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';
import { run } from '../src/program.js';
import { here } from './helpers.js';

// A user enables the third-party plugin with TOML tables and a `modules` list:
// no change to config, planner or CLI code (DESIGN.md §2).
const PLUGIN_TOML = `
[opportunity_calculators.momentum]
enabled = true
[opportunity_calculators.momentum.params]
min_cagr = 0.25
min_sharpe = 2.0
target_value_eur = 1000
priority_weight = 1.2

[pattern_generators.momentum_first]
enabled = true
`;

const preset = presetText;
const withPlugin: readonly PlannerModule[] = [...standardModules(), ...examplePlugin];

/** The example portfolio with one security given strong momentum: NOKIA.EU, not held, lots of 10. */
function momentumSnapshot(): PortfolioSnapshot {
  const raw = JSON.parse(readFileSync(here('../examples/portfolio.json'), 'utf8'));
  const nokia = raw.securities.find((s: { symbol: string }) => s.symbol === 'NOKIA.EU');
  nokia.metrics = { ...nokia.metrics, cagr5y: 0.31, sharpe: 2.4 };
  return parseSnapshot(raw, 'portfolio.json');
}

describe('example plugin enabled from TOML', () => {
  const snapshot = momentumSnapshot();

  it.each(['conservative', 'default'])('the %s preset plus the plugin tables puts a momentum buy in the plan', async (name) => {
    const config = parseConfig(preset(name) + PLUGIN_TOML, { modules: withPlugin, source: `${name}+momentum` });
    expect(config.calculators.get('momentum')).toEqual({
      enabled: true,
      params: { minCagr: 0.25, minSharpe: 2.0, targetValueEur: 1000, priorityWeight: 1.2 },
    });
    expect(config.patterns.get('momentum_first')?.enabled).toBe(true);

    const plan = await createPlanner({ config, modules: withPlugin }).plan(snapshot);
    // Only NOKIA.EU clears the raised bars.
    expect(plan.funnel.opportunitiesByModule.momentum).toBe(1);
    expect(plan.funnel.sequencesByModule.momentum_first).toBeGreaterThan(0);
    const step = plan.steps.find((s) => s.tags.includes('momentum'));
    // 1000 EUR / (10 x 4.27) = 23 lots of 10
    expect(step).toMatchObject({ side: 'BUY', symbol: 'NOKIA.EU', quantity: 230 });
    // The plugin tells its own buy (its `narrate`), between the planner's opening and closing sentences.
    expect(step?.narrative).toMatch(
      /^Buy €\d+ of .+ \(NOKIA\.EU\) Strong momentum: grew 31\.0% a year over 5 years with a Sharpe ratio of 2\.40\. Securities that have compounded strongly with steady returns often keep doing so for a while\./,
    );
    expect(plan.feasible).toBe(true);

    // The same preset without the plugin does not buy it: the plugin changed the plan.
    const base = await createPlanner({ config: parseConfig(preset(name), { modules: withPlugin }), modules: withPlugin }).plan(snapshot);
    expect(base.steps.some((s) => s.symbol === 'NOKIA.EU')).toBe(false);
    expect(base.funnel.opportunitiesByModule.momentum).toBeUndefined();
  });

  it('the same snapshot and config give the same plan twice', async () => {
    const config = parseConfig(preset('conservative') + PLUGIN_TOML, { modules: withPlugin });
    const planner = createPlanner({ config, modules: withPlugin });
    const a = await planner.plan(snapshot);
    const b = await planner.plan(snapshot);
    expect(b.steps).toEqual(a.steps);
    expect(b.endStateScore).toBe(a.endStateScore);
  });

  it('a config naming momentum without the plugin in `modules` is a ConfigError naming it', () => {
    let error: unknown;
    try {
      parseConfig(preset('default') + PLUGIN_TOML, { modules: standardModules(), source: 'my.toml' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['opportunity_calculators.momentum', 'pattern_generators.momentum_first']));
    expect(issues.find((i) => i.path === 'opportunity_calculators.momentum')?.message).toMatch(/'momentum'/);
    expect((error as ConfigError).message).toContain('my.toml');
  });

  it('a plugin-enabled config handed to a planner without the plugin is a ConfigError naming momentum', () => {
    const config = parseConfig(preset('conservative') + PLUGIN_TOML, { modules: withPlugin });
    expect(() => createPlanner({ config, modules: standardModules() })).toThrow(ConfigError);
    expect(() => createPlanner({ config, modules: standardModules() })).toThrow(/momentum/);
  });

  it('a wrong plugin param is reported by the plugin schema, at its TOML key', () => {
    const bad = PLUGIN_TOML.replace('priority_weight = 1.2', 'priority_weight = 3');
    expect(() => parseConfig(preset('default') + bad, { modules: withPlugin })).toThrow(/opportunity_calculators\.momentum\.params\.priority_weight/);
  });

  it('a plugin-enabled config survives serialize and parse', () => {
    const config = parseConfig(preset('default') + PLUGIN_TOML, { modules: withPlugin });
    const text = serializeConfig(config);
    expect(text).toContain('[opportunity_calculators.momentum.params]');
    // The serialized text writes every setting, so it no longer draws the "no 'extends'" warning.
    const warnings = config.warnings.filter((w) => !w.includes("has no 'extends'"));
    expect(parseConfig(text, { modules: withPlugin })).toEqual({ ...config, warnings });
  });

  it('`planner modules` lists the plugin modules with their params when they are passed in', async () => {
    let out = '';
    const code = await run(['modules', '--json'], { out: (s) => { out += s; }, err: () => {} }, withPlugin);
    expect(code).toBe(0);
    const list = JSON.parse(out) as { kind: string; name: string; params: { name: string; default?: unknown }[] }[];
    const m = list.find((x) => x.name === 'momentum');
    expect(m?.kind).toBe('calculator');
    expect(m?.params.map((p) => [p.name, p.default])).toEqual([
      ['min_cagr', 0.12], ['min_sharpe', 1], ['target_value_eur', undefined], ['priority_weight', 1],
    ]);
    expect(list.find((x) => x.name === 'momentum_first')?.kind).toBe('pattern');
  });
});
