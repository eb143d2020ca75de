import type { EvaluationResult, Sequence } from '@planner/contracts';

/** One evaluated sequence: its position in evaluation order, the sequence and its result. */
export interface ScoredSequence {
  readonly index: number;
  readonly sequence: Sequence;
  readonly result: EvaluationResult;
}
