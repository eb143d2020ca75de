import type { Side } from './domain.js';

/** Portfolio health score (pipeline.md §4.1), components and total on 0..100, one decimal. */
export interface HealthScore {
  readonly diversification: number;
  readonly dividend: number;
  readonly quality: number;
  readonly total: number;
}

/** The result of evaluating one sequence. */
export interface EvaluationResult {
  /** Final score on the internal 0..1 scale (unrounded; may exceed 1 with multi-timeframe). */
  readonly score: number;
  readonly diversificationScore: number;
  readonly riskScore: number;
  readonly transactionCost: number;
  readonly breakdown?: Readonly<Record<string, unknown>>;
}

export interface PlanStep {
  readonly stepNumber: number;
  readonly side: Side;
  readonly symbol: string;
  readonly name: string;
  readonly quantity: number;
  /** Native price used for the trade. */
  readonly price: number;
  readonly currency: string;
  /** Trade value in EUR, unrounded. */
  readonly valueEur: number;
  readonly reason: string;
  readonly narrative: string;
  readonly tags: readonly string[];
  readonly isWindfall: boolean;
  readonly isAveragingDown: boolean;
}

export interface FunnelCounts {
  readonly opportunities: number;
  readonly opportunitiesByModule: Readonly<Record<string, number>>;
  readonly generated: number;
  readonly sequencesByModule: Readonly<Record<string, number>>;
  readonly afterDedup: number;
  readonly afterFilters: number;
  readonly feasible: number;
  readonly evaluated: number;
}

export interface Diagnostic {
  readonly level: 'warning' | 'error';
  readonly module?: string;
  readonly message: string;
}

/** What a step breaks when checked against the snapshot at true values. */
export type PlanViolationRule = 'quantity' | 'lot' | 'flags' | 'held' | 'cash' | 'value' | 'currency' | 'unknown';

export interface PlanViolation {
  /** 1-based step number. */
  readonly step: number;
  readonly rule: PlanViolationRule;
  readonly message: string;
}

/**
 * The plan checked against the snapshot at true values (each step at
 * quantity × price / rate of the security's currency), whatever the `[compat]`
 * switches say (issue 13).
 */
export interface PlanExecution {
  /** No violation: the steps can be sent to a broker as shown. */
  readonly executable: boolean;
  readonly violations: readonly PlanViolation[];
  /** Cash per currency after the last step, native units: the snapshot's cash plus sells minus buys in each trading currency, costs taken in the base currency when deducted. */
  readonly cashAfter: Readonly<Record<string, number>>;
  /** Cash available to the plan (snapshot cash in EUR minus the reserve) after the last step, EUR. */
  readonly cashAfterEur: number;
  /** Transaction costs of the steps, EUR (fixed + percent × true value per step). */
  readonly costsEur: number;
  /** Whether the cash walk took the costs (false when `costs_not_deducted_from_cash` reproduces the reference). */
  readonly costsDeducted: boolean;
  /** The executability `[compat]` switches that were on (camelCase keys of CompatSwitches): the reference quirks this plan reproduces. */
  readonly quirks: readonly string[];
}

/**
 * A plan. Its top level carries every field of a reference output
 * (docs/scenarios/FORMAT.md) under the same names, on the reference's display scale.
 */
export interface Plan {
  readonly steps: readonly PlanStep[];
  /** Health score of the current holdings, 0..100, one decimal. */
  readonly currentScore: number;
  /** Winning end-state score x100, two decimals. */
  readonly endStateScore: number;
  readonly improvement: number;
  readonly cashRequired: number;
  readonly cashGenerated: number;
  readonly feasible: boolean;
  readonly narrative: string;
  readonly availableCashEur: number;
  readonly currentBreakdown: HealthScore;
  /**
   * The evaluator's breakdown of the winning end state (components with
   * `score` or `weighted_score`, `weight` and `contribution`, then the
   * adjustments); `{}` when there are no steps.
   */
  readonly scoreBreakdown: Readonly<Record<string, unknown>>;
  /**
   * The same breakdown for the current portfolio: the end state of the empty
   * sequence, scored by the plan's evaluator with its weights, so that each
   * component can be compared before and after. Present with or without steps;
   * absent only on plans made before it existed.
   */
  readonly currentScoreBreakdown?: Readonly<Record<string, unknown>>;
  readonly funnel: FunnelCounts;
  /** Milliseconds per stage and per module. Not part of the deterministic content. */
  readonly timings: Readonly<Record<string, number>>;
  readonly diagnostics: readonly Diagnostic[];
  readonly seed: number;
  readonly configName: string;
  /** The check at true values (issue 13); absent only on plans made before it existed. */
  readonly execution?: PlanExecution;
}
