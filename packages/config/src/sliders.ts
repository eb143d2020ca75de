import {
  ConfigError, type InputIssue, type ModuleSettings, type ModuleTable, type PlannerConfig, type PlannerModule,
  type SliderOutput,
} from '@planner/contracts';
import { findModule } from './modules.js';
import { parseConfig } from './parse.js';
import { dependencyWarnings } from './rules.js';
import { configIssues } from './validate.js';

/** The five UI sliders of pipeline.md §2.7, each in [0, 1]. */
export interface Sliders {
  /** 0 conservative → 1 aggressive. */
  readonly riskAppetite: number;
  /** 0 quick flips → 1 patient. */
  readonly holdDuration: number;
  /** 0 buy dips → 1 buy breakouts. */
  readonly entryStyle: number;
  /** 0 concentrated → 1 diversified. */
  readonly positionSpread: number;
  /** 0 let winners run → 1 take profits early. */
  readonly profitTakingAggressiveness: number;
}

/** The same sliders under their reference (snake_case) names. */
export interface SnakeSliders {
  readonly risk_appetite: number;
  readonly hold_duration: number;
  readonly entry_style: number;
  readonly position_spread: number;
  readonly profit_taking_aggressiveness: number;
}

export type SliderInput = Partial<Sliders> & Partial<SnakeSliders>;

const NAMES: ReadonlyArray<readonly [keyof Sliders, keyof SnakeSliders]> = [
  ['riskAppetite', 'risk_appetite'],
  ['holdDuration', 'hold_duration'],
  ['entryStyle', 'entry_style'],
  ['positionSpread', 'position_spread'],
  ['profitTakingAggressiveness', 'profit_taking_aggressiveness'],
];

// §2.7 formulas; `int()` of the reference is Math.trunc.
export const mapRiskAppetite = (v: number) => ({
  priority_threshold: 0.5 - v * 0.3,
  cost_penalty_factor: 0.2 - v * 0.15,
  max_position_concentration: 0.1 + v * 0.1,
});
export const mapHoldDuration = (v: number) => ({
  min_hold_days: Math.trunc(30 + v * 150),
  profit_taking_threshold: 0.1 + v * 0.3,
});
export const mapEntryStyle = (v: number) => ({
  dip_weight: 1.0 - v,
  breakout_weight: v,
  momentum_threshold: 0.3 + v * 0.6,
});
export const mapPositionSpread = (v: number) => ({
  max_opportunities_per_category: Math.trunc(2 + v * 8),
  diversity_weight: v * 0.5,
  max_position_size: 0.2 - v * 0.1,
});
export const mapProfitTakingAggressiveness = (v: number) => ({
  windfall_threshold: 0.4 - v * 0.25,
  windfall_sell_pct: 0.2 + v * 0.3,
  trailing_stop_distance: 0.15 - v * 0.1,
});

const RECOMMENDATIONS: Readonly<Record<string, Sliders>> = {
  conservative: { riskAppetite: 0.2, holdDuration: 0.9, entryStyle: 0.3, positionSpread: 0.9, profitTakingAggressiveness: 0.4 },
  balanced: { riskAppetite: 0.5, holdDuration: 0.6, entryStyle: 0.5, positionSpread: 0.6, profitTakingAggressiveness: 0.5 },
  aggressive: { riskAppetite: 0.8, holdDuration: 0.3, entryStyle: 0.7, positionSpread: 0.4, profitTakingAggressiveness: 0.7 },
  momentum: { riskAppetite: 0.8, holdDuration: 0.2, entryStyle: 0.9, positionSpread: 0.4, profitTakingAggressiveness: 0.7 },
  dip_buyer: { riskAppetite: 0.5, holdDuration: 0.7, entryStyle: 0.1, positionSpread: 0.6, profitTakingAggressiveness: 0.3 },
  value: { riskAppetite: 0.3, holdDuration: 0.8, entryStyle: 0.2, positionSpread: 0.7, profitTakingAggressiveness: 0.2 },
};

/** Recommended slider set of a strategy; unknown names give `balanced` (reference behaviour). */
export function sliderRecommendations(strategy: string): Sliders {
  return { ...(RECOMMENDATIONS[strategy] ?? (RECOMMENDATIONS.balanced as Sliders)) };
}

