import type { RandomSource } from '@planner/contracts';
import { pickByFloat } from './pick-by-float.js';

// '#weighted-pick' in a browser bundle (package.json "imports"): picks by
// floating point only (no thresholds, integerPath false), the same picks from
// the same draws (test/weighted-pick.test.ts). Node's (src/weighted-pick.ts)
// also picks on integers, faster in a cold first plan, from about 0.15 KiB gzip
// the bundle's budget has not.

/** One list's picks as CPython's `choices(list, weights)` makes them (see src/weighted-pick.ts). */
export class WeightedPick {
  readonly size: number;
  /** The running sums of the weights, left to right, as CPython's `choices` computes them. */
  private readonly cum: Float64Array;
  readonly total: number;
  /** null: only the floating-point path. */
  readonly high: Int32Array | null = null;
  readonly low: Int32Array = new Int32Array(0);

  constructor(weights: readonly number[]) {
    const n = weights.length;
    const cum = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) cum[i] = total += weights[i] as number;
    this.size = n;
    this.cum = cum;
    this.total = total + 0.0;
  }

  /** Never: this variant has no thresholds. */
  integerPath(_rng: RandomSource): boolean {
    return false;
  }

  /** The index of one pick, drawing `random()` (any source). */
  pickByFloat(rng: RandomSource): number {
    return pickByFloat(this.cum, this.total, rng);
  }
}
