import { ConfigError, defineCalculator, definePattern } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evaluatorFor, parseConfig, warningsForSnapshot } from '../src/index.js';
import { modules } from './fixtures.js';

// Config reads what each module declares about itself; a plugin module gets the same treatment as a standard one.

const gate = defineCalculator({
  name: 'gate', description: 'a plugin calculator', params: z.object({ level: z.number().default(1) }), order: 250, sides: ['BUY'],
  calculate: () => [],
  advise: (params, call) => (call.snapshot?.priceHistory ? [] : [`gate level ${params.level} needs price history`]),
});
const gated = definePattern({
  name: 'gated', description: 'a plugin pattern', params: z.object({}), order: 50, needs: ['gate'], generate: () => [],
});
const withPlugin = [...modules, gate, gated];

describe('module metadata in the configuration', () => {
  it('orders a plugin module by its declared order and leaves it off unless the file enables it', () => {
    expect(parseConfig('', { modules: withPlugin }).calculators.has('gate')).toBe(false);
    const c = parseConfig('[opportunity_calculators.gate]\n[pattern_generators.gated]\n', { modules: withPlugin });
    expect([...c.calculators.keys()].slice(0, 3)).toEqual(['profit_taking', 'averaging_down', 'gate']);
    expect([...c.patterns.keys()][0]).toBe('gated');
  });

  it("a plugin pattern enabled without the calculator it needs is an error naming both", () => {
    const err = (() => {
      try {
        parseConfig('[pattern_generators.gated]\n', { modules: withPlugin, source: 't.toml' });
      } catch (e) {
        return e as ConfigError;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err?.message).toContain('pattern gated is enabled but needs the gate calculator, which is disabled');
  });

  it("a plugin's advice is a warning; its declared sides feed the allow_buy warning", () => {
    const c = parseConfig('[planner]\nallow_buy = false\n[opportunity_calculators.gate]\n', { modules: withPlugin });
    expect(c.warnings).toContain('gate level 1 needs price history');
    expect(c.warnings.find((w) => w.startsWith('allow_buy is false'))).toContain(', gate,');
    const snapshot = { priceHistory: { A: [1, 2] } } as never;
    expect(warningsForSnapshot(c, withPlugin, snapshot)).not.toContain('gate level 1 needs price history');
  });

  it('§2.8 warnings 1 and 2: no calculators, no patterns; advice two generators share is given once', () => {
    const generatorsAndFilters = modules.filter((m) => m.kind !== 'calculator' && m.kind !== 'pattern');
    // the presets name the standard calculators and patterns, so this file extends none
    expect(parseConfig('', { modules: generatorsAndFilters }).warnings).toEqual([
      expect.stringContaining("has no 'extends'"),
      'no opportunity calculators enabled: the planner will have no opportunities to work with',
      'no pattern generators enabled: the planner will have no sequences to evaluate',
      'combinatorial generators work best with several patterns enabled (currently: 0)',
      expect.stringContaining('correlation_aware filter needs correlation data'),
    ]);
  });

  it('allow_sell = false warns only when a sell calculator is enabled', () => {
    const buyOnly = [gate, ...modules.filter((m) => m.kind !== 'calculator')];
    const off = ['profit_taking', 'averaging_down', 'rebalance', 'deep_rebalance'].map((p) => `[pattern_generators.${p}]\nenabled = false\n`).join('');
    const c = parseConfig(`[planner]\nallow_sell = false\n[opportunity_calculators.gate]\n${off}`, { modules: buyOnly });
    expect(c.warnings.some((w) => w.startsWith('allow_sell is false'))).toBe(false);
    const both = parseConfig('extends = "default"\n[planner]\nallow_sell = false\n', { modules });
    expect(both.warnings).toContain('allow_sell is false but sell calculators are enabled: profit_taking, rebalance_sells, weight_based; they will have no effect');
  });

  it('advice that only a snapshot raises is added for that snapshot', () => {
    const emptyCheck = defineCalculator({
      name: 'empty_check', description: 'a plugin calculator', params: z.object({}), calculate: () => [],
      advise: (_p, call) => (call.snapshot && call.snapshot.positions.length === 0 ? ['empty_check: the portfolio holds nothing'] : []),
    });
    const mods = [...withPlugin, emptyCheck];
    const c = parseConfig('extends = "default"\n[opportunity_calculators.empty_check]\n', { modules: mods });
    expect(c.warnings).not.toContain('empty_check: the portfolio holds nothing');
    expect(warningsForSnapshot(c, mods, { positions: [] } as never)).toContain('empty_check: the portfolio holds nothing');
    expect(warningsForSnapshot(c, mods, { positions: [{}] } as never)).not.toContain('empty_check: the portfolio holds nothing');
  });

  it('resolves the evaluator name once from the [planner] switches: Monte Carlo, else stochastic, else single objective', () => {
    const base = { enableMonteCarloPaths: false, enableStochasticScenarios: false };
    expect(evaluatorFor(base)).toBe('single_objective');
    expect(evaluatorFor({ ...base, enableStochasticScenarios: true })).toBe('stochastic');
    expect(evaluatorFor({ enableStochasticScenarios: true, enableMonteCarloPaths: true })).toBe('monte_carlo');
    expect(parseConfig('[planner]\nenable_monte_carlo_paths = true\n', { modules }).evaluator).toBe('monte_carlo');
  });
});
