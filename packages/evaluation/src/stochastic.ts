import { pyRound } from '@planner/context';
import { defineEvaluator } from '@planner/contracts';
import type { EvaluationResult } from '@planner/contracts';
import * as z from 'zod/mini';
import { evaluationResult } from './evaluation-result.js';
import { symbolsOutsideBaseEndStates } from '#base-end-states';
import { ScorerTables } from '#fast-scorer';
import { shiftAdjustments } from './shift-adjustments.js';

export const DEFAULT_SHIFTS: readonly number[] = Object.freeze([-0.1, -0.05, 0.0, 0.05, 0.1]);

export const StochasticParamsSchema = z.object({
  /** Price shifts; every symbol of the sequence gets the multiplier 1 + shift. */
  shifts: z._default(z.array(z.number().check(z.gt(-1))).check(z.minLength(1)), [...DEFAULT_SHIFTS]),
  /** final = worstWeight·worst + averageWeight·avg (the full planner's local rule). */
  worstWeight: z._default(z.number().check(z.minimum(0)), 0.6),
  averageWeight: z._default(z.number().check(z.minimum(0)), 0.4),
});

/**
 * Scores each sequence under uniform price shifts of its symbols and
 * aggregates towards the worst case (pipeline.md §4.5, local backend).
 */
export const stochastic = defineEvaluator({
  name: 'stochastic',
  description: 'Re-simulates each sequence under price shifts of its symbols; final = 0.6·worst + 0.4·average',
  params: StochasticParamsSchema,
  prepareSnapshot: (ctx, setup) => new ScorerTables(ctx, setup),
  prepare(ctx, setup, params) {
    const scorer = ScorerTables.scorer(ctx, setup);
    const shifts = params.shifts;
    // The breakdown and the other objectives come from the unshifted scenario
    // (the reference's index 2 of its five shifts).
    const zero = shifts.indexOf(0);
    const base = zero >= 0 ? zero : shifts.length >> 1;
    let mult = new Float64Array(8);
    const { compat } = setup;
    return {
      currentScore: () => scorer.currentHealth,
      candidates(sequences) {
        if (!compat.shiftedRemainderNeutralMetrics) return;
        scorer.useNeutralMetrics(symbolsOutsideBaseEndStates(sequences, scorer.start.positions, ctx.availableCashEur, scorer.settings, compat));
      },
      evaluate(sequence, detail): EvaluationResult {
        const cost = scorer.bind(sequence);
        const u = scorer.uniqueSymbols;
        if (mult.length < u) mult = new Float64Array(u * 2);
        let sum = 0;
        let worst = Number.POSITIVE_INFINITY;
        let diversificationScore = 0;
        let riskScore = 0;
        for (let i = 0; i < shifts.length; i++) {
          mult.fill(1.0 + (shifts[i] as number), 0, u);
          const s = scorer.run(sequence, cost, mult);
          sum += s;
          if (s < worst) worst = s;
          if (i === base) {
            diversificationScore = scorer.diversificationScore();
            riskScore = scorer.riskScore();
          }
        }
        const avg = sum / shifts.length;
        const score = worst * params.worstWeight + avg * params.averageWeight;
        const transactionCost = pyRound(cost, 2);
        if (!detail) return evaluationResult(score, diversificationScore, riskScore, transactionCost);
        const baseShift = shifts[base] as number;
        // Re-run the base scenario: the scorer describes its last run.
        mult.fill(1.0 + baseShift, 0, u);
        scorer.run(sequence, cost, mult);
        const breakdown = scorer.lastBreakdown(cost, shiftAdjustments(sequence, baseShift));
        breakdown.stochastic = {
          avg_score: pyRound(avg, 3),
          worst_score: pyRound(worst, 3),
          final_score: pyRound(score, 3),
          scenarios_evaluated: shifts.length,
        };
        return evaluationResult(score, diversificationScore, riskScore, transactionCost, breakdown);
      },
    };
  },
});
