import { roundScaledHalfEven } from './exact-decimal.js';

const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);
// Below 2^29 the error of fl(x*10^d) is < 6e-8, so away from halves it cannot
// change which integer is nearest.
const FAST_LIMIT = 2 ** 29;
const NEAR_HALF = 1e-7;

/**
 * Python `round(x, digits)` for floats: the double nearest to the correctly
 * rounded decimal (half-to-even on exact binary ties). Hot path of scoring,
 * so the exact BigInt path runs only near a half.
 *
 * The fast path (finite x, 0 <= digits <= 22 an integer, |x·10^d| < 2^29, not
 * near a half) comes first and calls no builtin: a first plan runs it in V8's
 * interpreter, where each `Math.*` or `Number.*` call cost more than the rest
 * of the path. `ay | 0` is floor(ay) below 2^31; away from a half the nearest
 * integer of y is whole or whole + 1 in magnitude with y's sign, as
 * `Math.round(y)` (which gives -0 for -0.5 < y < 0: so does `-0`).
 */
export function pyRound(x: number, digits = 0): number {
  if (digits >= 0 && digits <= 22 && (digits | 0) === digits) {
    const p = POW10[digits] as number;
    const y = x * p;
    const ay = y < 0 ? -y : y;
    // False for NaN and the infinities, which take the checks below.
    if (ay < FAST_LIMIT) {
      if (x === 0) return x;
      const whole = ay | 0;
      const half = ay - whole - 0.5;
      if (half > NEAR_HALF) return (y < 0 ? -(whole + 1) : whole + 1) / p;
      if (half < -NEAR_HALF) return (y < 0 ? -whole : whole) / p;
    }
  }
  if (!Number.isFinite(x) || x === 0) return x;
  if (!Number.isInteger(digits)) throw new RangeError(`pyRound: digits must be an integer, got ${digits}`);
  if (digits > 323) return x;
  if (digits < -308) return 0 * x;
  if (digits >= 0 && digits <= 22) {
    const p = POW10[digits] as number;
    const y = x * p;
    const ay = Math.abs(y);
    if (ay < FAST_LIMIT) {
      const f = ay - Math.floor(ay);
      if (Math.abs(f - 0.5) > NEAR_HALF) return Math.round(y) / p;
    }
  }
  const q = roundScaledHalfEven(x, digits);
  return Number(`${x < 0 ? '-' : ''}${q}e${-digits}`);
}
