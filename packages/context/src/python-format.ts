import { roundScaledHalfEven } from './exact-decimal.js';

const POW10: readonly number[] = Array.from({ length: 10 }, (_, i) => 10 ** i);
// As in pyRound: below 2^29 the error of fl(|x|*10^d) is < 6e-8, so away
// from a half it cannot change which integer is nearest.
const FAST_LIMIT = 2 ** 29;
const NEAR_HALF = 1e-7;

/**
 * Python `format(x, f'.{digits}f')`. The common case (small values, few
 * digits, not near a half) is the nearest integer of |x|·10^digits written
 * out; everything else takes `pyFixedExact`.
 */
export function pyFixed(x: number, digits: number): string {
  if (digits >= 0 && digits <= 9 && Number.isInteger(digits)) {
    const p = POW10[digits] as number;
    const y = Math.abs(x) * p;
    if (y < FAST_LIMIT) {
      const f = y - Math.floor(y);
      if (Math.abs(f - 0.5) > NEAR_HALF) {
        const n = Math.round(y);
        // Python keeps the sign of negative zero and of negatives that round to zero.
        const sign = x < 0 || Object.is(x, -0) ? '-' : '';
        if (digits === 0) return sign + n;
        const whole = Math.floor(n / p);
        return `${sign}${whole}.${String(n - whole * p).padStart(digits, '0')}`;
      }
    }
  }
  return pyFixedExact(x, digits);
}

/**
 * `pyFixed` for any value. `toFixed` works on the exact binary value too but
 * breaks exact ties away from zero, while Python breaks them to even; so only
 * values that can be a tie (at most digits+1 fractional bits) take the exact
 * BigInt path.
 */
export function pyFixedExact(x: number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0) throw new RangeError(`pyFixed: digits must be an integer >= 0, got ${digits}`);
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const ax = Math.abs(x);
  if (ax < 1e21 && digits <= 100 && !Number.isInteger(ax * 2 ** (digits + 1))) {
    return sign + ax.toFixed(digits);
  }
  const q = roundScaledHalfEven(ax, digits).toString();
  if (digits === 0) return sign + q;
  const padded = q.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** Python `f'{x:.{digits}%}'`: x*100 in double precision, then `.{digits}f`, then `%`. */
export function pyPercent(x: number, digits: number): string {
  return `${pyFixed(x * 100, digits)}%`;
}
