import { roundScaledHalfEven } from './exact-decimal.js';

/**
 * Python `format(x, f'.{digits}f')`. `toFixed` works on the exact binary
 * value too but breaks exact ties away from zero, while Python breaks them to
 * even; so only values that can be a tie (at most digits+1 fractional bits)
 * take the exact BigInt path.
 */
export function pyFixed(x: number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0) throw new RangeError(`pyFixed: digits must be an integer >= 0, got ${digits}`);
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  // Python keeps the sign of negative zero and of negatives that round to zero.
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
