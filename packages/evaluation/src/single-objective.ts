import { pyRound } from '@planner/context';
import { defineEvaluator } from '@planner/contracts';
import type { EvaluationResult } from '@planner/contracts';
import * as z from 'zod/mini';
import { evaluationResult } from './evaluation-result.js';
import { ScorerTables } from '#fast-scorer';

export const SingleObjectiveParamsSchema = z.object({});

/** One simulation and score per sequence (pipeline.md §4.3, §5.2 step 16). */
export const singleObjective = defineEvaluator({
  name: 'single_objective',
  description: 'Simulates each sequence once and scores its end state (health, end-state score, multi-timeframe, cost penalty)',
  params: SingleObjectiveParamsSchema,
  prepareSnapshot: (ctx, setup) => new ScorerTables(ctx, setup),
  prepare(ctx, setup) {
    const scorer = ScorerTables.scorer(ctx, setup);
    return {
      currentScore: () => scorer.currentHealth,
      evaluate(sequence, detail): EvaluationResult {
        const cost = scorer.bind(sequence);
        const score = scorer.run(sequence, cost, null);
        const diversificationScore = scorer.diversificationScore();
        const riskScore = scorer.riskScore();
        const transactionCost = pyRound(cost, 2);
        // Every plan scores the current portfolio in detail.
        return evaluationResult(score, diversificationScore, riskScore, transactionCost, detail ? scorer.lastBreakdown(cost) : undefined);
      },
    };
  },
});
