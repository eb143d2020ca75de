import { describe, expect, it } from 'vitest';
import { candidatesEqual, emptyCategories, processBuyOpportunity, processSellOpportunity, tradeCandidate } from '../src/candidates.js';
import { calculateWeightGaps } from '../src/weight-gaps.js';
import type { WeightGap } from '../src/weight-gaps.js';
import { action, position, security } from './fixtures.js';

const none = { recentlySold: new Set<string>(), ineligible: new Set<string>() };

function gap(symbol: string, current: number, target: number, total = 10000): WeightGap {
  return { symbol, current, target, gap: target - current, gapValue: (target - current) * total };
}

describe('tradeCandidate', () => {
  it('holds the given values under the ten keys, in the calculators\' key order, whole numbers and fractions alike', () => {
    const tags = ['quality'];
    for (const [quantity, price, valueEur, priority] of [[3, 12.5, 37.5, 0.81], [0, 10, 0, 1], [-0, 1e-9, 2 ** 60, -0.25]]) {
      const c = tradeCandidate('BUY', 'A.US', 'A Inc', quantity!, price!, valueEur!, 'USD', priority!, 'why', tags);
      expect(Object.keys(c)).toEqual(['side', 'symbol', 'name', 'quantity', 'price', 'valueEur', 'currency', 'priority', 'reason', 'tags']);
      expect(c).toStrictEqual({ side: 'BUY', symbol: 'A.US', name: 'A Inc', quantity, price, valueEur, currency: 'USD', priority, reason: 'why', tags });
      expect(c.tags).toBe(tags);
    }
  });
});

describe('candidatesEqual', () => {
  it('compares all fields and tags in order', () => {
    const a = action('A', 'BUY', 1, { tags: ['x', 'y'] });
    expect(candidatesEqual(a, { ...a, tags: ['x', 'y'] })).toBe(true);
    expect(candidatesEqual(a, { ...a, tags: ['y', 'x'] })).toBe(false);
    expect(candidatesEqual(a, { ...a, reason: 'other' })).toBe(false);
    expect(candidatesEqual(a, { ...a, priority: 1.0000001 })).toBe(false);
    expect(candidatesEqual(a, { ...a, side: 'SELL' })).toBe(false);
  });
});

describe('weight-based steps B and S (spec modules-calculators.md §9 examples)', () => {
  it('example 1: SELL B, BUY C, SELL A', () => {
    const cats = emptyCategories();
    const secs = new Map([['A', security('A', { price: 50 })], ['B', security('B', { price: 40 })], ['C', security('C', { price: 25, currency: 'USD' })]]);
    const pos = new Map([['A', position('A', 60, 60, { markPrice: 50 })], ['B', position('B', 50, 30, { markPrice: 40 })]]);
    const prices = new Map([['A', 50], ['B', 40], ['C', 25]]);
    const gaps = calculateWeightGaps(new Map([['A', 0.2], ['C', 0.1]]), new Map([['A', 0.3], ['B', 0.2]]), 10000);
    const out = gaps.map((g) =>
      g.gap > 0
        ? processBuyOpportunity(g, secs.get(g.symbol), pos.get(g.symbol), prices.get(g.symbol)!, cats)
        : processSellOpportunity(g, secs.get(g.symbol), pos.get(g.symbol), prices.get(g.symbol)!, cats, none),
    );
    expect(out.map((c) => [c?.side, c?.symbol, c?.quantity])).toEqual([['SELL', 'B', 50], ['BUY', 'C', 40], ['SELL', 'A', 19]]);
    expect(cats.rebalance_sells[0]).toMatchObject({ valueEur: 2000, priority: 20, reason: 'Optimizer target: 0.0% (current: 20.0%)', tags: ['rebalance', 'optimizer_target'] });
    expect(cats.rebalance_buys[0]).toMatchObject({ valueEur: 1000, currency: 'EUR', priority: 10, reason: 'Optimizer target: 10.0% (current: 0.0%)' });
    expect(cats.rebalance_sells[1]).toMatchObject({ valueEur: 950, priority: 9.999999999999998, reason: 'Optimizer target: 20.0% (current: 30.0%)', name: 'A Inc.' });
  });

  it('example 2: a buy below one lot is raised to the lot and tagged averaging_down when avg > price', () => {
    const cats = emptyCategories();
    const g = gap('D', 0.05, 0.06);
    const c = processBuyOpportunity(g, security('D', { minLot: 5 }), position('D', 5, 120, { currency: 'USD' }), 100, cats);
    expect(c).toMatchObject({ quantity: 5, valueEur: 500, currency: 'USD', tags: ['averaging_down', 'optimizer_target'], reason: 'Optimizer target: 6.0% (current: 5.0%)' });
    expect(c!.priority).toBeCloseTo(1, 12);
    expect(cats.averaging_down).toHaveLength(1);
    expect(cats.rebalance_buys).toHaveLength(0);
  });

  it('buy priority is multiplied, and skipped when not buyable', () => {
    const cats = emptyCategories();
    expect(processBuyOpportunity(gap('X', 0, 0.1), security('X', { priorityMultiplier: 2 }), undefined, 10, cats)!.priority).toBe(20);
    expect(processBuyOpportunity(gap('X', 0, 0.1), security('X', { allowBuy: false }), undefined, 10, cats)).toBeNull();
    expect(processBuyOpportunity(gap('X', 0, 0.1), undefined, undefined, 10, cats)).toBeNull();
    expect(cats.rebalance_buys).toHaveLength(1);
  });

  it('example 3: a sell keeps one lot, and is skipped when excluded or at one lot', () => {
    const e = security('E', { minLot: 5 });
    const g = gap('E', 0.012, 0.004);
    const cats = emptyCategories();
    const c = processSellOpportunity(g, e, position('E', 12, 10), 10, cats, none);
    expect(c).toMatchObject({ quantity: 7, valueEur: 70 });
    expect(c!.priority).toBeCloseTo(0.8, 12);
    expect(processSellOpportunity(g, e, position('E', 12, 10), 10, cats, { recentlySold: new Set(['E']), ineligible: new Set() })).toBeNull();
    expect(processSellOpportunity(g, e, position('E', 12, 10), 10, cats, { recentlySold: new Set(), ineligible: new Set(['E']) })).toBeNull();
    expect(processSellOpportunity(g, e, position('E', 5, 10), 10, cats, none)).toBeNull();
    expect(processSellOpportunity(g, e, undefined, 10, cats, none)).toBeNull();
    expect(processSellOpportunity(g, security('E', { allowSell: false }), position('E', 12, 10), 10, cats, none)).toBeNull();
    expect(cats.rebalance_sells).toHaveLength(1);
  });

  it('a sell of an unknown security uses the symbol as name and divides by 1', () => {
    const cats = emptyCategories();
    const c = processSellOpportunity(gap('Q', 0.1, 0), undefined, position('Q', 200, 10), 10, cats, none);
    expect(c).toMatchObject({ name: 'Q', quantity: 100, priority: 10 });
  });

  it('sell priority is divided by the multiplier', () => {
    const cats = emptyCategories();
    const c = processSellOpportunity(gap('Q', 0.1, 0), security('Q', { priorityMultiplier: 2 }), position('Q', 200, 10), 10, cats, none);
    expect(c!.priority).toBe(5);
  });
});
