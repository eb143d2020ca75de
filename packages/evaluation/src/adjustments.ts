import { pyRound } from '@planner/context';

// The two score adjustments of the full planner's per-sequence evaluation
// (pipeline.md §4.4 and §4.3 step 4), shared by both scoring paths.

/** 0.2·(0.95 s) + 0.3·s + 0.5·(1.05 s), not clamped (may exceed 1). */
export function multiTimeframeScore(score: number): number {
  return score * 0.95 * 0.2 + score * 0.3 + score * 1.05 * 0.5;
}

export function multiTimeframeBreakdown(score: number): Record<string, number> {
  // The numbers are written after the literal (NumbersPending, @planner/context).
  const out: Record<string, number | null> = { short_term_1y: null, medium_term_3y: null, long_term_5y: null, weighted_score: null };
  out.short_term_1y = pyRound(score * 0.95, 3);
  out.medium_term_3y = pyRound(score, 3);
  out.long_term_5y = pyRound(score * 1.05, 3);
  out.weighted_score = pyRound(multiTimeframeScore(score), 3);
  return out as Record<string, number>;
}

/** `(cost / total) × factor`; the caller applies it only when factor > 0 and total > 0. */
export function costPenalty(totalCost: number, totalValue: number, factor: number): number {
  return (totalCost / totalValue) * factor;
}
