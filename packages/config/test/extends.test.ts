import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@planner/contracts';
import { describe, expect, it, onTestFinished } from 'vitest';
import { diffConfigs, loadPreset, parseConfig, serializeConfig } from '../src/index.js';
import { loadConfig } from '../src/node.js';
import { modules } from './fixtures.js';

function dir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'planner-extends-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

function issuesOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const paths = (a: Parameters<typeof diffConfigs>[0], b: Parameters<typeof diffConfigs>[1]) => diffConfigs(a, b).map((c) => c.path);

describe('extends', () => {
  it('a preset name: the file holds only its overrides', () => {
    const c = parseConfig('extends = "aggressive"\n[planner]\nmax_depth = 3\n', { modules });
    const aggressive = loadPreset('aggressive', { modules });
    expect(paths(aggressive, c)).toEqual(['planner.max_depth']);
    expect(c.planner.maxDepth).toBe(3);
    expect(c.planner.name).toBe('aggressive');
  });

  it('module params merge key by key; arrays replace', () => {
    const c = parseConfig(`extends = "aggressive"
[opportunity_calculators.profit_taking.params]
priority_weight = 2.0
[sequence_generators.partial_execution.params]
fill_percentages = [1.0]
`, { modules });
    expect(c.calculators.get('profit_taking')?.params).toEqual({ windfallThreshold: 0.2, priorityWeight: 2.0 });
    expect(c.sequenceGenerators.get('partial_execution')?.params).toEqual({ fillPercentages: [1.0] });
    expect(paths(loadPreset('aggressive', { modules }), c)).toEqual([
      'opportunity_calculators.profit_taking.params.priority_weight', 'sequence_generators.partial_execution.params.fill_percentages',
    ]);
  });

  it('a path relative to the file, which itself extends a preset', () => {
    const root = dir({
      'base.toml': 'extends = "conservative"\n[planner]\nmax_depth = 4\nbeam_width = 7\n',
      'team/mine.toml': 'extends = "../base.toml"\n[planner]\nbeam_width = 9\n',
    });
    const c = loadConfig(join(root, 'team/mine.toml'), { modules });
    expect(paths(loadPreset('conservative', { modules }), c)).toEqual(['planner.max_depth', 'planner.beam_width']);
    expect(c.planner).toMatchObject({ maxDepth: 4, beamWidth: 9, name: 'conservative' });
    expect(c.warnings.filter((w) => w.includes('extends'))).toEqual([]);
  });

  it('the same through parseConfig with a reader, as loadConfig passes it', () => {
    const c = parseConfig('extends = "./b.toml"\n', {
      modules,
      source: 'a.toml',
      readExtended: (ref, from) => {
        expect([ref, from]).toEqual(['./b.toml', 'a.toml']);
        return { text: 'extends = "default"\n[planner]\nmax_depth = 2\n', source: 'b.toml' };
      },
    });
    expect(paths(loadPreset('default', { modules }), c)).toEqual(['planner.max_depth']);
  });

  it('a cycle is an error naming the chain', () => {
    const root = dir({ 'a.toml': 'extends = "b.toml"\n', 'b.toml': 'extends = "c.toml"\n', 'c.toml': 'extends = "a.toml"\n' });
    const e = issuesOf(() => loadConfig(join(root, 'a.toml'), { modules }));
    expect(e.path).toBe('extends');
    expect(e.message).toMatch(/extends cycle: \S*a\.toml -> \S*b\.toml -> \S*c\.toml -> \S*a\.toml/);
    const self = dir({ 'me.toml': 'extends = "./me.toml"\n' });
    expect(issuesOf(() => loadConfig(join(self, 'me.toml'), { modules })).message).toMatch(/extends cycle: \S*me\.toml -> \S*me\.toml/);
  });

  it('a missing extended file, a wrong type, a file without a reader: clear errors', () => {
    const root = dir({ 'a.toml': '# mine\nextends = "nope.toml"\n' });
    const missing = issuesOf(() => loadConfig(join(root, 'a.toml'), { modules }));
    expect(missing.issues).toEqual([{ path: 'extends', line: 2, message: "cannot read 'nope.toml': file not found" }]);
    expect(missing.source).toBe(join(root, 'a.toml'));
    expect(issuesOf(() => parseConfig('extends = 3\n', { modules })).issues[0]?.message)
      .toBe('expected a preset name (aggressive, conservative, default) or a path relative to this file, found 3');
    expect(issuesOf(() => parseConfig('extends = "bold"\n', { modules })).issues[0]?.message)
      .toMatch(/'bold' is not a shipped preset \(aggressive, conservative, default\), and extending a file needs file reading/);
  });

  it('an invalid value in an extended file names that file and line', () => {
    const root = dir({ 'base.toml': '[planner]\nmax_depth = 40\n', 'a.toml': 'extends = "base.toml"\n[planner]\nbeam_width = 3\n' });
    const e = issuesOf(() => loadConfig(join(root, 'a.toml'), { modules }));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]?.path).toBe('planner.max_depth');
    expect(e.issues[0]?.line).toBeUndefined();
    expect(e.issues[0]?.message).toMatch(/found 40 .*\(set in \S*base\.toml, line 2\)$/);
  });

  it('a file whose chain reaches no preset is warned about the settings it leaves to code defaults', () => {
    const partial = parseConfig('[planner]\nmax_depth = 3\n', { modules, source: 'mine.toml' });
    expect(partial.warnings[0]).toMatch(/^mine\.toml has no 'extends': the \d+ setting\(s\) it leaves out take the code defaults, not the default preset's values/);
    const complete = parseConfig(serializeConfig(partial, { modules }), { modules });
    expect(complete.warnings.some((w) => w.includes("no 'extends'"))).toBe(false);
    for (const name of ['default', 'conservative', 'aggressive']) {
      expect(loadPreset(name, { modules }).warnings.some((w) => w.includes("no 'extends'"))).toBe(false);
    }
    expect(parseConfig('extends = "default"\n', { modules }).warnings.some((w) => w.includes("no 'extends'"))).toBe(false);
  });
});
