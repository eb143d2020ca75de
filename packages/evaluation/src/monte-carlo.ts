import { pyRound } from '@planner/context';
import { defineEvaluator } from '@planner/contracts';
import type { EvaluationResult } from '@planner/contracts';
import * as z from 'zod/mini';
import { evaluationResult } from './evaluation-result.js';
import { ScorerTables } from '#fast-scorer';
import { sequenceRandom } from './sequence-random.js';

export const MonteCarloParamsSchema = z.object({});

const SQRT_252 = Math.sqrt(252);

/**
 * Scores each sequence under random one-day price paths of its symbols
 * (pipeline.md §4.6). Path count from `settings.monteCarloPathCount` (10..500).
 * Draws come from the sequence's own generator (`sequenceRandom`: the run's
 * seed and the sequence's content), paths outer, the sequence's symbols in
 * first-appearance order inner (the reference was unseeded), so scores do not
 * depend on the order in which sequences are evaluated.
 */
export const monteCarlo = defineEvaluator({
  name: 'monte_carlo',
  description: 'Re-simulates each sequence under random price paths; final = 0.4·worst + 0.3·p10 + 0.3·average',
  params: MonteCarloParamsSchema,
  prepareSnapshot: (ctx, setup) => new ScorerTables(ctx, setup),
  prepare(ctx, setup) {
    const scorer = ScorerTables.scorer(ctx, setup);
    const paths = scorer.settings.monteCarloPaths;
    const scores = new Float64Array(paths);
    let mult = new Float64Array(paths * 8);
    let dailyVol = new Float64Array(8);
    const median = paths >> 1;
    return {
      currentScore: () => scorer.currentHealth,
      evaluate(sequence, detail): EvaluationResult {
        const cost = scorer.bind(sequence);
        const u = scorer.uniqueSymbols;
        if (dailyVol.length < u) {
          dailyVol = new Float64Array(u * 2);
          mult = new Float64Array(paths * u * 2);
        }
        for (let k = 0; k < u; k++) dailyVol[k] = scorer.volatilityOf(k) / SQRT_252;
        const rng = sequenceRandom(setup.settings.seed, sequence);
        for (let p = 0; p < paths; p++) {
          const row = p * u;
          for (let k = 0; k < u; k++) {
            const z = rng.gauss(0.0, 1.0);
            mult[row + k] = Math.max(0.5, Math.min(2.0, Math.exp((dailyVol[k] as number) * z)));
          }
        }
        let sum = 0;
        let diversificationScore = 0;
        let riskScore = 0;
        for (let p = 0; p < paths; p++) {
          const s = scorer.run(sequence, cost, mult, p * u);
          scores[p] = s;
          sum += s;
          if (p === median) {
            diversificationScore = scorer.diversificationScore();
            riskScore = scorer.riskScore();
          }
        }
        const avg = sum / paths;
        let worst = scores[0] as number;
        let best = worst;
        for (let p = 1; p < paths; p++) {
          const s = scores[p] as number;
          if (s < worst) worst = s;
          if (s > best) best = s;
        }
        scores.sort();
        const p10 = scores[Math.trunc(paths * 0.1)] as number;
        const p90 = scores[Math.trunc(paths * 0.9)] as number;
        const score = worst * 0.4 + p10 * 0.3 + avg * 0.3;
        const transactionCost = pyRound(cost, 2);
        if (!detail) return evaluationResult(score, diversificationScore, riskScore, transactionCost);
        // The breakdown is that of the path in the middle of generation order, as in the reference.
        const adjustments = new Map<string, number>();
        for (let k = 0; k < u; k++) adjustments.set(scorer.uniqueSymbol(sequence, k), mult[median * u + k] as number);
        scorer.run(sequence, cost, mult, median * u);
        const breakdown = scorer.lastBreakdown(cost, adjustments);
        breakdown.monte_carlo = {
          paths_evaluated: paths,
          avg_score: pyRound(avg, 3),
          worst_score: pyRound(worst, 3),
          best_score: pyRound(best, 3),
          p10_score: pyRound(p10, 3),
          p90_score: pyRound(p90, 3),
          final_score: pyRound(score, 3),
        };
        return evaluationResult(score, diversificationScore, riskScore, transactionCost, breakdown);
      },
    };
  },
});
