import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundScaledHalfEven } from '../src/exact-decimal.js';
import { pyRound } from '../src/python-round.js';

describe('pyRound', () => {
  it.each([
    [2.5, 0, 2],
    [0.125, 2, 0.12],
    [2.675, 2, 2.67],
    [1.005, 2, 1.0],
    [0.285, 2, 0.28],
    [0.30000000000000004, 1, 0.3],
    [12345.6789, 3, 12345.679],
    [0.0005, 3, 0.001],
    [4.35, 1, 4.3],
    [1e300, 2, 1e300],
    [123456789012.5, 0, 123456789012],
    [0.6394267984578837, 3, 0.639],
    [1234.5, -1, 1230],
  ])('round(%s, %i) = %s as in Python', (x, d, want) => {
    expect(pyRound(x, d)).toBe(want);
  });

  it('keeps negative zero like Python', () => {
    expect(Object.is(pyRound(-0.5, 0), -0)).toBe(true);
    expect(Object.is(pyRound(-0.001, 2), -0)).toBe(true);
  });

  it('digits beyond what a double holds: x unchanged, or a zero of its sign (Python round(x, 400), round(x, -400))', () => {
    expect(pyRound(1.5, 324)).toBe(1.5);
    expect(Object.is(pyRound(123, -309), 0)).toBe(true);
    expect(Object.is(pyRound(-123, -309), -0)).toBe(true);
  });

  it('refuses non-integer digits (Python raises TypeError)', () => {
    expect(() => pyRound(1.5, 0.5)).toThrow(new RangeError('pyRound: digits must be an integer, got 0.5'));
  });

  it('passes non-finite values through', () => {
    expect(pyRound(Number.NaN, 2)).toBeNaN();
    expect(pyRound(Infinity, 2)).toBe(Infinity);
  });

  it('fast path equals the exact decimal path', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 8 }), (x, d) => {
        const q = roundScaledHalfEven(x, d);
        const exact = Number(`${x < 0 ? '-' : ''}${q}e${-d}`);
        return Object.is(pyRound(x, d), exact) || (exact === 0 && pyRound(x, d) === 0);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('builtin-free fast path: the same double, sign of zero included, as Math.round of the scaled value', () => {
    // The fast path as it was written with Math.abs/floor/round (the oracle), then the exact path.
    const viaMath = (x: number, d: number): number | undefined => {
      if (!Number.isFinite(x) || x === 0 || d < 0 || d > 22) return undefined;
      const p = 10 ** d;
      const y = x * p;
      const ay = Math.abs(y);
      if (ay >= 2 ** 29 || Math.abs(ay - Math.floor(ay) - 0.5) <= 1e-7) return undefined;
      return Math.round(y) / p;
    };
    const values = fc.oneof(
      fc.double({ noNaN: false }),
      fc.double({ min: -2, max: 2 }),
      fc.double({ min: -1e-3, max: 1e-3 }),
      fc.integer({ min: -(2 ** 30), max: 2 ** 30 }).map((n) => n / 8 + 0.5),
      fc.constantFrom(0, -0, 0.5, -0.5, 0.49999999, -0.49999999, 2 ** 29 - 0.3, -(2 ** 29) + 0.3, 2 ** 29, Infinity, -Infinity, NaN),
    );
    fc.assert(
      fc.property(values, fc.integer({ min: -3, max: 25 }), (x, d) => {
        const fast = viaMath(x, d);
        const got = pyRound(x, d);
        if (fast !== undefined) return Object.is(got, fast);
        if (!Number.isFinite(x) || x === 0) return Object.is(got, x);
        const q = roundScaledHalfEven(x, d);
        return Object.is(got, Number(`${x < 0 ? '-' : ''}${q}e${-d}`)) || d > 22 || d < 0;
      }),
      { seed: 7, numRuns: 5000 },
    );
  });

  it('decides values right at a half through the exact expansion', () => {
    // 0.15 is stored just below 0.15, 0.25 exactly: Python gives 0.1 and 0.2.
    expect(pyRound(0.15, 1)).toBe(0.1);
    expect(pyRound(0.25, 1)).toBe(0.2);
    expect(pyRound(0.35, 1)).toBe(0.3);
    expect(pyRound(0.45, 1)).toBe(0.5);
  });
});
