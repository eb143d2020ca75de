import { readFileSync } from 'node:fs';
import { ConfigError, COMPAT_DEFAULTS } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { parseConfig, pluginList, pluginsAndExtendsOf, pluginsOf } from '../src/index.js';
import { modules, momentum } from './fixtures.js';

/** Run order the stand-ins declare (their `order`), which is pipeline.md §2.1's canonical order. */
const ORDER = {
  calculator: ['profit_taking', 'averaging_down', 'opportunity_buys', 'rebalance_sells', 'rebalance_buys', 'weight_based'],
  pattern: [
    'direct_buy', 'profit_taking', 'rebalance', 'averaging_down', 'single_best', 'multi_sell', 'mixed_strategy',
    'opportunity_first', 'deep_rebalance', 'cash_generation', 'cost_optimized', 'adaptive', 'market_regime',
  ],
  sequence_generator: ['combinatorial', 'enhanced_combinatorial', 'partial_execution', 'constraint_relaxation'],
  filter: ['correlation_aware', 'diversity', 'eligibility', 'recently_traded'],
};

const parse = (toml: string) => parseConfig(toml, { modules, source: 'test.toml' });
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseConfig: defaults', () => {
  it('an empty document is the model defaults (§2.1, §2.4 "what runs")', () => {
    const c = parse('');
    expect(c.planner).toEqual({
      name: 'default', description: '', enableBatchGeneration: true, maxDepth: 5, maxOpportunitiesPerCategory: 5,
      priorityThreshold: 0.3, enableDiverseSelection: true, diversityWeight: 0.3, transactionCostFixed: 5.0,
      transactionCostPercent: 0.001, allowSell: true, allowBuy: true, minHoldDays: 90, sellCooldownDays: 180,
      buyCooldownDays: 30, maxLossThreshold: -0.2, minSecurityScore: 0.5, beamWidth: 10, costPenaltyFactor: 0.1,
      enableMultiObjective: false, enableStochasticScenarios: false, enableMonteCarloPaths: false,
      monteCarloPathCount: 100, enableMultiTimeframe: false, enableMarketRegimeScenarios: false,
      marketRegime: 'sideways', seed: 0, minImprovement: 0,
    });
    expect(c.compat).toEqual(COMPAT_DEFAULTS);
  });

  it('every module enabled by default runs with its default params, in its declared order', () => {
    const c = parse('');
    expect([...c.calculators.keys()]).toEqual(ORDER.calculator);
    expect([...c.patterns.keys()]).toEqual(ORDER.pattern);
    expect([...c.sequenceGenerators.keys()]).toEqual(ORDER.sequence_generator);
    expect([...c.filters.keys()]).toEqual(ORDER.filter);
    expect([...c.calculators.values()].every((m) => m.enabled)).toBe(true);
    expect(c.patterns.get('single_best')).toEqual({ enabled: true, params: { maxDepth: 1 } });
    expect(c.filters.get('recently_traded')?.params).toEqual({ buyCooldownDays: 30, sellCooldownDays: 180 });
  });

  it('a module section without keys is enabled with defaults; params are camelCased and filled', () => {
    const c = parse(`
[pattern_generators.adaptive]
[sequence_generators.combinatorial]
enabled = false
[sequence_generators.combinatorial.params]
max_sells = 2
`);
    expect(c.patterns.get('adaptive')).toEqual({ enabled: true, params: { maxDepth: 5 } });
    expect(c.sequenceGenerators.get('combinatorial')).toEqual({
      enabled: false,
      params: { maxSells: 2, maxBuys: 4, priorityThreshold: 0.3, maxSteps: 5, maxCombinations: 50, maxCandidates: 12 },
    });
  });

  it('every section is parsed, not only the reference subset (DECISIONS #1)', () => {
    const c = parse(`
[sequence_generators.partial_execution]
enabled = false
[filters.recently_traded.params]
buy_cooldown_days = 60
`);
    expect(c.sequenceGenerators.get('partial_execution')?.enabled).toBe(false);
    expect(c.filters.get('recently_traded')?.params.buyCooldownDays).toBe(60);
  });

  it('modules without an order come after the ordered ones, in file order', () => {
    const c = parseConfig(`
[opportunity_calculators.momentum.params]
min_return = 0.2
[opportunity_calculators.profit_taking]
enabled = true
`, { modules: [...modules, momentum] });
    expect([...c.calculators.keys()]).toEqual([...ORDER.calculator, 'momentum']);
    expect(c.calculators.get('momentum')).toEqual({ enabled: true, params: { minReturn: 0.2 } });
  });

  it('a third-party module the file does not name is not configured', () => {
    const c = parseConfig('', { modules: [...modules, momentum] });
    expect(c.calculators.has('momentum')).toBe(false);
  });

  it('compat switches can be turned off one by one', () => {
    const c = parse('[compat]\nsimulation_drops_group_maps = false\n');
    expect(c.compat).toEqual({ ...COMPAT_DEFAULTS, simulationDropsGroupMaps: false });
  });

  it('boundaries of the ranges are accepted', () => {
    const c = parse(`[planner]
max_depth = 10
priority_threshold = 1.0
max_opportunities_per_category = 0
transaction_cost_fixed = 0
transaction_cost_percent = 0.01
beam_width = 50
monte_carlo_path_count = 10
`);
    expect(c.planner.maxDepth).toBe(10);
    expect(c.planner.transactionCostPercent).toBe(0.01);
  });
});

