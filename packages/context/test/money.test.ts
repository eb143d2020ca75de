import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEur, fxRateOf, toEur } from '../src/currency.js';
import { calculateBuyQuantity, roundToLot } from '../src/lot-sizing.js';

describe('currency', () => {
  const rates = { USD: 1.04, GBP: 0.83, BAD: 0, NEG: -2 };
  it('reads units per EUR, with 1 for EUR, unknown and non-positive rates', () => {
    expect(fxRateOf(rates, 'USD')).toBe(1.04);
    expect(fxRateOf(rates, 'EUR')).toBe(1);
    expect(fxRateOf(rates, 'JPY')).toBe(1);
    expect(fxRateOf(rates, 'BAD')).toBe(1);
    expect(fxRateOf(rates, 'NEG')).toBe(1);
    expect(fxRateOf(rates, 'toString')).toBe(1);
  });
  it('converts native / rate and back', () => {
    expect(toEur(104, 'USD', rates)).toBe(100);
    expect(fromEur(100, 'USD', rates)).toBe(104);
    expect(toEur(50, 'EUR', rates)).toBe(50);
  });
});

describe('calculateBuyQuantity', () => {
  it('buys whole shares up to the target', () => {
    expect(calculateBuyQuantity(250, 40, 1, 1)).toEqual({ quantity: 6, valueNative: 240, valueEur: 240, numLots: 6 });
  });
  it('buys one lot when a lot exceeds the target', () => {
    expect(calculateBuyQuantity(250, 300, 1, 1)).toEqual({ quantity: 1, valueNative: 300, valueEur: 300, numLots: 1 });
  });
  it('sizes lots in a foreign currency (spec DKK example)', () => {
    const r = calculateBuyQuantity(150, 90, 5, 7.46);
    expect(r.quantity).toBe(10);
    expect(r.numLots).toBe(2);
    expect(r.valueNative).toBe(900);
    expect(r.valueEur).toBeCloseTo(120.64, 2);
  });
  it('returns nothing for a non-positive target and rejects a non-positive price', () => {
    expect(calculateBuyQuantity(0, 10)).toEqual({ quantity: 0, valueNative: 0, valueEur: 0, numLots: 0 });
    expect(calculateBuyQuantity(-5, 10).quantity).toBe(0);
    expect(() => calculateBuyQuantity(100, 0)).toThrow(RangeError);
  });
  it('treats a lot below 1 as 1 and a non-positive rate as 1', () => {
    expect(calculateBuyQuantity(100, 10, 0, 0).quantity).toBe(10);
  });
  it('at the boundary: a lot costing exactly the target buys one lot', () => {
    expect(calculateBuyQuantity(100, 100).quantity).toBe(1);
    expect(calculateBuyQuantity(99.99, 100).quantity).toBe(1);
    expect(calculateBuyQuantity(199.99, 100).quantity).toBe(1);
    expect(calculateBuyQuantity(200, 100).quantity).toBe(2);
  });
  it('always buys a positive multiple of the lot', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.integer({ min: 1, max: 100 }),
        (target, price, lot) => {
          const r = calculateBuyQuantity(target, price, lot);
          return r.quantity >= lot && r.quantity % lot === 0 && r.quantity === r.numLots * lot;
        },
      ),
      { seed: 42 },
    );
  });
});

describe('roundToLot', () => {
  it('rounds down to a multiple of the lot', () => {
    expect(roundToLot(17, 5)).toBe(15);
    expect(roundToLot(4, 5)).toBe(0);
    expect(roundToLot(7, 0)).toBe(7);
  });
  it('never exceeds the requested quantity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1000 }), (q, l) => {
        const r = roundToLot(q, l);
        return r <= q && r % l === 0 && q - r < l;
      }),
      { seed: 42 },
    );
  });
});
