import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateTransactionCost, minTradeAmount } from '../src/transaction-cost.js';
import { calculateWeightGaps } from '../src/weight-gaps.js';
import { isTradeWorthwhile } from '../src/worthwhile.js';
import { action } from './fixtures.js';

describe('calculateTransactionCost', () => {
  it('sums fixed + |value| × percent per action', () => {
    const seq = [action('A', 'BUY', 1, { valueEur: 1000 }), action('B', 'SELL', 1, { valueEur: -500 })];
    expect(calculateTransactionCost(seq, 2, 0.002)).toBe(7);
    expect(calculateTransactionCost([], 2, 0.002)).toBe(0);
  });
});

describe('minTradeAmount', () => {
  it('is fixed / (0.01 - percent), 1000 when the denominator is not positive', () => {
    expect(minTradeAmount(2, 0.002)).toBe(250);
    expect(minTradeAmount(2, 0.01)).toBe(1000);
    expect(minTradeAmount(2, 0.02)).toBe(1000);
  });
});

describe('isTradeWorthwhile', () => {
  it('uses the break-even 4 / 0.996 at 2.0 / 0.002', () => {
    expect(isTradeWorthwhile(5000, 2, 0.002)).toBe(true);
    expect(isTradeWorthwhile(4.02, 2, 0.002)).toBe(true);
    expect(isTradeWorthwhile(-4.02, 2, 0.002)).toBe(true);
    expect(isTradeWorthwhile(4.0, 2, 0.002)).toBe(false);
    expect(isTradeWorthwhile(3, 2, 0.002)).toBe(false);
    expect(isTradeWorthwhile(4 / 0.996 + 1e-9, 2, 0.002)).toBe(true);
    expect(isTradeWorthwhile(4 / 0.996 - 1e-9, 2, 0.002)).toBe(false);
  });
  it('is never true once the percentage reaches one half', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), (v) => !isTradeWorthwhile(v, 2, 0.5)), { seed: 42 });
  });
});

describe('calculateWeightGaps', () => {
  it('lists targets then untargeted holdings, sorted by |gap| (spec example 1)', () => {
    const targets = new Map([['A', 0.2], ['C', 0.1]]);
    const current = new Map([['A', 0.3], ['B', 0.2]]);
    const gaps = calculateWeightGaps(targets, current, 10000);
    expect(gaps.map((g) => g.symbol)).toEqual(['B', 'C', 'A']);
    expect(gaps[0]).toEqual({ symbol: 'B', current: 0.2, target: 0, gap: -0.2, gapValue: -2000 });
    expect(gaps[2]!.gap).toBe(0.2 - 0.3);
    expect(gaps[2]!.gapValue).toBe((0.2 - 0.3) * 10000);
  });
  it('uses a strict threshold of 0.005', () => {
    const gaps = calculateWeightGaps(new Map([['A', 0.0051], ['B', 0.005]]), new Map([['C', 0.005], ['D', 0.0051]]), 100);
    expect(gaps.map((g) => g.symbol)).toEqual(['A', 'D']);
  });
  it('keeps insertion order on equal |gap|', () => {
    const gaps = calculateWeightGaps(new Map([['X', 0.25], ['Y', 0.25]]), new Map([['Y', 0.5], ['Z', 0.25]]), 1);
    expect(gaps.map((g) => g.symbol)).toEqual(['X', 'Y', 'Z']);
  });
});
