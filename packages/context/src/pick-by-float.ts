import type { RandomSource } from '@planner/contracts';

/**
 * CPython's `choices` pick over running sums: `bisect_right(cum, random() * total, 0, n - 1)`.
 * Shared by both WeightedPick variants (Node's and the browser's '#weighted-pick').
 */
export function pickByFloat(cum: Float64Array, total: number, rng: RandomSource): number {
  const u = rng.random() * total;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < (cum[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
