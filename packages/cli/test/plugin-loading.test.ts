import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plan } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { chooseConfig } from '../src/io.js';
import { commandModules } from '../src/program-run.js';
import { cli, here } from './helpers.js';
import { testTempDir } from './temp-store.js';

// A plugin as an outside author writes it: a folder outside packages/ that
// depends only on @planner/contracts and zod (linked into its node_modules),
// with one calculator and one pattern, each declaring its order, needs and narrative.

const PLUGIN = `
import { defineCalculator, definePattern } from '@planner/contracts';
import { z } from 'zod';

export const highYield = defineCalculator({
  name: 'high_yield',
  description: 'Buys the highest dividend yield above a floor',
  params: z.object({ minYield: z.number().min(0).max(1).default(0.05), amountEur: z.number().positive().default(1000) }),
  category: 'opportunity_buys',
  order: 250,
  sides: ['BUY'],
  narrate: (c) => (c.tags.includes('high_yield') ? { parts: ['A high-yield pick: ' + c.reason + '.', 'Income compounds.'] } : undefined),
  calculate(ctx, p) {
    if (!ctx.allowBuy) return [];
    const best = ctx.securities
      .filter((s) => s.allowBuy && (s.metrics.dividendYield ?? 0) >= p.minYield && (ctx.buyPrices.get(s.symbol) ?? 0) > 0)
      .sort((a, b) => (b.metrics.dividendYield ?? 0) - (a.metrics.dividendYield ?? 0))[0];
    if (!best) return [];
    const price = ctx.buyPrices.get(best.symbol);
    const rate = ctx.fxRate(best.currency);
    const quantity = Math.max(best.minLot, Math.floor((p.amountEur * rate) / price / best.minLot) * best.minLot);
    return [{
      side: 'BUY', symbol: best.symbol, name: best.name, quantity, price, valueEur: (quantity * price) / rate,
      currency: best.currency, priority: 2, reason: 'yields ' + (best.metrics.dividendYield * 100).toFixed(1) + '%', tags: ['high_yield'],
    }];
  },
});

export const highYieldFirst = definePattern({
  name: 'high_yield_first',
  description: 'The high-yield buy on its own',
  params: z.object({}),
  order: 50,
  needs: ['high_yield'],
  generate: (opps) => (opps.opportunity_buys ?? []).filter((c) => c.tags.includes('high_yield')).map((c) => [c]),
});

export const modules = [highYield, highYieldFirst];
`;

const packages = here('../../');
const snapshot = here('../examples/portfolio.json');

function link(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path, 'junction');
}

/** A plugin folder outside packages/, its dependencies linked, and a config next to it. */
function pluginFolder(toml: string, file = 'my-modules.mjs', source = PLUGIN): { dir: string; config: string } {
  const dir = realpathSync(testTempDir('plugin'));
  link(join(packages, 'contracts'), join(dir, 'node_modules/@planner/contracts'));
  link(realpathSync(join(packages, 'contracts/node_modules/zod')), join(dir, 'node_modules/zod'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'my-plugin', type: 'module', dependencies: { '@planner/contracts': '*', zod: '*' } }));
  writeFileSync(join(dir, file), source);
  const config = join(dir, 'planner.toml');
  writeFileSync(config, toml);
  return { dir, config };
}

const ENABLED = `extends = "default"
plugins = ["./my-modules.mjs"]

[opportunity_calculators.high_yield.params]
min_yield = 0.05

[pattern_generators.high_yield_first]
`;