function readSliders(input: SliderInput): Partial<Sliders> {
  const issues: InputIssue[] = [];
  const out: Partial<Record<keyof Sliders, number>> = {};
  for (const [camel, snake] of NAMES) {
    const v = input[camel] ?? input[snake];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      issues.push({ path: `sliders.${snake}`, message: `${snake} must be between 0.0 and 1.0, got ${String(v)}` });
      continue;
    }
    out[camel] = v;
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return out;
}

type SliderOutputs = Partial<Record<SliderOutput, number>>;

/** Every output of the given sliders (§2.7 formulas). */
function sliderOutputs(s: Partial<Sliders>): SliderOutputs {
  return {
    ...(s.riskAppetite === undefined ? {} : mapRiskAppetite(s.riskAppetite)),
    ...(s.holdDuration === undefined ? {} : mapHoldDuration(s.holdDuration)),
    ...(s.entryStyle === undefined ? {} : mapEntryStyle(s.entryStyle)),
    ...(s.positionSpread === undefined ? {} : mapPositionSpread(s.positionSpread)),
    ...(s.profitTakingAggressiveness === undefined ? {} : mapProfitTakingAggressiveness(s.profitTakingAggressiveness)),
  };
}

/**
 * Applies the slider outputs to the params each enabled module maps to them
 * (its `sliderParams`, the reference's condition: only enabled modules).
 */
function applyToModules(table: ModuleTable, modules: readonly PlannerModule[], kind: PlannerModule['kind'], outputs: SliderOutputs): ModuleTable {
  let next: Map<string, ModuleSettings> | undefined;
  for (const [name, entry] of table) {
    if (!entry.enabled) continue;
    const mapping = findModule(modules, kind, name)?.sliderParams;
    if (!mapping) continue;
    const set: Record<string, number> = {};
    for (const [param, output] of Object.entries(mapping)) {
      const value = outputs[output];
      if (value !== undefined) set[param] = value;
    }
    if (Object.keys(set).length === 0) continue;
    next ??= new Map(table);
    next.set(name, { enabled: entry.enabled, params: Object.freeze({ ...entry.params, ...set }) });
  }
  return next ?? table;
}

/**
 * Builds a configuration from UI sliders (pipeline.md §2.7 and §7.4): from
 * `base` (default: the model defaults), `risk_appetite` sets
 * priority_threshold, `position_spread` sets max_opportunities_per_category
 * and diversity_weight (the satellite builder), and every enabled module
 * whose `sliderParams` maps a param to a slider output gets that output (the
 * standard modules declare the effects of the reference's
 * `apply_sliders_to_config`: min_hold_days, diversity_weight, windfall_threshold).
 * Outputs no module maps are not applied; the map* functions return them.
 */
export function mapSliders(sliders: SliderInput, options: { modules: readonly PlannerModule[]; base?: PlannerConfig }): PlannerConfig {
  const s = readSliders(sliders);
  const base = options.base ?? parseConfig('', { modules: options.modules });
  const outputs = sliderOutputs(s);
  let planner = base.planner;
  if (s.riskAppetite !== undefined) {
    planner = { ...planner, priorityThreshold: mapRiskAppetite(s.riskAppetite).priority_threshold };
  }
  if (s.positionSpread !== undefined) {
    const spread = mapPositionSpread(s.positionSpread);
    planner = { ...planner, maxOpportunitiesPerCategory: spread.max_opportunities_per_category, diversityWeight: spread.diversity_weight };
  }
  const m = options.modules;
  const config: PlannerConfig = {
    ...base,
    planner,
    calculators: applyToModules(base.calculators, m, 'calculator', outputs),
    patterns: applyToModules(base.patterns, m, 'pattern', outputs),
    sequenceGenerators: applyToModules(base.sequenceGenerators, m, 'sequence_generator', outputs),
    filters: applyToModules(base.filters, m, 'filter', outputs),
    warnings: [],
  };
  const issues = configIssues(config, m);
  if (issues.length > 0) throw new ConfigError(issues);
  return Object.freeze({ ...config, warnings: Object.freeze(dependencyWarnings(config, m)) });
}
