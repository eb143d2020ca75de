import type { NumbersPending } from '@planner/context';
import { calculateTransactionCost, pyRound } from '@planner/context';
import type { HealthScore, PortfolioContext, SecurityMetrics, Sequence } from '@planner/contracts';
import { costPenalty, multiTimeframeBreakdown, multiTimeframeScore } from './adjustments.js';
import { endStateScore } from './end-state.js';
import { healthScore } from './health-score.js';
import type { ScoringSettings } from './scoring-settings.js';

/** One scored end state: what the full planner's `_evaluate_sequence` returns, plus the §4.7 objectives. */
export interface SequenceEvaluation {
  /** Unrounded, after multi-timeframe and cost penalty. */
  readonly score: number;
  readonly breakdown: Record<string, unknown>;
  readonly health: HealthScore;
  /** `breakdown.multi_objective` values: health total / 100 (3 dp), stability (3 dp), cost (2 dp). */
  readonly diversificationScore: number;
  readonly riskScore: number;
  readonly transactionCost: number;
}

/**
 * Scores a simulated end state as the full planner does (pipeline.md §5.2
 * step 16): health -> end-state score -> multi-timeframe -> cost penalty ->
 * risk score and `multi_objective` -> `price_scenario`.
 */
export function evaluateEndState(
  end: PortfolioContext,
  sequence: Sequence,
  metrics: ReadonlyMap<string, SecurityMetrics>,
  settings: ScoringSettings,
  priceAdjustments?: ReadonlyMap<string, number>,
): SequenceEvaluation {
  const health = healthScore(end);
  const endState = endStateScore(end.positions, end.totalValue, health.total / 100, metrics);
  const totalCost = calculateTransactionCost(sequence, settings.transactionCostFixed, settings.transactionCostPercent);
  const breakdown = endState.breakdown;
  const adjusted = adjustEndState(endState.score, breakdown, health.total, end.totalValue, totalCost, settings, priceAdjustments);
  return { ...adjusted, breakdown, health };
}

/** The objectives of one evaluation, as `adjustEndState` derives them. */
export type AdjustedScore = Pick<SequenceEvaluation, 'score' | 'diversificationScore' | 'riskScore' | 'transactionCost'>;

/**
 * The steps after the end-state score: multi-timeframe, cost penalty,
 * `multi_objective`, `price_scenario`. Adds their entries to `breakdown`
 * (an end-state breakdown), in the reference's key order. Shared by the
 * straightforward path and the fast scorer's detailed mode.
 */
export function adjustEndState(
  endScore: number,
  breakdown: Record<string, unknown>,
  healthTotal: number,
  totalValue: number,
  totalCost: number,
  settings: ScoringSettings,
  priceAdjustments?: ReadonlyMap<string, number>,
): AdjustedScore {
  let score = endScore;
  if (settings.multiTimeframe) {
    breakdown.multi_timeframe = multiTimeframeBreakdown(score);
    score = multiTimeframeScore(score);
  }

  if (settings.costPenaltyFactor > 0.0 && totalValue > 0) {
    const penalty = costPenalty(totalCost, totalValue, settings.costPenaltyFactor);
    score = Math.max(0.0, score - penalty);
    // The numbers are written after the literals here (NumbersPending, @planner/context).
    const cost: Record<string, number | null> = { total_cost_eur: null, cost_penalty: null, adjusted_score: null };
    cost.total_cost_eur = pyRound(totalCost, 2);
    cost.cost_penalty = pyRound(penalty, 4);
    cost.adjusted_score = pyRound(score, 3);
    breakdown.transaction_cost = cost;
  }

  const stability = breakdown.stability as { weighted_score?: unknown } | undefined;
  const risk = typeof stability?.weighted_score === 'number' ? stability.weighted_score : 0.5;
  const multiObjective: NumbersPending<Record<'end_score' | 'diversification_score' | 'risk_score' | 'transaction_cost', number>> = {
    end_score: null,
    diversification_score: null,
    risk_score: null,
    transaction_cost: null,
  };
  multiObjective.end_score = pyRound(score, 3);
  const diversificationScore = (multiObjective.diversification_score = pyRound(healthTotal / 100, 3));
  const riskScore = (multiObjective.risk_score = pyRound(risk, 3));
  const transactionCost = (multiObjective.transaction_cost = pyRound(totalCost, 2));
  breakdown.multi_objective = multiObjective;

  if (priceAdjustments !== undefined && priceAdjustments.size > 0) {
    // Keyed by symbol: without a prototype while filled, a symbol named `__proto__`
    // is an own key (an assignment to a plain object would re-parent it instead).
    const adjustments = Object.create(null) as Record<string, number>;
    for (const [symbol, m] of priceAdjustments) adjustments[symbol] = pyRound(m, 3);
    breakdown.price_scenario = { adjustments: Object.setPrototypeOf(adjustments, Object.prototype) as Record<string, number> };
  }

  const adjusted: NumbersPending<AdjustedScore> = { score: null, diversificationScore: null, riskScore: null, transactionCost: null };
  adjusted.score = score;
  adjusted.diversificationScore = diversificationScore;
  adjusted.riskScore = riskScore;
  adjusted.transactionCost = transactionCost;
  return adjusted as AdjustedScore;
}