describe('plugins from a configuration and from --plugin', () => {
  it('a TOML config with plugins = [...] loads the plugin and planner plan --config uses it, with its own narrative', async () => {
    const { config } = pluginFolder(ENABLED);
    const r = await cli('plan', snapshot, '--config', config, '--json');
    expect(r.err).not.toContain('error');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out) as Plan;
    expect(plan.funnel.opportunitiesByModule.high_yield).toBe(1);
    expect(plan.funnel.sequencesByModule.high_yield_first).toBeGreaterThan(0);
    const step = plan.steps.find((s) => s.tags.includes('high_yield'));
    expect(step?.symbol).toBe('ALV.EU');
    expect(step?.narrative).toMatch(/^Buy €\d+ of .+ \(ALV\.EU\) A high-yield pick: yields 5\.2%\. Income compounds\./);
    const v = await cli('config', 'validate', config);
    expect(v.code, v.err).toBe(0);
  });

  it('the plugin pattern without its calculator is the needs error; planner modules names where plugin modules came from', async () => {
    const { config } = pluginFolder(`extends = "default"\nplugins = ["./my-modules.mjs"]\n[pattern_generators.high_yield_first]\n`);
    const r = await cli('plan', snapshot, '--config', config);
    expect(r.code).toBe(2);
    expect(r.err).toContain('pattern high_yield_first is enabled but needs the high_yield calculator');
    const { dir } = pluginFolder('');
    const m = await cli('modules', '--plugin', join(dir, 'my-modules.mjs'));
    expect(m.code).toBe(0);
    expect(m.out).toContain(`calculator high_yield (plugin ${join(dir, 'my-modules.mjs')}): Buys the highest dividend yield`);
  });

  it('clear errors: not found, not a module list, a name clash (naming both), params failing the plugin schema', async () => {
    const missing = pluginFolder('plugins = ["./nope.mjs"]\n');
    let r = await cli('plan', snapshot, '--config', missing.config);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/plugin '\.\/nope\.mjs' \(plugins\[0\] of .*planner\.toml\) not found from /);

    const notList = pluginFolder('plugins = ["./my-modules.mjs"]\n', 'my-modules.mjs', 'export const modules = 42;\n');
    r = await cli('plan', snapshot, '--config', notList.config);
    expect(r.err).toContain("is not a module list: expected its 'modules' (or default) export to be a non-empty array of define* values, found a number");

    const clash = pluginFolder('plugins = ["./my-modules.mjs", "./again.mjs"]\n');
    writeFileSync(join(clash.dir, 'again.mjs'), PLUGIN.replace("name: 'high_yield_first'", "name: 'direct_buy'"));
    r = await cli('plan', snapshot, '--config', clash.config);
    expect(r.err).toContain("calculator 'high_yield' of plugin './again.mjs' clashes with the calculator of that name in plugin './my-modules.mjs'");
    expect(r.err).toContain("pattern 'direct_buy' of plugin './again.mjs' clashes with the pattern of that name in the standard modules");

    const badParams = pluginFolder(`${ENABLED}[opportunity_calculators.high_yield.params.extra]\n`.replace('min_yield = 0.05', 'min_yield = 7'));
    r = await cli('plan', snapshot, '--config', badParams.config);
    expect(r.code).toBe(2);
    expect(r.err).toContain('opportunity_calculators.high_yield.params.min_yield');
  });

  it('a paramDocs key naming no param is a warning at load, naming the plugin, the module, the key and the known params; the run goes on', async () => {
    const typo = PLUGIN.replace("category: 'opportunity_buys',", "category: 'opportunity_buys',\n  paramDocs: { minYeild: 'Smallest yield bought.', amountEur: 'EUR per buy.' },");
    expect(typo).toContain('minYeild');
    const { config, dir } = pluginFolder(ENABLED, 'my-modules.mjs', typo);
    const warning = "warning: plugin './my-modules.mjs': calculator 'high_yield': paramDocs names 'minYeild', which is not one of its params " +
      '(known params: minYield, amountEur); its description is not shown\n';
    const r = await cli('plan', snapshot, '--config', config, '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(warning);
    expect((JSON.parse(r.out) as Plan).funnel.opportunitiesByModule.high_yield).toBe(1);
    // where the missing description shows: the module listing, which warns too
    const plugin = join(dir, 'my-modules.mjs');
    const m = await cli('modules', '--plugin', plugin);
    expect(m.code).toBe(0);
    expect(m.err).toBe(warning.replace("'./my-modules.mjs'", `'${plugin}'`));
    // the plugin as written (no paramDocs) warns about nothing
    const clean = await cli('modules', '--plugin', join(pluginFolder('').dir, 'my-modules.mjs'));
    expect(clean.err).toBe('');
  });

  it('a plugin may write its params with zod/mini as well as with classic zod: same plan, same checks, same listing', async () => {
    const mini = PLUGIN
      .replace("import { z } from 'zod';", "import * as z from 'zod/mini';")
      .replace(
        'z.object({ minYield: z.number().min(0).max(1).default(0.05), amountEur: z.number().positive().default(1000) })',
        'z.object({ minYield: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.05), amountEur: z._default(z.number().check(z.positive()), 1000) })',
      );
    expect(mini).toContain("from 'zod/mini'");
    expect(mini).not.toContain('.default(');
    const runs = [];
    for (const source of [PLUGIN, mini]) {
      const { config, dir } = pluginFolder(ENABLED, 'my-modules.mjs', source);
      const plan = await cli('plan', snapshot, '--config', config, '--json');
      expect(plan.code, plan.err).toBe(0);
      const bad = pluginFolder(ENABLED.replace('min_yield = 0.05', 'min_yield = 7\nextra = 1'), 'my-modules.mjs', source);
      const rejected = await cli('plan', snapshot, '--config', bad.config);
      const listed = await cli('modules', '--json', '--plugin', join(dir, 'my-modules.mjs'));
      const own = (JSON.parse(listed.out) as { name: string; params: unknown }[]).find((m) => m.name === 'high_yield');
      runs.push({ steps: (JSON.parse(plan.out) as Plan).steps.map((x) => x.narrative), code: rejected.code, err: rejected.err.replaceAll(bad.dir, '<dir>'), params: own?.params });
    }
    const [classic, withMini] = runs;
    expect(classic?.steps.some((n) => n.includes('A high-yield pick'))).toBe(true);
    expect(classic?.code).toBe(2);
    expect(classic?.err).toContain('opportunity_calculators.high_yield.params.min_yield (line 5): expected a value at most 1, found 7');
    expect(classic?.err).toContain("unknown param 'extra' of high_yield (known params: min_yield, amount_eur)");
    expect(classic?.params).toEqual([
      { name: 'min_yield', type: 'number', default: 0.05 },
      { name: 'amount_eur', type: 'number', default: 1000 },
    ]);
    expect(withMini).toEqual(classic);
  });

  it('a plugin named by a file the configuration extends is loaded, relative to that file; each file of the chain once', async () => {
    const { dir } = pluginFolder(ENABLED.replace('extends = "default"', 'extends = "aggressive"'));
    const elsewhere = realpathSync(testTempDir('child'));
    const child = join(elsewhere, 'child.toml');
    writeFileSync(child, `extends = ${JSON.stringify(join(dir, 'planner.toml'))}\n[planner]\nmax_depth = 3\n`);
    const r = await cli('plan', snapshot, '--config', child, '--json');
    expect(r.code, r.err).toBe(0);
    const plan = JSON.parse(r.out) as Plan;
    expect(plan.funnel.opportunitiesByModule.high_yield).toBe(1);
    // A cycle (child -> parent -> child) is the configuration's error to report, not an endless walk.
    const loop = join(elsewhere, 'loop.toml');
    writeFileSync(loop, `extends = "./loop2.toml"\n`);
    writeFileSync(join(elsewhere, 'loop2.toml'), `extends = "./loop.toml"\nplugins = [${JSON.stringify(join(dir, 'my-modules.mjs'))}]\n`);
    const cycle = await cli('config', 'validate', loop);
    expect(cycle.code).toBe(2);
    expect(cycle.err).toContain('extends cycle');
  });

  it('the configuration step takes the files the plugin step read and parsed: each file of the chain read and parsed once', async () => {
    const dir = testTempDir('shared-read');
    const base = join(dir, 'base.toml');
    const top = join(dir, 'top.toml');
    writeFileSync(base, 'extends = "default"\n[planner]\nmax_depth = 2\n');
    writeFileSync(top, 'extends = "./base.toml"\n[planner]\nmin_hold_days = 9\n');
    const { modules, configFiles } = await commandModules(['plan', 'portfolio.json', '--config', top], undefined);
    // later contents are not read: the plugin step's read is the one the configuration is made of
    writeFileSync(top, 'not = toml = at all');
    writeFileSync(base, 'not = toml = at all');
    const config = chooseConfig({ config: top }, modules, configFiles);
    expect([config.planner.maxDepth, config.planner.minHoldDays]).toEqual([2, 9]);
    expect(() => chooseConfig({ config: top }, modules)).toThrow(/malformed TOML/);
  });

  it("the plugin guide's calculator (packages/contracts/README.md) runs as written", async () => {
    const readme = readFileSync(join(packages, 'contracts/README.md'), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toContain('defineCalculator');
    const { config } = pluginFolder('extends = "default"\nplugins = ["./my-modules.js"]\n[opportunity_calculators.high_yield]\n', 'my-modules.js', code);
    const r = await cli('plan', snapshot, '--config', config, '--json');
    expect(r.code, r.err).toBe(0);
    const plan = JSON.parse(r.out) as Plan;
    expect(plan.funnel.opportunitiesByModule.high_yield).toBe(1);
  });
});

