/** `[planner]` settings, camelCase (TOML keys are the snake_case forms). */
export interface PlannerSettings {
  readonly name: string;
  readonly description: string;
  readonly enableBatchGeneration: boolean;
  readonly maxDepth: number;
  readonly maxOpportunitiesPerCategory: number;
  readonly priorityThreshold: number;
  readonly enableDiverseSelection: boolean;
  readonly diversityWeight: number;
  readonly transactionCostFixed: number;
  readonly transactionCostPercent: number;
  readonly allowSell: boolean;
  readonly allowBuy: boolean;
  readonly minHoldDays: number;
  readonly sellCooldownDays: number;
  readonly buyCooldownDays: number;
  readonly maxLossThreshold: number;
  readonly minSecurityScore: number;
  readonly beamWidth: number;
  readonly costPenaltyFactor: number;
  readonly enableMultiObjective: boolean;
  readonly enableStochasticScenarios: boolean;
  readonly enableMonteCarloPaths: boolean;
  readonly monteCarloPathCount: number;
  readonly enableMultiTimeframe: boolean;
  readonly enableMarketRegimeScenarios: boolean;
  /** Market regime handed to the `market_regime` pattern. */
  readonly marketRegime: 'bull' | 'bear' | 'sideways';
  /** Seed of the run's random generator. */
  readonly seed: number;
  /** A plan is proposed only when it improves the score by at least this much (display points); 0 = reference behaviour. */
  readonly minImprovement: number;
}

/**
 * Reproduced reference quirks (spec DECISIONS.md). Each defaults to `true`
 * (the reference's behaviour); `false` gives the corrected behaviour.
 */
export interface CompatSwitches {
  /** #3: simulation drops group maps, avg prices and prices after the first action. */
  readonly simulationDropsGroupMaps: boolean;
  /** #4: price-shifted values use the trading-currency price, not value_eur. */
  readonly priceShiftUsesLocalPrice: boolean;
  /** #5: a missing metric is scored as 0.0 instead of its neutral default. */
  readonly missingMetricsAreZero: boolean;
  /** #10: the beam-search plateau counter never resets. */
  readonly beamPlateauNeverResets: boolean;
  /** #22: transaction costs are not deducted from cash during simulation. */
  readonly costsNotDeductedFromCash: boolean;
  /** #23: the diverse-selection re-rank ignores clusters (plain priority order). */
  readonly diverseRerankIgnoresClusters: boolean;
  /** pipeline §1.2: total_value is the invested value only (cash excluded). */
  readonly totalValueExcludesCash: boolean;
  /**
   * #24: the stochastic evaluator scores a symbol held in no unshifted end state of
   * any feasible sequence (a remainder left only under a shifted price) with neutral
   * default metrics: the reference fetched metrics only for the unshifted end states' symbols.
   */
  readonly shiftedRemainderNeutralMetrics: boolean;
  /** #27: weight_based sizes and values a foreign security as if its price were in EUR (no FX), and labels a buy of an unheld one EUR. */
  readonly weightBasedIgnoresFx: boolean;
  /** #27: a step's valueEur is its sizing target (rebalance_sells' unrounded EUR target, the scaled value of partial/relaxed steps), not quantity × price / rate. */
  readonly valueEurNotFromQuantity: boolean;
  /** #27: sells (and weight_based buys) are sized in whole shares, not whole board lots. */
  readonly tradesBreakBoardLot: boolean;
  /** #27: sells that truncate to 0 shares are still proposed (profit_taking, partial/relaxed steps). */
  readonly zeroShareSells: boolean;
}

export const COMPAT_DEFAULTS: CompatSwitches = Object.freeze({
  simulationDropsGroupMaps: true,
  priceShiftUsesLocalPrice: true,
  missingMetricsAreZero: true,
  beamPlateauNeverResets: true,
  costsNotDeductedFromCash: true,
  diverseRerankIgnoresClusters: true,
  totalValueExcludesCash: true,
  shiftedRemainderNeutralMetrics: true,
  weightBasedIgnoresFx: true,
  valueEurNotFromQuantity: true,
  tradesBreakBoardLot: true,
  zeroShareSells: true,
});

/**
 * The switches that decide whether a plan can be executed as shown (DECISIONS.md
 * #22, #27). The shipped presets turn them all off (the executable profile);
 * the others change scores only and may stay as the reference has them.
 */
export const EXECUTABILITY_COMPAT_KEYS: readonly (keyof CompatSwitches)[] = Object.freeze([
  'weightBasedIgnoresFx',
  'valueEurNotFromQuantity',
  'tradesBreakBoardLot',
  'zeroShareSells',
  'costsNotDeductedFromCash',
] as const);

/** The executability switches that are on: the reference quirks a plan made with `compat` reproduces. */
export function executabilityQuirks(compat: CompatSwitches): (keyof CompatSwitches)[] {
  // A loop, not `filter` with a closure: every plan asks.
  const on: (keyof CompatSwitches)[] = [];
  for (const key of EXECUTABILITY_COMPAT_KEYS) if (compat[key]) on.push(key);
  return on;
}

/**
 * One module's entry: whether it runs and its params. `@planner/config` validates
 * the params with the module's own schema (defaults filled, camelCase keys) and
 * the planner trusts them: a configuration built in code must go through
 * `validateConfig` (or `parseConfig`/`mapSliders`, which validate).
 */
export interface ModuleSettings {
  readonly enabled: boolean;
  readonly params: Readonly<Record<string, unknown>>;
}

export type ModuleKind = 'calculator' | 'pattern' | 'sequence_generator' | 'filter' | 'evaluator';

/**
 * Module entries by name; iteration order is the order modules run in
 * (`@planner/config` sorts by each module's `order`, then the others in the order named).
 */
export type ModuleTable = ReadonlyMap<string, ModuleSettings>;

export interface PlannerConfig {
  readonly planner: PlannerSettings;
  readonly calculators: ModuleTable;
  readonly patterns: ModuleTable;
  readonly sequenceGenerators: ModuleTable;
  readonly filters: ModuleTable;
  readonly compat: CompatSwitches;
  /**
   * Name of the evaluator that scores sequences, resolved by `@planner/config`
   * from the `[planner]` evaluation switches; the planner looks it up among its modules.
   */
  readonly evaluator: string;
  /** Non-fatal findings of validation (pipeline.md §2.8 warnings). */
  readonly warnings: readonly string[];
}
