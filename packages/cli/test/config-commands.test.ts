import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPreset, parseConfig, presetNames } from '@planner/config';
import { loadConfig, presetPath } from '@planner/config/node';
import { standardModules } from '../src/modules.js';
import { cli, here, scenarioDir } from './helpers.js';

const modules = standardModules();

describe('the shipped presets with the real modules', () => {
  it.each(presetNames())('%s loads, and its module params are the ones written', (name) => {
    const c = loadPreset(name, { modules });
    expect(c.planner.name).toBe(name);
    expect(c.planner.transactionCostFixed).toBe(2.0);
    expect([...c.patterns.keys()]).toHaveLength(13);
    expect(c.patterns.get('single_best')?.params).toMatchObject({ maxDepth: 1 });
  });

  it.each(['default', 'conservative', 'aggressive'])('the parity configuration %s loads', (name) => {
    const c = parseConfig(readFileSync(join(scenarioDir, 'configs', `${name}.toml`), 'utf8'), { modules });
    expect(c.planner.name).toBe(name);
  });
});

describe('planner config', () => {
  it('show prints the effective config as TOML, [compat] included, and it parses back', async () => {
    const r = await cli('config', 'show', '--preset', 'conservative');
    expect(r.code).toBe(0);
    expect(r.out).toContain('[compat]\nsimulation_drops_group_maps = true');
    expect(r.out).toContain('max_depth = 2');
    expect(parseConfig(r.out, { modules })).toEqual(loadPreset('conservative', { modules }));
  });

  it('diff lists the changed paths of two presets', async () => {
    const r = await cli('config', 'diff', 'default', presetPath('aggressive'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('planner.max_depth: 5 -> 7');
    expect(r.out).toContain('pattern_generators.adaptive.enabled: false -> true');
  });

  it('show prints the executability switches of a preset off (issue 13)', async () => {
    const r = await cli('config', 'show', '--preset', 'default');
    expect(r.code).toBe(0);
    for (const key of ['weight_based_ignores_fx', 'value_eur_not_from_quantity', 'trades_break_board_lot', 'zero_share_sells', 'costs_not_deducted_from_cash']) {
      expect(r.out).toContain(`\n${key} = false\n`);
    }
  });

  it.each(['default', 'conservative', 'aggressive'])('diff %s <its parity configuration> lists the executability switches', async (name) => {
    const r = await cli('config', 'diff', name, join(scenarioDir, 'configs', `${name}.toml`));
    expect(r.code, r.err).toBe(0);
    const compat = r.out.split('\n').filter((l) => l.startsWith('compat.')).sort();
    expect(compat).toEqual([
      'compat.costs_not_deducted_from_cash: false -> true',
      'compat.trades_break_board_lot: false -> true',
      'compat.value_eur_not_from_quantity: false -> true',
      'compat.weight_based_ignores_fx: false -> true',
      'compat.zero_share_sells: false -> true',
    ]);
  });

  it('validate reports warnings and exits 0', async () => {
    const r = await cli('config', 'validate', presetPath('aggressive'));
    expect(r.code).toBe(0);
    expect(r.out).toContain("valid configuration 'aggressive'");
    expect(r.out).toContain('warning: high computational load');
  });
});

describe('planner modules', () => {
  it('--json lists every module with its params and defaults', async () => {
    const r = await cli('modules', '--json');
    const list = JSON.parse(r.out) as { kind: string; name: string; params: { name: string; default?: unknown }[] }[];
    expect(list.filter((m) => m.kind !== 'evaluator')).toHaveLength(27);
    const pt = list.find((m) => m.kind === 'calculator' && m.name === 'profit_taking');
    expect(pt?.params.map((p) => p.name)).toContain('priority_weight');
  });

  it('text form names kind, name and params', async () => {
    const r = await cli('modules');
    expect(r.out).toMatch(/^pattern single_best: /m);
    expect(r.out).toMatch(/^ {4}max_depth \(integer\) = /m);
    expect(r.out).toMatch(/^ {4}windfall_threshold \(number\) = 0.3/m);
  });
});

describe('configs that compose (extends)', () => {
  const root = mkdtempSync(join(tmpdir(), 'planner-cli-extends-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const mine = join(root, 'mine.toml');
  writeFileSync(join(root, 'base.toml'), 'extends = "aggressive"\n[planner]\nbeam_width = 12\n');
  writeFileSync(mine, 'extends = "./base.toml"\n[planner]\nmax_depth = 3\n');

  it('show prints the resolved configuration, the same the library loads', async () => {
    const r = await cli('config', 'show', '--config', mine);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('max_depth = 3\n');
    expect(r.out).toContain('beam_width = 12\n');
    expect(r.out).toContain('name = "aggressive"\n');
    expect(r.out).not.toContain('extends');
    expect(parseConfig(r.out, { modules })).toEqual(loadConfig(mine, { modules }));
  });

  it('diff <preset> my.toml shows exactly the overrides', async () => {
    const r = await cli('config', 'diff', 'aggressive', mine);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('planner.max_depth: 7 -> 3\nplanner.beam_width: 20 -> 12\n');
  });

  it('warnings are those of the resolved configuration: lowering aggressive\'s max_depth to 3 drops its high-load warning everywhere', async () => {
    expect((await cli('config', 'validate', 'aggressive')).out).toContain('high computational load: max_depth=7');
    const validate = await cli('config', 'validate', mine);
    const show = await cli('config', 'show', '--config', mine);
    const plan = await cli('plan', here('../examples/portfolio.json'), '--config', mine);
    for (const r of [validate, show, plan]) {
      expect(r.code, r.err).toBe(0);
      expect(r.out + r.err).not.toContain('computational load');
      expect(r.out + r.err).not.toContain('max_depth=7');
    }
  });

  it('diff --json gives the changes as data; two equal configurations have no differences', async () => {
    const r = await cli('config', 'diff', 'aggressive', mine, '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      { path: 'planner.max_depth', before: 7, after: 3 },
      { path: 'planner.beam_width', before: 20, after: 12 },
    ]);
    const same = await cli('config', 'diff', 'conservative', presetPath('conservative'));
    expect(same.code, same.err).toBe(0);
    expect(same.out).toBe('no differences\n');
  });

  it('validate of a configuration without warnings prints the one line', async () => {
    const quiet = join(root, 'quiet.toml');
    writeFileSync(quiet, 'extends = "default"\n[filters.correlation_aware]\nenabled = false\n');
    const r = await cli('config', 'validate', quiet);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`${quiet}: valid configuration 'default'\n`);
  });

  it('validate accepts a preset name, as diff does', async () => {
    for (const name of presetNames()) {
      const r = await cli('config', 'validate', name);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`${name}: valid configuration '${name}'`);
    }
    const bad = await cli('config', 'validate', 'bold');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("no file 'bold', and not a shipped preset (aggressive, conservative, default)");
  });

  it('plan --config uses the resolved chain; a file without extends is warned about', async () => {
    const plain = join(root, 'plain.toml');
    writeFileSync(plain, '[planner]\nmax_depth = 3\n');
    const example = here('../examples/portfolio.json');
    const composed = await cli('plan', example, '--config', mine, '--json');
    expect(composed.code, composed.err).toBe(0);
    expect(composed.err).not.toContain("no 'extends'");
    // A config that extends a preset inherits its executable profile (issue 13).
    expect((JSON.parse(composed.out) as { execution: { quirks: string[] } }).execution.quirks).toEqual([]);
    const partial = await cli('plan', example, '--config', plain, '--json');
    expect(partial.code, partial.err).toBe(0);
    expect(partial.err).toMatch(/warning: \S*plain\.toml has no 'extends': the \d+ setting\(s\) it leaves out take the code defaults/);
  });
});
