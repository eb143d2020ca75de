import { sortStable } from '@planner/context';
import type { ScoredSequence } from './scored-sequence.js';

/**
 * `a` dominates `b` (pipeline.md §4.7): at least as good on every objective
 * (score, diversification, risk up; cost down) and strictly better on one.
 * `score` is the unrounded evaluation score, the others the rounded block values.
 */
export function dominates(a: ScoredSequence, b: ScoredSequence): boolean {
  const x = a.result;
  const y = b.result;
  const atLeast = x.score >= y.score && x.diversificationScore >= y.diversificationScore
    && x.riskScore >= y.riskScore && x.transactionCost <= y.transactionCost;
  const strictly = x.score > y.score || x.diversificationScore > y.diversificationScore
    || x.riskScore > y.riskScore || x.transactionCost < y.transactionCost;
  return atLeast && strictly;
}

/**
 * Pareto beam update: drop entries `e` dominates, append `e` unless a
 * remaining entry dominates it, stable sort by score descending (the
 * newcomer after equal scores), truncate to `width`. Mutates `beam`.
 */
export function paretoUpdate(beam: ScoredSequence[], e: ScoredSequence, width: number): void {
  let kept = 0;
  for (const entry of beam) if (!dominates(e, entry)) beam[kept++] = entry;
  beam.length = kept;
  if (!beam.some((entry) => dominates(entry, e))) beam.push(e);
  sortStable(beam, (a, b) => b.result.score - a.result.score);
  if (beam.length > width) beam.length = width;
}
