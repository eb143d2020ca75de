import {
  ConfigError, type InputIssue, type ModuleSettings, type ModuleTable, type PlannerConfig, type PlannerModule,
} from '@planner/contracts';
import { declaredKeys, findModule } from './modules.js';
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

/**
 * Sets one module param when the module is enabled (the reference's
 * condition) and declares the param; otherwise records why it was skipped.
 */
function setParam(
  table: ModuleTable, modules: readonly PlannerModule[], kind: PlannerModule['kind'], name: string,
  key: string, value: number, notes: string[],
): ModuleTable {
  const entry = table.get(name);
  if (!entry?.enabled) return table;
  const module = findModule(modules, kind, name);
  const keys = module ? declaredKeys(module.params) : [];
  if (keys && !keys.includes(key)) {
    notes.push(`slider value for ${name}.${key} not applied: ${name} declares no such param`);
    return table;
  }
  const next = new Map<string, ModuleSettings>(table);
  next.set(name, { enabled: entry.enabled, params: Object.freeze({ ...entry.params, [key]: value }) });
  return next;
}

/**
 * Builds a configuration from UI sliders (pipeline.md §2.7 and §7.4): from
 * `base` (default: the model defaults), `risk_appetite` sets
 * priority_threshold, `position_spread` sets max_opportunities_per_category
 * and diversity_weight (the satellite builder), and the module effects of
 * `apply_sliders_to_config` are applied: eligibility min_hold_days,
 * correlation_aware diversity_weight (sic, as the reference) and
 * profit_taking windfall_threshold, each only when that module is enabled.
 * Other slider outputs have no configuration field in the reference and are
 * not applied; the map* functions return them.
 */
export function mapSliders(sliders: SliderInput, options: { modules: readonly PlannerModule[]; base?: PlannerConfig }): PlannerConfig {
  const s = readSliders(sliders);
  const base = options.base ?? parseConfig('', { modules: options.modules });
  const notes: string[] = [];
  let planner = base.planner;
  let { calculators, filters } = base;
  if (s.riskAppetite !== undefined) {
    planner = { ...planner, priorityThreshold: mapRiskAppetite(s.riskAppetite).priority_threshold };
  }
  if (s.holdDuration !== undefined) {
    filters = setParam(filters, options.modules, 'filter', 'eligibility', 'minHoldDays', mapHoldDuration(s.holdDuration).min_hold_days, notes);
  }
  if (s.positionSpread !== undefined) {
    const spread = mapPositionSpread(s.positionSpread);
    planner = { ...planner, maxOpportunitiesPerCategory: spread.max_opportunities_per_category, diversityWeight: spread.diversity_weight };
    filters = setParam(filters, options.modules, 'filter', 'correlation_aware', 'diversityWeight', spread.diversity_weight, notes);
  }
  if (s.profitTakingAggressiveness !== undefined) {
    const v = mapProfitTakingAggressiveness(s.profitTakingAggressiveness).windfall_threshold;
    calculators = setParam(calculators, options.modules, 'calculator', 'profit_taking', 'windfallThreshold', v, notes);
  }
  const config: PlannerConfig = { ...base, planner, calculators, filters, warnings: [] };
  const issues = configIssues(config, options.modules);
  if (issues.length > 0) throw new ConfigError(issues);
  return Object.freeze({ ...config, warnings: Object.freeze([...dependencyWarnings(config), ...notes]) });
}
