import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { ConfigError } from '@planner/contracts';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { loadPreset, parseConfig, presetNames, presetText } from '../src/index.js';
import { CompatSectionSchema, compatFromSection, PlannerSectionSchema, plannerFromSection } from '../src/planner-settings.js';
import { presetSettings, presetTables } from '../src/presets.js';
import { loadConfig, presetPath } from '../src/node.js';
import { modules } from './fixtures.js';

const enabled = (m: ReadonlyMap<string, { enabled: boolean }>) => [...m].filter(([, e]) => e.enabled).map(([n]) => n);

describe('presets', () => {
  it('ships default, conservative and aggressive', () => {
    expect(presetNames()).toEqual(['aggressive', 'conservative', 'default']);
  });

  it('the preset texts the core parses (src/preset-data.ts) are the files (regenerate: pnpm generate:presets)', () => {
    const files = readdirSync(new URL('../presets/', import.meta.url)).filter((f) => f.endsWith('.toml')).map((f) => f.slice(0, -5));
    expect(presetNames()).toEqual(files.sort());
    for (const name of presetNames()) expect(presetText(name)).toBe(readFileSync(presetPath(name), 'utf8'));
  });

  it('the tables parsed at build time (src/preset-data.ts) are the texts parsed now (regenerate: pnpm generate:presets)', () => {
    // Key order decides module order and messages, and tables have no prototype, as smol-toml makes them.
    const shape = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(shape);
      if (v === null || typeof v !== 'object') return v;
      return { proto: Object.getPrototypeOf(v), entries: Object.entries(v).map(([k, x]) => [k, shape(x)]) };
    };
    for (const name of presetNames()) {
      const parsed = parseToml(presetText(name));
      expect(shape(presetTables(name))).toEqual(shape(parsed));
      expect(presetTables(name)).not.toBe(presetTables(name)); // a new copy each time: callers may change theirs
    }
    expect(() => presetTables('toString')).toThrow(/unknown preset 'toString'/);
  });

  it('the [planner] and [compat] settings resolved at build time are what the schemas make of the texts now (regenerate: pnpm generate:presets)', () => {
    for (const name of presetNames()) {
      const tables = parseToml(presetText(name)) as Record<string, unknown>;
      const now = {
        planner: plannerFromSection(PlannerSectionSchema.parse(tables.planner)),
        compat: compatFromSection(CompatSectionSchema.parse(tables.compat)),
      };
      // key order included: `config show` writes the settings in it
      expect(JSON.stringify(presetSettings(name))).toBe(JSON.stringify(now));
      expect(presetSettings(name)?.planner).not.toBe(presetSettings(name)?.planner);
      expect(loadPreset(name, { modules }).planner).toEqual(now.planner);
    }
    expect(() => presetSettings('constructor')).toThrow(/unknown preset 'constructor'/);
  });

  it('a file that extends a preset and changes nothing resolves to the preset', () => {
    for (const name of presetNames()) {
      const { warnings: _a, ...viaExtends } = parseConfig(`extends = "${name}"\n`, { modules });
      const { warnings: _b, ...preset } = loadPreset(name, { modules });
      expect(viaExtends).toEqual(preset);
    }
  });

  it('the root presets/ files are the package files', () => {
    for (const name of presetNames()) {
      const root = new URL(`../../../presets/${name}.toml`, import.meta.url);
      expect(realpathSync(root)).toBe(realpathSync(presetPath(name)));
    }
  });

  it('default: every value of §2.6', () => {
    const c = loadPreset('default', { modules });
    expect(c.planner).toMatchObject({
      name: 'default', description: 'Standard planner with all features enabled', maxDepth: 5,
      maxOpportunitiesPerCategory: 5, priorityThreshold: 0.3, diversityWeight: 0.3, transactionCostFixed: 2.0,
      transactionCostPercent: 0.002, minHoldDays: 90, sellCooldownDays: 180, maxLossThreshold: -0.2, beamWidth: 10,
      costPenaltyFactor: 0.1, enableMultiObjective: false, monteCarloPathCount: 100,
    });
    expect(c.calculators.get('profit_taking')?.params).toEqual({ windfallThreshold: 0.3, priorityWeight: 1.2 });
    expect(c.calculators.get('weight_based')?.params).toEqual({ minGapThreshold: 0.01, transactionCostFixed: 2, transactionCostPercent: 0.002 });
    expect(enabled(c.patterns)).toHaveLength(11);
    expect(c.patterns.get('single_best')?.params).toEqual({ maxDepth: 1 });
    expect(enabled(c.sequenceGenerators)).toEqual(['enhanced_combinatorial']);
    expect(c.sequenceGenerators.get('constraint_relaxation')?.params).toEqual({
      relaxAllowSell: true, relaxMinLot: true, relaxMaxPosition: false, relaxCooldown: false,
    });
    expect(c.filters.get('recently_traded')?.params).toEqual({ buyCooldownDays: 30, sellCooldownDays: 180 });
  });

  it('conservative: every value of §2.6', () => {
    const c = loadPreset('conservative', { modules });
    expect(c.planner).toMatchObject({
      maxDepth: 2, maxOpportunitiesPerCategory: 3, priorityThreshold: 0.5, diversityWeight: 0.2, minHoldDays: 120,
      sellCooldownDays: 240, maxLossThreshold: -0.15, beamWidth: 5, costPenaltyFactor: 0.15, monteCarloPathCount: 50,
    });
    expect(enabled(c.calculators)).toEqual(['profit_taking', 'opportunity_buys', 'rebalance_sells', 'rebalance_buys']);
    expect(c.calculators.get('averaging_down')?.params).toEqual({ dipThreshold: -0.3, minQualityScore: 0.8, priorityWeight: 0.8 });
    expect(enabled(c.patterns)).toEqual(['direct_buy', 'profit_taking', 'rebalance', 'single_best', 'opportunity_first', 'cash_generation', 'cost_optimized']);
    expect(enabled(c.sequenceGenerators)).toEqual([]);
    expect(c.sequenceGenerators.get('partial_execution')?.params).toEqual({ fillPercentages: [1.0] });
    expect(c.filters.get('correlation_aware')?.params).toEqual({ correlationThreshold: 0.6 });
    expect(c.filters.get('recently_traded')?.params).toEqual({ buyCooldownDays: 60, sellCooldownDays: 240 });
  });

  it('aggressive: every value of §2.6', () => {
    const c = loadPreset('aggressive', { modules });
    expect(c.planner).toMatchObject({
      maxDepth: 7, maxOpportunitiesPerCategory: 10, priorityThreshold: 0.2, diversityWeight: 0.4, minHoldDays: 60,
      sellCooldownDays: 120, maxLossThreshold: -0.25, beamWidth: 20, costPenaltyFactor: 0.05,
      enableMultiObjective: true, enableStochasticScenarios: true, enableMonteCarloPaths: false,
      monteCarloPathCount: 200, enableMultiTimeframe: true, enableMarketRegimeScenarios: true,
    });
    expect(enabled(c.patterns)).toHaveLength(13);
    expect(c.patterns.get('market_regime')?.params).toEqual({ maxDepth: 7, marketRegime: 'bull' });
    expect(enabled(c.sequenceGenerators)).toEqual(['enhanced_combinatorial', 'partial_execution', 'constraint_relaxation']);
    expect(c.sequenceGenerators.get('enhanced_combinatorial')?.params).toEqual({
      maxSells: 5, maxBuys: 5, priorityThreshold: 0.2, maxSteps: 7, maxCombinations: 100, maxCandidates: 20,
    });
    expect(c.filters.get('diversity')?.params).toEqual({ diversityWeight: 0.4, maxSequences: 100 });
  });

  it('an unknown preset lists the known ones', () => {
    for (const f of [presetText, presetPath, (n: string) => loadPreset(n, { modules })]) {
      expect(() => f('bold')).toThrow(/unknown preset 'bold' \(known: aggressive, conservative, default\)/);
    }
    expect(() => presetText('toString')).toThrow(/unknown preset 'toString'/);
    expect(() => presetPath('../presets/default')).toThrow(/unknown preset/);
  });

  it('loadPreset parses the carried text, and loadConfig of the file gives the same config', () => {
    for (const name of presetNames()) {
      const { warnings: _a, ...fromData } = loadPreset(name, { modules });
      const { warnings: _b, ...fromFile } = loadConfig(presetPath(name), { modules });
      expect(fromData).toEqual(fromFile);
    }
  });

  it('a preset error names the preset', () => {
    expect(() => loadPreset('default', { modules: [] })).toThrow(/in preset 'default': /);
  });

  it('a missing file is a ConfigError naming it', () => {
    try {
      loadConfig('/nonexistent/x.toml', { modules });
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('/nonexistent/x.toml');
      expect((error as Error).message).toContain('file not found');
    }
  });

  it('loadConfig names the file in errors', () => {
    const path = presetPath('default');
    expect(readFileSync(path, 'utf8')).toContain('[planner]');
    expect(() => loadConfig(path, { modules: [] })).toThrow(new RegExp(`in ${path}: .*\\n.*unknown opportunity calculator 'profit_taking' \\(known: none\\)`));
  });
});
