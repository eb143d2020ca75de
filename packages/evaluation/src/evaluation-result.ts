import type { NumbersPending } from '@planner/context';
import type { EvaluationResult } from '@planner/contracts';

/**
 * An evaluator's result, built the same way by every evaluator so that they
 * share V8's hidden classes; the numbers are written after the literal
 * (NumbersPending, @planner/context). Two literals, not `{ ...result,
 * breakdown }`: a spread in a literal takes V8's slow path.
 */
export function evaluationResult(
  score: number,
  diversificationScore: number,
  riskScore: number,
  transactionCost: number,
  breakdown?: Record<string, unknown>,
): EvaluationResult {
  const result: NumbersPending<EvaluationResult> = breakdown === undefined
    ? { score: null, diversificationScore: null, riskScore: null, transactionCost: null }
    : { score: null, diversificationScore: null, riskScore: null, transactionCost: null, breakdown };
  result.score = score;
  result.diversificationScore = diversificationScore;
  result.riskScore = riskScore;
  result.transactionCost = transactionCost;
  return result as EvaluationResult;
}