describe('plugin specifiers and plugin shapes', () => {
  const calculator = (name: string, params = 'z.object({})') => `defineCalculator({
  name: '${name}', description: 'test ${name}', params: ${params}, category: 'opportunity_buys', order: 900, sides: ['BUY'],
  calculate: () => [],
})`;
  const header = "import { defineCalculator } from '@planner/contracts';\nimport { z } from 'zod';\n";

  it('an npm package name resolves from the configuration\'s folder; a default export is a module list too', async () => {
    const { dir, config } = pluginFolder('extends = "default"\nplugins = ["my-plugin-pkg"]\n[opportunity_calculators.from_package]\n');
    const pkg = join(dir, 'node_modules/my-plugin-pkg');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'my-plugin-pkg', type: 'module', exports: './index.js' }));
    // What defineCalculator returns, written out: a package under node_modules is loaded by Node itself,
    // which cannot read the workspace's TypeScript sources of @planner/contracts.
    const plain = calculator('from_package').replace('defineCalculator({', "({ kind: 'calculator',");
    writeFileSync(join(pkg, 'index.js'), `import { z } from 'zod';\nexport default [${plain}];\n`);
    const r = await cli('config', 'show', '--config', config);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('[opportunity_calculators.from_package]\nenabled = true\n');
  });

  it('the example plugin package loads with --plugin as it is shipped (its modules export)', async () => {
    const entry = here('../../example-plugin/src/index.ts');
    const r = await cli('modules', '--json', '--plugin', entry);
    expect(r.code, r.err).toBe(0);
    const list = JSON.parse(r.out) as { name: string; plugin?: string }[];
    expect(list.filter((m) => m.plugin === entry).map((m) => m.name)).toEqual(['momentum', 'momentum_first']);
  });

  it('--plugin=PATH counts like --plugin PATH, the same plugin twice is loaded once, and nothing after -- is a plugin', async () => {
    const { dir } = pluginFolder('');
    const path = join(dir, 'my-modules.mjs');
    const r = await cli('modules', '--json', `--plugin=${path}`, '--plugin', path);
    expect(r.code, r.err).toBe(0);
    const list = JSON.parse(r.out) as { name: string; plugin?: string }[];
    expect(list.filter((m) => m.plugin === path).map((m) => m.name)).toEqual(['high_yield', 'high_yield_first']);
    const after = await cli('modules', '--', '--plugin', join(dir, 'nope.mjs'));
    expect(after.err).not.toContain('plugin');
  });

  it('a plugin that throws while loading, one without a module list, one with a stray item: each named with what is wrong', async () => {
    const cases: [string, string][] = [
      ["throw new Error('no licence key');\n", "failed to load: no licence key"],
      ['export const other = 1;\n', 'found no such export'],
      ['export default null;\n', 'found a null'],
      [`${header}export const modules = [${calculator('fine')}, { kind: 'calculator', name: 'half' }];\n`, 'found an array whose item 1 is not a define* value'],
    ];
    for (const [source, message] of cases) {
      const { config } = pluginFolder('plugins = ["./my-modules.mjs"]\n', 'my-modules.mjs', source);
      const r = await cli('plan', snapshot, '--config', config);
      expect(r.code, source).toBe(2);
      expect(r.err, source).toContain(`plugin './my-modules.mjs' (plugins[0] of ${config}) ${message.startsWith('failed') ? '' : 'is not a module list: '}`);
      expect(r.err, source).toContain(message);
    }
  });

  it('a plugin module that rejects its own default params cannot be enabled by any configuration: refused at load', async () => {
    const source = `${header}export const modules = [${calculator('strict', 'z.object({ apiKey: z.string() })')}];\n`;
    const { config } = pluginFolder('plugins = ["./my-modules.mjs"]\n', 'my-modules.mjs', source);
    const r = await cli('config', 'validate', config);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/plugin '\.\/my-modules\.mjs': calculator 'strict' rejects its own default params: .*expected string/);
  });

  it('planner modules lists a plugin module whose params are not a zod schema, with no params rather than a crash', async () => {
    const params = '{ safeParse: (v) => ({ success: true, data: v }) }';
    const source = `${header}export const modules = [${calculator('handmade', params)}];\n`;
    const { dir } = pluginFolder('', 'my-modules.mjs', source);
    const r = await cli('modules', '--json', '--plugin', join(dir, 'my-modules.mjs'));
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { name: string; params: unknown[] }[]).find((m) => m.name === 'handmade')?.params).toEqual([]);
  });
});
