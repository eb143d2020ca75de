import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sizeBuy } from '../src/lot-size.js';

describe('sizeBuy', () => {
  it('whole lots that fit the target, at least one', () => {
    expect(sizeBuy(1000, 30, 10, 1)).toEqual({ quantity: 30, valueEur: 900 });
    expect(sizeBuy(100, 30, 10, 1)).toEqual({ quantity: 10, valueEur: 300 });
  });

  it('converts with the rate (units of the trading currency per EUR)', () => {
    expect(sizeBuy(100, 8.1, 1, 8.1)).toEqual({ quantity: 100, valueEur: 100 });
  });

  it('a lot below 1, or a fractional lot, counts as whole lots', () => {
    expect(sizeBuy(100, 10, 0, 1)?.quantity).toBe(10);
    expect(sizeBuy(100, 10, 2.7, 1)?.quantity).toBe(10);
  });

  it('null for a missing price or target, never quantity 0 or NaN', () => {
    expect(sizeBuy(100, 0, 1, 1)).toBeNull();
    expect(sizeBuy(100, Number.NaN, 1, 1)).toBeNull();
    expect(sizeBuy(0, 10, 1, 1)).toBeNull();
    expect(sizeBuy(Number.NaN, 10, 1, 1)).toBeNull();
    expect(sizeBuy(Number.POSITIVE_INFINITY, 10, 1, 1)).toBeNull();
  });

  it('property: positive lot multiple, within the target unless one lot is above it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0.001, max: 1e4, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0.1, max: 200, noNaN: true }),
        (target, price, lot, rate) => {
          const r = sizeBuy(target, price, lot, rate);
          expect(r).not.toBeNull();
          expect(r!.quantity % lot).toBe(0);
          expect(r!.quantity).toBeGreaterThan(0);
          if (r!.quantity > lot) expect(r!.valueEur).toBeLessThanOrEqual(target * (1 + 1e-12));
        },
      ),
      { seed: 42 },
    );
  });
});
