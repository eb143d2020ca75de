import { describe, expect, it } from 'vitest';
import { diffConfigs, loadPreset, parseConfig, withOverrides } from '../src/index.js';
import { modules, momentum } from './fixtures.js';

describe('diffConfigs', () => {
  it('same config: no changes', () => {
    const a = loadPreset('default', { modules });
    expect(diffConfigs(a, loadPreset('default', { modules }))).toEqual([]);
  });

  it('lists changed planner keys, switches, module flags and params by TOML path', () => {
    const a = parseConfig('', { modules });
    const b = parseConfig(`[planner]
max_depth = 3
[compat]
missing_metrics_are_zero = false
[pattern_generators.adaptive]
enabled = false
[sequence_generators.partial_execution.params]
fill_percentages = [1.0]
`, { modules });
    expect(diffConfigs(a, b)).toEqual([
      { path: 'planner.max_depth', before: 5, after: 3 },
      { path: 'compat.missing_metrics_are_zero', before: true, after: false },
      { path: 'pattern_generators.adaptive.enabled', before: true, after: false },
      { path: 'sequence_generators.partial_execution.params.fill_percentages', before: [0.5, 0.75, 1.0], after: [1.0] },
    ]);
  });

  it('a module present on one side only', () => {
    const mods = [...modules, momentum];
    const a = parseConfig('', { modules: mods });
    const b = parseConfig('[opportunity_calculators.momentum]\n', { modules: mods });
    expect(diffConfigs(a, b)).toEqual([
      { path: 'opportunity_calculators.momentum', before: undefined, after: { enabled: true, params: { min_return: 0.1 } } },
    ]);
  });

  it('default vs conservative includes the §2.6 differences', () => {
    const paths = diffConfigs(loadPreset('default', { modules }), loadPreset('conservative', { modules })).map((c) => c.path);
    expect(paths).toContain('planner.max_depth');
    expect(paths).toContain('opportunity_calculators.averaging_down.enabled');
    expect(paths).toContain('filters.diversity.params.max_sequences');
    expect(paths).not.toContain('planner.transaction_cost_fixed');
  });
});

describe('withOverrides', () => {
  it('replaces the seed and nothing else', () => {
    const a = loadPreset('default', { modules });
    const b = withOverrides(a, { seed: 110 });
    expect(diffConfigs(a, b)).toEqual([{ path: 'planner.seed', before: 0, after: 110 }]);
    expect(withOverrides(a, {})).toBe(a);
  });

  it('rejects a seed that is not a non-negative integer', () => {
    const a = loadPreset('default', { modules });
    expect(() => withOverrides(a, { seed: -1 })).toThrow('planner.seed: expected an integer at least 0, found -1');
    expect(() => withOverrides(a, { seed: 1.5 })).toThrow(/found 1.5/);
  });
});
