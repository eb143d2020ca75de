import type { OpportunityContext, Sequence } from '@planner/contracts';
import { hasDuplicateSymbol, sumPriority } from '@planner/context';

/** Why sequences were dropped by the early filtering; logged by the reference, reported here. */
export interface FeasibilityCounts {
  empty: number;
  duplicateSymbol: number;
  priority: number;
  flags: number;
  cash: number;
  position: number;
}

export function emptyFeasibilityCounts(): FeasibilityCounts {
  return { empty: 0, duplicateSymbol: 0, priority: 0, flags: 0, cash: 0, position: 0 };
}

export type Rejection = keyof FeasibilityCounts | null;

/**
 * Early filtering of pipeline.md §5.2 step 12 for one sequence, checks in the
 * reference's order: empty, repeated symbol, mean priority, then a cash walk
 * where a BUY needs a buyable security and enough cash and a SELL a sellable
 * security and a position of at least the quantity.
 */
export function rejectionOf(seq: Sequence, ctx: OpportunityContext, cash: number, threshold: number): Rejection {
  return rejectionGivenSum(seq, sumPriority(seq), ctx, cash, threshold);
}

/** `rejectionOf` for a sequence whose Σ priority (`sumPriority`) is known. */
export function rejectionGivenSum(seq: Sequence, sum: number, ctx: OpportunityContext, cash: number, threshold: number): Rejection {
  if (seq.length === 0) return 'empty';
  if (hasDuplicateSymbol(seq)) return 'duplicateSymbol';
  if (sum / seq.length < threshold) return 'priority';
  let running = cash;
  for (const a of seq) {
    const security = ctx.securitiesBySymbol.get(a.symbol);
    if (a.side === 'BUY') {
      if (!security || !security.allowBuy) return 'flags';
      if (a.valueEur > running) return 'cash';
      running -= a.valueEur;
    } else {
      if (!security || !security.allowSell) return 'flags';
      const position = ctx.positionsBySymbol.get(a.symbol);
      if (!position || position.quantity < a.quantity) return 'position';
      running += a.valueEur;
    }
  }
  return null;
}

/** The feasible sequences in input order; `counts` receives the reasons of the others. */
export function filterFeasible(
  sequences: readonly Sequence[],
  ctx: OpportunityContext,
  cash: number,
  threshold: number,
  counts: FeasibilityCounts,
): Sequence[] {
  const out: Sequence[] = [];
  for (const seq of sequences) {
    const why = rejectionOf(seq, ctx, cash, threshold);
    if (why === null) out.push(seq);
    else counts[why]++;
  }
  return out;
}

/** Stable order by Σ priority, highest first (pipeline.md §5.2 step 14). */
export function sortByTotalPriority(sequences: readonly Sequence[]): Sequence[] {
  const sums = new Float64Array(sequences.length);
  for (let i = 0; i < sequences.length; i++) sums[i] = sumPriority(sequences[i]!);
  return orderBySumDesc(sequences, sums);
}

/** Early filtering and the priority sort in one pass (Σ priority computed once per sequence). */
export function feasibleByTotalPriority(
  sequences: readonly Sequence[],
  ctx: OpportunityContext,
  cash: number,
  threshold: number,
  counts: FeasibilityCounts,
): Sequence[] {
  const kept: Sequence[] = [];
  const sums = new Float64Array(sequences.length);
  for (const seq of sequences) {
    const sum = sumPriority(seq);
    const why = rejectionGivenSum(seq, sum, ctx, cash, threshold);
    if (why !== null) {
      counts[why]++;
      continue;
    }
    sums[kept.length] = sum;
    kept.push(seq);
  }
  return orderBySumDesc(kept, sums);
}

/**
 * Stable sort of `items` by `sums[i]` descending, as `sort((a, b) => sums[b] - sums[a])`
 * does. Thousands of sequences share few distinct sums, so a native sort of the
 * sums plus a counting sort by rank replaces the comparator sort.
 */
export function orderBySumDesc<T>(items: readonly T[], sums: Float64Array): T[] {
  const n = items.length;
  if (n < 2) return items.slice();
  const distinct = sums.slice(0, n).sort();
  // Non-finite sums make the comparator inconsistent: keep its exact behaviour.
  if (!Number.isFinite(distinct[0]!) || !Number.isFinite(distinct[n - 1]!)) {
    const order = Array.from(items, (_, i) => i).sort((a, b) => sums[b]! - sums[a]!);
    return order.map((i) => items[i]!);
  }
  let k = 0;
  // `!==` merges -0 and 0, as the comparator does.
  for (let i = 0; i < n; i++) if (k === 0 || distinct[i] !== distinct[k - 1]) distinct[k++] = distinct[i]!;
  const rank = new Int32Array(n);
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) {
    const r = k - 1 - lowerBound(distinct, k, sums[i]!);
    rank[i] = r;
    start[r + 1]!++;
  }
  for (let r = 0; r < k; r++) start[r + 1]! += start[r]!;
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[start[rank[i]!]!++] = items[i]!;
  return out;
}

/** First index in the ascending `values[0..length)` whose value is not below `x`. */
function lowerBound(values: Float64Array, length: number, x: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
