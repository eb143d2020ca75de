import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pyFixed, pyFixedExact, pyPercent } from '../src/python-format.js';

describe('pyFixed', () => {
  it.each([
    [2.5, 0, '2'],
    [1.5, 0, '2'],
    [0.5, 0, '0'],
    [-2.5, 0, '-2'],
    [0.125, 2, '0.12'],
    [3.25, 1, '3.2'],
    [1.005, 2, '1.00'],
    [2.675, 2, '2.67'],
    [0.045, 2, '0.04'],
    [1234567.125, 2, '1234567.12'],
    [123.456, 10, '123.4560000000'],
    [1e22, 1, '10000000000000000000000.0'],
    [5e-324, 3, '0.000'],
  ])('formats %s with %i digits like Python', (x, d, want) => {
    expect(pyFixed(x, d)).toBe(want);
  });

  it('keeps the sign of negative zero results like Python', () => {
    expect(pyFixed(-0.4, 0)).toBe('-0');
    expect(pyFixed(-0, 1)).toBe('-0.0');
    expect(pyFixed(0, 1)).toBe('0.0');
  });

  it('writes non-finite values as Python does', () => {
    expect(pyFixed(Number.NaN, 1)).toBe('nan');
    expect(pyFixed(Infinity, 1)).toBe('inf');
    expect(pyFixed(-Infinity, 1)).toBe('-inf');
  });

  it('rejects bad digit counts', () => {
    expect(() => pyFixed(1, -1)).toThrow(RangeError);
    expect(() => pyFixed(1, 1.5)).toThrow(RangeError);
  });

  it('agrees with toFixed whenever the value is not an exact tie', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, d) => {
        const scaled = Math.abs(x) * 10 ** d;
        fc.pre(Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6 && !Object.is(x, -0));
        const want = Math.abs(x).toFixed(d);
        const got = pyFixed(x, d);
        return got === (x < 0 ? `-${want}` : want);
      }),
      { seed: 42 },
    );
  });

  it('rounds exact ties to an even last digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        const s = pyFixed(n + 0.5, 0);
        return Number(s) % 2 === 0 && Math.abs(Number(s) - (n + 0.5)) === 0.5;
      }),
      { seed: 42 },
    );
  });
});

describe('pyPercent', () => {
  it('multiplies by 100 in double precision and formats with a percent sign', () => {
    expect(pyPercent(0.0325, 1)).toBe('3.2%');
    expect(pyPercent(0.1, 1)).toBe('10.0%');
    expect(pyPercent(0, 1)).toBe('0.0%');
    expect(pyPercent(0.2, 0)).toBe('20%');
    expect(pyPercent(0.30000000000000004, 1)).toBe('30.0%');
  });
});

describe('pyFixed fast path (nearest integer of |x|·10^d written out)', () => {
  it('property: equals pyFixedExact on doubles of any size, and on values at and near decimal halves', () => {
    const nearHalf = fc
      .tuple(fc.integer({ min: -1e7, max: 1e7 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: -3, max: 3 }))
      .map(([k, d, ulps]) => {
        let x = (k + 0.5) / 10 ** d;
        for (let i = 0; i < Math.abs(ulps); i++) x = ulps > 0 ? x + Number.EPSILON * Math.abs(x) : x - Number.EPSILON * Math.abs(x);
        return x;
      });
    const value = fc.oneof(fc.double({ noNaN: false }), fc.double({ min: -1e6, max: 1e6 }), nearHalf, fc.integer({ min: -1e6, max: 1e6 }).map((k) => k / 8));
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 12 }), (x, digits) => {
        expect(pyFixed(x, digits)).toBe(pyFixedExact(x, digits));
      }),
      { seed: 42, numRuns: 20000 },
    );
  });
});
