import type { CompatSwitches, EvaluationContext, PlannerSettings, PortfolioContext, SecurityMetrics, Sequence } from '@planner/contracts';
import { type SequenceEvaluation, evaluateEndState } from './evaluate-end-state.js';
import { buildMetricsCache } from './metrics-cache.js';
import { startPortfolio } from './quirks.js';
import { type ScoringSettings, scoringSettings } from './scoring-settings.js';
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
 * full planner's per-sequence evaluation (pipeline.md §5.2 step 16). The
 * evaluators use it for the `detail` breakdown; the tests use it as the oracle
 * of the fast scorer.
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

/** `{symbol: 1 + shift}` for every symbol of the sequence, first-appearance order. */
export function shiftAdjustments(sequence: Sequence, shift: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of sequence) if (!out.has(a.symbol)) out.set(a.symbol, 1.0 + shift);
  return out;
}
