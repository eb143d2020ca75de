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
 */
export function pyRound(x: number, digits = 0): number {
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
