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
  readonly scoreBreakdown: Readonly<Record<string, unknown>>;
  readonly funnel: FunnelCounts;
  /** Milliseconds per stage and per module. Not part of the deterministic content. */
  readonly timings: Readonly<Record<string, number>>;
  readonly diagnostics: readonly Diagnostic[];
  readonly seed: number;
  readonly configName: string;
}
