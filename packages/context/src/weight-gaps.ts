import type { NumbersPending } from './numbers-pending.js';
import { sortStable } from './stable-sort.js';

export interface WeightGap {
  readonly symbol: string;
  readonly current: number;
  readonly target: number;
  readonly gap: number;
  readonly gapValue: number;
}

/**
 * Gaps between target and current weights (spec modules-calculators.md §2.1
 * (3)): targets first, then untargeted holdings, stable-sorted by |gap|
 * descending. The threshold is strict; the reference hard-codes 0.005.
 */
export function calculateWeightGaps(
  targetWeights: ReadonlyMap<string, number>,
  currentWeights: ReadonlyMap<string, number>,
  totalValue: number,
  threshold = 0.005,
): WeightGap[] {
  const gaps: WeightGap[] = [];
  for (const [symbol, target] of targetWeights) {
    const current = currentWeights.get(symbol) ?? 0.0;
    const gap = target - current;
    if (Math.abs(gap) > threshold) gaps.push(weightGap(symbol, current, target, gap, gap * totalValue));
  }
  for (const [symbol, current] of currentWeights) {
    if (!targetWeights.has(symbol) && current > threshold) {
      gaps.push(weightGap(symbol, current, 0.0, -current, -current * totalValue));
    }
  }
  sortStable(gaps, (a, b) => Math.abs(b.gap) - Math.abs(a.gap));
  return gaps;
}

/** One gap; its numbers are written after the literal (NumbersPending). */
function weightGap(symbol: string, current: number, target: number, gap: number, gapValue: number): WeightGap {
  const out: NumbersPending<WeightGap> = { symbol, current: null, target: null, gap: null, gapValue: null };
  out.current = current;
  out.target = target;
  out.gap = gap;
  out.gapValue = gapValue;
  return out as WeightGap;
}