describe('parseConfig: files', () => {
  it.each(['default', 'conservative', 'aggressive'])('the reference preset %s (long comments) loads unchanged', (name) => {
    const c = parse(fixture(`reference-${name}.toml`));
    expect(c.planner.name).toBe(name);
    expect(c.planner.transactionCostFixed).toBe(2.0);
  });

  it.each(['default', 'conservative', 'aggressive'])('the parity configuration %s loads', (name) => {
    const c = parse(fixture(`parity-${name}.toml`));
    expect(c.planner.name).toBe(name);
    expect(c.patterns.get('market_regime')?.enabled).toBe(false);
    expect(c.sequenceGenerators.get('enhanced_combinatorial')?.enabled).toBe(name !== 'conservative');
    expect(c.filters.get('eligibility')?.enabled).toBe(false);
  });

  it('minimal properties of §2.10 hold for the reference presets', () => {
    const count = (m: ReadonlyMap<string, { enabled: boolean }>) => [...m.values()].filter((e) => e.enabled).length;
    const cons = parse(fixture('reference-conservative.toml'));
    expect([cons.planner.maxDepth, cons.planner.priorityThreshold]).toEqual([2, 0.5]);
    expect(cons.patterns.get('single_best')?.enabled).toBe(true);
    expect(count(cons.patterns)).toBe(7);
    const agg = parse(fixture('reference-aggressive.toml'));
    expect([agg.planner.maxDepth, agg.planner.priorityThreshold, count(agg.patterns)]).toEqual([7, 0.2, 13]);
    expect(agg.patterns.get('market_regime')?.params).toEqual({ maxDepth: 7, marketRegime: 'bull' });
    const def = parse(fixture('reference-default.toml'));
    expect([def.planner.maxDepth, def.planner.priorityThreshold, count(def.patterns), count(def.calculators)]).toEqual([5, 0.3, 11, 6]);
    // fixed reference quirk: the conservative switches of these generators are honoured
    expect(cons.sequenceGenerators.get('partial_execution')?.enabled).toBe(false);
    expect(cons.filters.get('diversity')?.params).toEqual({ diversityWeight: 0.2, maxSequences: 20 });
  });
});

function issuesOf(toml: string): { path: string; message: string; line?: number }[] {
  try {
    parse(toml);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('PLANNER_CONFIG_INVALID');
    return [...(error as ConfigError).issues];
  }
  throw new Error('expected a ConfigError');
}

function onlyIssue(toml: string) {
  const issues = issuesOf(toml);
  expect(issues).toHaveLength(1);
  return issues[0] as { path: string; message: string; line?: number };
}

