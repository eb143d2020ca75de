import type { CompatSwitches, EvaluationContext, PlannerSettings, PortfolioContext, SecurityMetrics, Sequence } from '@planner/contracts';
import { type SequenceEvaluation, evaluateEndState } from '../src/evaluate-end-state.js';
import { buildMetricsCache } from '../src/metrics-cache.js';
import { startPortfolio } from '../src/quirks.js';
import { type ScoringSettings, scoringSettings } from '../src/scoring-settings.js';
import { simulateSequence } from './simulate.js';

/** What scoring one snapshot needs besides the context. */
export interface ScoringInputs {
  readonly start: PortfolioContext;
  readonly metrics: ReadonlyMap<string, SecurityMetrics>;
  readonly settings: ScoringSettings;
}

export function scoringInputs(
  ctx: EvaluationContext,
  setup: { readonly settings: PlannerSettings; readonly compat: CompatSwitches },
): ScoringInputs {
  return {
    start: startPortfolio(ctx, setup.compat),
    metrics: buildMetricsCache(ctx, setup.compat),
    settings: scoringSettings(ctx, setup),
  };
}

/**
 * Simulates and scores one sequence with the straightforward helpers: the
 * full planner's per-sequence evaluation (pipeline.md §5.2 step 16), written
 * as the spec reads. The oracle the fast scorer is tested against.
 */
export function evaluateStraightforward(
  ctx: Pick<EvaluationContext, 'availableCashEur' | 'securitiesBySymbol'>,
  inputs: ScoringInputs,
  sequence: Sequence,
  priceAdjustments?: ReadonlyMap<string, number>,
): SequenceEvaluation {
  const s = inputs.settings;
  const { portfolio } = simulateSequence(sequence, inputs.start, ctx.availableCashEur, ctx.securitiesBySymbol, {
    ...(priceAdjustments !== undefined ? { priceAdjustments } : {}),
    compat: s.compat,
    transactionCostFixed: s.transactionCostFixed,
    transactionCostPercent: s.transactionCostPercent,
  });
  return evaluateEndState(portfolio, sequence, inputs.metrics, s, priceAdjustments);
}
