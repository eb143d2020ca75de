import type { CompatSwitches } from './config.js';
import type { Position, Security, SecurityMetrics, Side } from './domain.js';

/**
 * The scored state of a portfolio (spec pipeline.md §1.2). Position values are
 * in EUR. Maps keep insertion order, which is part of the behaviour.
 */
export interface PortfolioContext {
  readonly countryWeights: ReadonlyMap<string, number>;
  readonly industryWeights: ReadonlyMap<string, number>;
  /** symbol -> position value in EUR. */
  readonly positions: ReadonlyMap<string, number>;
  /** Denominator of every weight; constant during simulation. */
  readonly totalValue: number;
  readonly securityCountries: ReadonlyMap<string, string>;
  readonly securityIndustries: ReadonlyMap<string, string>;
  readonly securityScores: ReadonlyMap<string, number>;
  readonly securityDividends: ReadonlyMap<string, number>;
  readonly countryToGroup: ReadonlyMap<string, string>;
  readonly industryToGroup: ReadonlyMap<string, string>;
  readonly positionAvgPrices: ReadonlyMap<string, number>;
  readonly currentPrices: ReadonlyMap<string, number>;
}

/** A held position with the derived values the pipeline reads. */
export interface PositionView extends Position {
  /** Trading currency (the security's). */
  readonly currency: string;
  /** `currentPrice` of the snapshot, else the security's price. */
  readonly markPrice: number;
  readonly marketValueEur: number;
}

/** Last trade dates per symbol (naive `YYYY-MM-DDTHH:MM:SS` strings). */
export interface TradeDates {
  readonly lastBuy?: string;
  readonly lastSell?: string;
  /** Latest trade of either side. */
  readonly last?: string;
}

/** Rule settings the context builder applies (from `[planner]`). */
export interface ContextSettings {
  readonly transactionCostFixed: number;
  readonly transactionCostPercent: number;
  readonly allowBuy: boolean;
  readonly allowSell: boolean;
  readonly minHoldDays: number;
  readonly sellCooldownDays: number;
  readonly buyCooldownDays: number;
  readonly maxLossThreshold: number;
  readonly minSecurityScore: number;
}

/** What evaluation needs: the start state and the universe, indexed once per snapshot. */
export interface EvaluationContext {
  /** Planning clock, ISO string as in the snapshot. */
  readonly asOf: string;
  /** Planning clock as naive-UTC epoch milliseconds. */
  readonly asOfMs: number;
  readonly baseCurrency: string;
  readonly portfolio: PortfolioContext;
  readonly positions: readonly PositionView[];
  readonly positionsBySymbol: ReadonlyMap<string, PositionView>;
  readonly securities: readonly Security[];
  readonly securitiesBySymbol: ReadonlyMap<string, Security>;
  /** symbol -> index into `securities`; the integer key of every hot loop. */
  readonly symbolIndex: ReadonlyMap<string, number>;
  readonly availableCashEur: number;
  readonly totalPortfolioValueEur: number;
  /** Securities with a positive price: symbol -> native price. */
  readonly currentPrices: ReadonlyMap<string, number>;
  /** symbol -> metrics as given in the snapshot (missing metric = absent key). */
  readonly metrics: ReadonlyMap<string, SecurityMetrics>;
  readonly transactionCostFixed: number;
  readonly transactionCostPercent: number;
  /** Units of `currency` per 1 EUR; 1 for EUR and unknown currencies. */
  fxRate(currency: string): number;
}

/** What calculators, patterns, generators and filters receive (spec modules-calculators.md §1.1, §1.4). */
export interface OpportunityContext extends EvaluationContext {
  /** Quotes for heuristic buys: securities with a positive price. */
  readonly buyPrices: ReadonlyMap<string, number>;
  /** CAGR_5Y, else CAGR_10Y, else 0.10. */
  readonly historicalCagr: ReadonlyMap<string, number>;
  readonly securityScores: ReadonlyMap<string, number>;
  /** Country group -> current fraction of total value. */
  readonly countryAllocations: ReadonlyMap<string, number>;
  /** Industry group -> current fraction of total value. */
  readonly industryAllocations: ReadonlyMap<string, number>;
  readonly countryToGroup: ReadonlyMap<string, string>;
  readonly countryWeights: ReadonlyMap<string, number>;
  /** Optimizer targets; empty when the snapshot has none. */
  readonly targetWeights: ReadonlyMap<string, number>;
  /** True when target weights and current prices are both non-empty. */
  readonly weightBasedMode: boolean;
  readonly ineligibleSymbols: ReadonlySet<string>;
  readonly recentlySold: ReadonlySet<string>;
  readonly recentlyBought: ReadonlySet<string>;
  readonly tradeDates: ReadonlyMap<string, TradeDates>;
  readonly allowSell: boolean;
  readonly allowBuy: boolean;
  /** Minimum worthwhile heuristic trade, `fixed / (0.01 - percent)` or 1000. */
  readonly baseTradeAmountEur: number;
  readonly minSecurityScore: number;
  /** Pairwise return correlations from `priceHistory`, keyed `"A:B"` both ways; empty without history. */
  readonly correlations: ReadonlyMap<string, number>;
  readonly settings: ContextSettings;
  /**
   * The run's `[compat]` switches, for modules that reproduce a quirk (a module
   * reads them here, never from the configuration). Absent: the reference's
   * behaviour (COMPAT_DEFAULTS).
   */
  readonly compat?: CompatSwitches;
}

/** A side-agnostic view used by helpers that create candidates. */
export interface CandidateDraft {
  readonly side: Side;
  readonly symbol: string;
  readonly quantity: number;
  readonly price: number;
}

/** How sequences are scored (spec modules-calculators.md §1.3). */
export type EvaluationMode = 'single_objective' | 'multi_objective' | 'stochastic' | 'monte_carlo';

/**
 * The two contexts plus the search settings (spec modules-calculators.md §1.3).
 * The reference defined it without using it; it is built for callers that want
 * one value describing a planning run.
 */
export interface PlannerContext {
  readonly opportunity: OpportunityContext;
  readonly evaluation: EvaluationContext;
  readonly maxDepth: number;
  readonly maxOpportunitiesPerCategory: number;
  readonly priorityThreshold: number;
  readonly enableDiverseSelection: boolean;
  readonly diversityWeight: number;
  readonly beamWidth: number;
  readonly evaluationMode: EvaluationMode;
  readonly stochasticPriceShifts: readonly number[];
  readonly monteCarloPathCount: number;
  readonly enableCombinatorial: boolean;
  readonly enableAdaptivePatterns: boolean;
}
