import { pyRound } from '@planner/context';
import type { SecurityMetrics } from '@planner/contracts';
import { longTermPromiseValue, stabilityValue, totalReturnValue } from './metric-scores.js';

/** Balanced profile, the only one the planner uses (pipeline.md §4.2). */
export const END_STATE_WEIGHTS = Object.freeze({
  totalReturn: 0.35,
  diversification: 0.25,
  longTermPromise: 0.2,
  stability: 0.15,
  opinion: 0.05,
});

/** Analyst opinion is not modelled: the reference always passes 0.5. */
export const OPINION_SCORE = 0.5;

export interface EndStateResult {
  /** `round(min(1, E), 3)`; 0.5 for an invalid portfolio. */
  readonly score: number;
  readonly breakdown: Record<string, unknown>;
}

const NO_METRICS: SecurityMetrics = Object.freeze({});

/**
 * End-state score on 0..1 (pipeline.md §4.2, reference
 * `calculate_portfolio_end_state_score`), written as the reference does it.
 * `positions` are EUR values in the reference dict order; `metrics` is the
 * metrics cache (`buildMetricsCache`).
 */
export function endStateScore(
  positions: ReadonlyMap<string, number>,
  totalValue: number,
  diversificationScore: number,
  metrics: ReadonlyMap<string, SecurityMetrics>,
): EndStateResult {
  if (totalValue <= 0 || positions.size === 0) return { score: 0.5, breakdown: invalidEndStateBreakdown() };

  let weightedTotalReturn = 0.0;
  let weightedPromise = 0.0;
  let weightedStability = 0.0;
  for (const [symbol, value] of positions) {
    if (value <= 0) continue;
    const weight = value / totalValue;
    const m = metrics.get(symbol) ?? NO_METRICS;
    weightedTotalReturn += totalReturnValue(m) * weight;
    weightedPromise += longTermPromiseValue(m) * weight;
    weightedStability += stabilityValue(m) * weight;
  }

  const W = END_STATE_WEIGHTS;
  const raw =
    weightedTotalReturn * W.totalReturn +
    diversificationScore * W.diversification +
    weightedPromise * W.longTermPromise +
    weightedStability * W.stability +
    OPINION_SCORE * W.opinion;
  const breakdown = endStateBreakdown(weightedTotalReturn, diversificationScore, weightedPromise, weightedStability, raw);
  return { score: pyRound(Math.min(1.0, raw), 3), breakdown };
}

/** The breakdown of a valid end state; the fast scorer's detailed mode builds the same object. */
export function endStateBreakdown(
  weightedTotalReturn: number,
  diversificationScore: number,
  weightedPromise: number,
  weightedStability: number,
  raw: number,
): Record<string, unknown> {
  const W = END_STATE_WEIGHTS;
  return {
    total_return: component('weighted_score', weightedTotalReturn, W.totalReturn),
    diversification: component('score', diversificationScore, W.diversification),
    long_term_promise: component('weighted_score', weightedPromise, W.longTermPromise),
    stability: component('weighted_score', weightedStability, W.stability),
    opinion: component('score', OPINION_SCORE, W.opinion),
    end_state_score: pyRound(raw, 3),
    risk_profile: 'balanced',
  };
}

/** Breakdown of an invalid end state (no total value or no position). */
export function invalidEndStateBreakdown(): Record<string, unknown> {
  return { error: 'Invalid portfolio data' };
}

/** One breakdown entry; the reference names a weighted average `weighted_score` and a plain one `score`. */
function component(key: 'score' | 'weighted_score', value: number, weight: number): Record<string, number> {
  // Two literals, not `{ [key]: ... }`: a computed key takes V8's slow object-literal path (two breakdowns per plan).
  // The numbers are written after the literal (NumbersPending, @planner/context).
  const c: Record<string, number | null> =
    key === 'score' ? { score: null, weight: null, contribution: null } : { weighted_score: null, weight: null, contribution: null };
  c[key] = pyRound(value, 3);
  c.weight = weight;
  c.contribution = pyRound(value * weight, 3);
  return c as Record<string, number>;
}
