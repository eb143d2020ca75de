import { StoreError } from '@planner/contracts';
import type { Sequence, StoredResult } from '@planner/contracts';

/** Σ action priorities (pipeline.md §6.1 `priority`). */
export function sequencePriority(sequence: Sequence): number {
  let sum = 0;
  for (const a of sequence) sum += a.priority;
  return sum;
}

/** Heuristic label of pipeline.md §6.1 `pattern_type`. */
export function patternType(sequence: Sequence): string {
  if (sequence.length === 1) return 'single_best';
  let sells = false;
  let buys = false;
  for (const a of sequence) {
    if (a.side.toUpperCase() === 'SELL') sells = true;
    else buys = true;
  }
  if (sells && buys) return 'mixed_strategy';
  return sells ? 'multi_sell' : 'multi_buy';
}

/** True when `a` should replace `b` as the best: higher score, ties to the lower index. */
export function isBetter(a: StoredResult, b: StoredResult | null): boolean {
  if (!(a.score > 0)) return false;
  if (b === null) return true;
  return a.score > b.score || (a.score === b.score && a.index < b.index);
}

export function sameKey(a: { portfolioHash: string; configHash: string }, b: { portfolioHash: string; configHash: string }): boolean {
  return a.portfolioHash === b.portfolioHash && a.configHash === b.configHash;
}

/** An `evaluations` row as both SQL backends select it (same column names in both schemas). */
export interface ResultRow {
  idx: number;
  sequence_hash: string;
  end_score: number;
  diversification_score: number;
  risk_score: number;
  transaction_cost: number;
}

export const toResult = (r: ResultRow): StoredResult => ({
  index: r.idx,
  hash: r.sequence_hash,
  score: r.end_score,
  diversificationScore: r.diversification_score,
  riskScore: r.risk_score,
  transactionCost: r.transaction_cost,
});

/**
 * The error for a write or claim with a key that is not the bucket's current
 * work: `hasWork` tells a replaced key (another run opened a changed portfolio
 * or configuration) from work that is gone (removed, or never opened).
 */
export function notCurrentError(op: string, bucket: string, hasWork: boolean): StoreError {
  return new StoreError(hasWork
    ? `${op}: the work of bucket '${bucket}' was replaced (its portfolio, configuration or seed changed) after this run opened it; run again`
    : `${op}: bucket '${bucket}' has no stored work (the bucket was removed, or open() was not called); run again, or call open() first`);
}
