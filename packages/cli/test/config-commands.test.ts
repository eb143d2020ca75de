import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPreset, parseConfig, presetNames } from '@planner/config';
import { presetPath } from '@planner/config/node';
import { standardModules } from '../src/modules.js';
import { cli, scenarioDir } from './helpers.js';

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
