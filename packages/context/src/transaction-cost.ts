import type { Sequence } from '@planner/contracts';

/** Σ (fixed + |value_eur| × percent), summed left to right (spec modules-calculators.md §2.1 (1)). */
export function calculateTransactionCost(sequence: Sequence, fixed: number, percent: number): number {
  // Indexed, without a Math.abs call: runs per evaluated sequence, in the interpreter on a first plan.
  // (v < 0 ? -v : v) differs from Math.abs only on -0, which adds nothing to a sum that starts at +0.
  let total = 0.0;
  for (let i = 0; i < sequence.length; i++) {
    const v = (sequence[i] as Sequence[number]).valueEur;
    total += fixed + (v < 0 ? -v : v) * percent;
  }
  return total;
}

/**
 * `calculate_min_trade_amount`: the trade size at which costs are 1% of the
 * value; 1000 when the percentage alone reaches 1% (spec §1.4).
 */
export function minTradeAmount(fixed: number, percent: number): number {
  const denominator = 0.01 - percent;
  if (denominator <= 0) return 1000.0;
  return fixed / denominator;
}
