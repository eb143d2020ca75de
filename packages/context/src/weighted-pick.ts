import type { RandomSource } from '@planner/contracts';
import { pickByFloat } from './pick-by-float.js';

const TWO_26 = 67108864;
const TWO_53 = 9007199254740992;

/** Steps from the estimate before bisecting: the estimate is within a unit or two unless the total is tiny. */
const MAX_STEPS = 4;

/**
 * The smallest R (0 ≤ R ≤ 2^53; 2^53: never reached) with (R / 2^53) · total ≥ c.
 * The estimate c / total · 2^53 is a step or two off; with a subnormal total its
 * rounding puts it anywhere, and stepping one R at a time would take up to 2^53
 * steps, so the search bisects instead (the product never decreases in R).
 */
function firstReaching(c: number, total: number): number {
  let r = Math.min(TWO_53, Math.max(0, Math.floor((c / total) * TWO_53)));
  for (let step = 0; step < MAX_STEPS; step++) {
    if (r > 0 && ((r - 1) / TWO_53) * total >= c) r--;
    else if (r < TWO_53 && (r / TWO_53) * total < c) r++;
    else return r;
  }
  let lo = 0;
  let hi = TWO_53;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2); // lo + hi may exceed 2^53 and round
    if ((mid / TWO_53) * total >= c) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * One list's picks as CPython's `choices(list, weights)` makes them:
 * `bisect_right(cum, random() * total, 0, n - 1)`. The bisection also runs on
 * integers: `random()` is R / 2^53 for a 53-bit R, and R ↦ (R / 2^53) · total
 * never decreases, so `random() * total < cum[j]` iff R < threshold[j], the
 * smallest R where the product reaches cum[j]. A first plan runs the sampler
 * in V8's interpreter, where every double it computes or loads is a heap
 * allocation (hundreds of KB per plan, enough to start a garbage collection);
 * the integer parts of R (`RandomSource.randomParts`) are small integers.
 */
export class WeightedPick {
  readonly size: number;
  /** The running sums of the weights, left to right, as CPython's `choices` computes them. */
  private readonly cum: Float64Array;
  /** cum[n - 1] + 0.0, as CPython's `choices`. */
  readonly total: number;
  /** threshold[j] = high[j] · 2^26 + low[j], split as R's parts; null: only the floating-point path. */
  readonly high: Int32Array | null;
  readonly low: Int32Array;

  constructor(weights: readonly number[]) {
    const n = weights.length;
    const cum = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) cum[i] = total += weights[i] as number;
    total += 0.0;
    this.size = n;
    this.cum = cum;
    this.total = total;
    const high = new Int32Array(Math.max(0, n - 1));
    const low = new Int32Array(high.length);
    this.low = low;
    this.high = Number.isFinite(total) && total > 0 ? high : null;
    if (this.high === null) return;
    for (let j = 0; j < high.length; j++) {
      const r = firstReaching(cum[j] as number, total);
      const h = Math.floor(r / TWO_26);
      high[j] = h;
      low[j] = r - h * TWO_26;
    }
  }

  /** Whether picks from this source may take the integer path (the sampler's pickDistinct). */
  integerPath(rng: RandomSource): boolean {
    return this.high !== null && rng.randomParts !== undefined;
  }

  /** The index of one pick, drawing `random()` (any source). */
  pickByFloat(rng: RandomSource): number {
    return pickByFloat(this.cum, this.total, rng);
  }
}