describe('parseConfig: errors', () => {
  it('malformed TOML gives the line of the syntax error', () => {
    const i = onlyIssue('[planner]\nmax_depth = = 3\n');
    expect(i.line).toBe(2);
    expect(i.message).toMatch(/^malformed TOML: /);
  });

  it('the error message names the file, key path, line, expected and found', () => {
    try {
      parse('[planner]\nname = "x"\nmax_depth = 12\n');
      throw new Error('no error');
    } catch (error) {
      expect((error as Error).message).toBe(
        'invalid configuration in test.toml: 1 issue(s)\n' +
          '  planner.max_depth (line 3): expected a value at most 10, found 12 (depth above 10 is too expensive, 7 is the recommended maximum)',
      );
    }
  });

  it('an unknown module name lists the known ones', () => {
    const i = onlyIssue('[pattern_generators.singel_best]\nenabled = true\n');
    expect(i).toMatchObject({ path: 'pattern_generators.singel_best', line: 1 });
    expect(i.message).toContain("unknown pattern generator 'singel_best' (known: direct_buy, profit_taking");
    expect(i.message).toContain('single_best');
  });

  it('unknown keys are errors in every table', () => {
    const issues = issuesOf(`
[planner]
max_dept = 3
[compat]
simulation_drops = false
[filters.diversity]
enable = true
[filters.diversity.params]
max_sequence = 10
[extra]
x = 1
`);
    expect(issues.map((i) => [i.path, i.line])).toEqual([
      ['extra', 10],
      ['planner.max_dept', 3],
      ['compat.simulation_drops', 5],
      ['filters.diversity.enable', 7],
      ['filters.diversity.params.max_sequence', 9],
    ]);
    expect(issues[1]?.message).toMatch(/^unknown key 'max_dept' \(known keys: name, description,/);
    expect(issues[4]?.message).toBe("unknown param 'max_sequence' of diversity (known params: diversity_weight, max_sequences)");
  });

  it('wrong types say what was expected and found', () => {
    const issues = issuesOf(`[planner]
max_depth = "5"
allow_sell = 1
market_regime = "up"
[filters.diversity]
enabled = "yes"
[sequence_generators.partial_execution.params]
fill_percentages = 0.5
`);
    const got = issues.map((i) => `${i.path}: ${i.message}`);
    expect(got).toHaveLength(5);
    expect(got).toEqual(expect.arrayContaining([
      'planner.max_depth: expected a number, found string "5"',
      'planner.allow_sell: expected a boolean (true or false), found 1',
      'planner.market_regime: expected one of "bull", "bear", "sideways", found string "up"',
      'sequence_generators.partial_execution.params.fill_percentages: expected an array, found 0.5',
      'filters.diversity.enabled: expected a boolean (true or false), found string "yes"',
    ]));
  });

  it('a non-integer where an integer is expected', () => {
    expect(onlyIssue('[planner]\nmax_depth = 2.5\n').message).toBe('expected an integer, found 2.5');
  });

  it.each([
    ['max_depth = 0', 'planner.max_depth', 'expected a value at least 1, found 0'],
    ['max_depth = 11', 'planner.max_depth', 'expected a value at most 10, found 11 (depth above 10 is too expensive, 7 is the recommended maximum)'],
    ['priority_threshold = 1.01', 'planner.priority_threshold', 'expected a value at most 1, found 1.01'],
    ['priority_threshold = -0.01', 'planner.priority_threshold', 'expected a value at least 0, found -0.01'],
    ['max_opportunities_per_category = -1', 'planner.max_opportunities_per_category', 'expected a value at least 0, found -1'],
    ['transaction_cost_fixed = -0.5', 'planner.transaction_cost_fixed', 'expected a value at least 0, found -0.5'],
    ['transaction_cost_percent = 0.011', 'planner.transaction_cost_percent', 'expected a value at most 0.01, found 0.011 (a cost above 0.01 (1%) seems unusually high)'],
    ['transaction_cost_percent = -0.001', 'planner.transaction_cost_percent', 'expected a value at least 0, found -0.001'],
    ['beam_width = 51', 'planner.beam_width', 'expected a value at most 50, found 51'],
    ['cost_penalty_factor = 1.5', 'planner.cost_penalty_factor', 'expected a value at most 1, found 1.5'],
    ['monte_carlo_path_count = 9', 'planner.monte_carlo_path_count', 'expected a value at least 10, found 9'],
    ['seed = -1', 'planner.seed', 'expected a value at least 0, found -1'],
  ])('out of range: %s', (line, path, message) => {
    expect(onlyIssue(`[planner]\n${line}\n`)).toEqual({ path, message, line: 2 });
  });

  it('allow_sell and allow_buy cannot both be false', () => {
    expect(onlyIssue('[planner]\nallow_sell = false\nallow_buy = false\n')).toEqual({
      path: 'planner.allow_buy', message: 'allow_sell and allow_buy cannot both be false', line: 3,
    });
    expect(parse('[planner]\nallow_sell = false\n').planner.allowSell).toBe(false);
  });

  it('diversity_weight must be in [0, 1] only when diverse selection is on', () => {
    expect(onlyIssue('[planner]\ndiversity_weight = 1.5\n').message).toBe(
      'expected a value from 0 to 1 when enable_diverse_selection is true, found 1.5',
    );
    expect(parse('[planner]\nenable_diverse_selection = false\ndiversity_weight = 1.5\n').planner.diversityWeight).toBe(1.5);
  });

  it('module params are validated by the module schema', () => {
    const i = onlyIssue('[filters.correlation_aware.params]\ncorrelation_threshold = 1.2\n');
    expect(i).toEqual({ path: 'filters.correlation_aware.params.correlation_threshold', message: 'expected a value at most 1, found 1.2', line: 2 });
  });

  it('a pattern enabled without the calculator it needs is an error', () => {
    const off = (names: string[]) => names.map((n) => `[opportunity_calculators.${n}]\nenabled = false\n`).join('');
    expect(onlyIssue(off(['profit_taking']))).toMatchObject({
      path: 'pattern_generators.profit_taking.enabled',
      message: expect.stringContaining('needs the profit_taking calculator'),
    });
    expect(onlyIssue(off(['averaging_down'])).path).toBe('pattern_generators.averaging_down.enabled');
    const issues = issuesOf(off(['rebalance_sells', 'rebalance_buys', 'weight_based']));
    expect(issues.map((i) => i.path)).toEqual(['pattern_generators.rebalance.enabled', 'pattern_generators.deep_rebalance.enabled']);
    // one rebalance calculator is enough; disabling the pattern too is fine
    expect(() => parse(off(['rebalance_sells', 'rebalance_buys']))).not.toThrow();
    expect(() => parse(`${off(['profit_taking'])}[pattern_generators.profit_taking]\nenabled = false\n`)).not.toThrow();
  });

  it('a calculator whose own table has an issue is not also reported as disabled by the patterns that need it', () => {
    // It was: windfall_threshold's type, then "pattern profit_taking is enabled but needs the profit_taking calculator, which is disabled".
    expect(issuesOf('[opportunity_calculators.profit_taking.params]\nwindfall_threshold = "x"\n').map((i) => i.path))
      .toEqual(['opportunity_calculators.profit_taking.params.windfall_threshold']);
    expect(issuesOf('[opportunity_calculators.profit_taking]\nenabled = "no"\n').map((i) => i.path))
      .toEqual(['opportunity_calculators.profit_taking.enabled']);
    // a calculator that is really disabled still is
    expect(issuesOf('[opportunity_calculators.profit_taking]\nenabled = false\n[opportunity_calculators.averaging_down.params]\ndip_threshold = "x"\n').map((i) => i.path))
      .toEqual(['opportunity_calculators.averaging_down.params.dip_threshold', 'pattern_generators.profit_taking.enabled']);
  });

  it('a module section, entry or params that is not a table says what it found', () => {
    expect(issuesOf('opportunity_calculators = 5\n')).toEqual([
      { path: 'opportunity_calculators', message: 'expected a table of opportunity calculators, found 5', line: 1 },
    ]);
    expect(issuesOf('[pattern_generators]\nsingle_best = true\n')).toEqual([
      { path: 'pattern_generators.single_best', message: "expected a table with 'enabled' and 'params', found true", line: 2 },
    ]);
    expect(issuesOf('[filters.diversity]\nparams = [1]\n')).toEqual([
      { path: 'filters.diversity.params', message: 'expected a table of params, found array [1]', line: 2 },
    ]);
  });

  it('plugins must be an array of non-empty specifiers; each bad entry is named', () => {
    expect(issuesOf('plugins = "./mine.js"\n')).toEqual([
      { path: 'plugins', message: 'expected an array of plugin specifiers, found string "./mine.js"', line: 1 },
    ]);
    expect(issuesOf('plugins = ["ok", " ", 3]\n').map((i) => `${i.path}: ${i.message}`)).toEqual([
      'plugins[1]: expected a package name or a path to an ES module, found string " "',
      'plugins[2]: expected a package name or a path to an ES module, found 3',
    ]);
  });

  it('locates keys past multi-line strings, in quoted and dotted forms, and repeated array tables at their first line', () => {
    const issues = issuesOf([
      `"filters".'diversity'.params.max_sequences = "many"`,
      '[planner]',
      'description = """',
      'max_depth = 99 is text here',
      '"""',
      "name = '''one line'''",
      'max_depth = 0',
      '[[extra]]',
      '[[extra]]',
      "[pattern_generators.'adaptive'.params]",
      "max_depth = '''",
      'x = 1',
      "'''",
    ].join('\n'));
    expect(issues.map((i) => [i.path, i.line])).toEqual([
      ['extra', 8],
      ['planner.max_depth', 7],
      ['pattern_generators.adaptive.params.max_depth', 11],
      ['filters.diversity.params.max_sequences', 1],
    ]);
  });

  it('all issues are collected in one error', () => {
    const issues = issuesOf('[planner]\nmax_depth = 0\npriority_threshold = 2\n[filters.nope]\n');
    expect(issues.map((i) => i.path)).toEqual(['planner.max_depth', 'planner.priority_threshold', 'filters.nope']);
    expect(issues.map((i) => i.line)).toEqual([2, 3, 4]);
  });
});

describe('parseConfig: warnings (§2.8)', () => {
  it('warns, without failing, about combinations that may do nothing', () => {
    const c = parse(`[planner]
max_depth = 7
enable_diverse_selection = false
allow_buy = false
[sequence_generators.combinatorial.params]
max_combinations = 150
`);
    expect(c.warnings).toEqual([
      expect.stringContaining("has no 'extends'"),
      'combinatorial generator max_combinations=150 may cause very long planning times',
      expect.stringContaining('correlation_aware filter needs correlation data'),
      'diversity filter is enabled but enable_diverse_selection is false: the filter may have no effect',
      'high computational load: max_depth=7 with 13 patterns may take more than 60 s on a small device',
      'allow_buy is false but buy calculators are enabled: averaging_down, opportunity_buys, rebalance_buys, weight_based; they will have no effect',
    ]);
  });

  it('no warnings when nothing is questionable', () => {
    expect(parse('extends = "default"\n[filters.correlation_aware]\nenabled = false\n').warnings).toEqual([]);
  });
});

describe('pluginsOf / pluginsAndExtendsOf / pluginList (read before the modules are known)', () => {
  it('pluginsAndExtendsOf gives the plugins and the extended file or preset from one parse', () => {
    expect(pluginsAndExtendsOf('extends = "../base.toml"\nplugins = ["./p.js"]\n')).toEqual({ plugins: ['./p.js'], extends: '../base.toml' });
    expect(pluginsAndExtendsOf('extends = "default"\n')).toEqual({ plugins: [], extends: 'default' });
    // anything but a non-blank string is left to the configuration's own load, which words it
    for (const value of ['" "', '3', '["a"]']) expect(pluginsAndExtendsOf(`extends = ${value}\n`).extends).toBeUndefined();
    expect(() => pluginsAndExtendsOf('plugins = 1\n', 'cfg.toml')).toThrow(/cfg\.toml.*\n  plugins: expected an array of plugin specifiers, found/);
    expect(() => pluginsAndExtendsOf('a = \n', 'cfg.toml')).toThrow(/malformed TOML/);
  });

  it('lists the specifiers in file order; none when the key is absent', () => {
    expect(pluginsOf('plugins = ["@acme/planner-momentum", "./local.js"]\n[planner]\nmax_depth = 3\n')).toEqual(['@acme/planner-momentum', './local.js']);
    expect(pluginsOf('[planner]\n')).toEqual([]);
    expect(pluginList(undefined)).toEqual([]);
  });

  it('a bad value or malformed TOML is a ConfigError naming the file and line', () => {
    expect(() => pluginList({ a: 1 }, 'cfg.toml')).toThrow('invalid configuration in cfg.toml: 1 issue(s)\n  plugins: expected an array of plugin specifiers, found a table');
    try {
      pluginsOf('plugins = [\n', 'cfg.toml');
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues[0]).toMatchObject({ path: '', line: 2, message: expect.stringMatching(/^malformed TOML: /) });
    }
  });
});
