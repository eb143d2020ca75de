import type { ActionCandidate } from '@planner/contracts';
import { buy as kitBuy, sell as kitSell } from '@planner/testkit';
import { describe, expect, it } from 'vitest';
import { aggregatePlans, highestPriorityAction } from '../src/aggregate.js';
import { calculateAggression, scaleActions } from '../src/aggression.js';

describe('calculateAggression (the reference test cases, pipeline.md §7.5)', () => {
  it.each([
    // current, target, hwm -> aggression, allocation, drawdown level, pct, drawdown, limiting
    [10_000, 10_000, undefined, 1.0, 1.0, 1.0, 1.0, 0, 'equal'],
    [15_000, 10_000, undefined, 1.0, 1.0, 1.0, 1.5, 0, 'equal'],
    [9_000, 10_000, undefined, 0.8, 0.8, 1.0, 0.9, 0, 'allocation'],
    [7_000, 10_000, undefined, 0.6, 0.6, 1.0, 0.7, 0, 'allocation'],
    [5_000, 10_000, undefined, 0.4, 0.4, 1.0, 0.5, 0, 'allocation'],
    [3_000, 10_000, undefined, 0.0, 0.0, 1.0, 0.3, 0, 'allocation'],
    [10_000, 10_000, 11_111.111111111111, 1.0, 1.0, 1.0, 1.0, 0.1, 'equal'],
    [12_000, 10_000, 15_000, 0.7, 1.0, 0.7, 1.2, 0.2, 'drawdown'],
    [14_000, 10_000, 20_000, 0.3, 1.0, 0.3, 1.4, 0.3, 'drawdown'],
    [12_000, 10_000, 20_000, 0.0, 1.0, 0.0, 1.2, 0.4, 'drawdown'],
    [8_500, 10_000, 12_500, 0.3, 0.8, 0.3, 0.85, 0.32, 'drawdown'],
    [8_000, 10_000, 0, 0.8, 0.8, 1.0, 0.8, 0, 'allocation'],
    [5_000, 0, undefined, 0.0, 0.0, 1.0, 0, 0, 'allocation'],
    [5_000, 0.009, undefined, 0.0, 0.0, 1.0, 0, 0, 'allocation'],
  ] as const)('current %d, target %d, hwm %s', (current, target, hwm, aggression, allocation, drawdownLevel, pct, drawdown, limiting) => {
    const r = calculateAggression(current, target, hwm);
    expect(r.aggression).toBeCloseTo(aggression, 12);
    expect(r.allocationAggression).toBe(allocation);
    expect(r.drawdownAggression).toBe(drawdownLevel);
    expect(r.pctOfTarget).toBeCloseTo(pct, 12);
    expect(r.drawdown).toBeCloseTo(drawdown, 12);
    expect(r.limitingFactor).toBe(limiting);
    expect(r.inHibernation).toBe(aggression === 0);
  });

  it('a value above the high-water mark has no drawdown', () => {
    expect(calculateAggression(12_000, 10_000, 11_000).drawdown).toBe(0);
  });
});

const buy = (symbol: string, quantity: number, price: number, currency = 'EUR'): ActionCandidate =>
  kitBuy(symbol, { quantity, price, currency, priority: 1, reason: 'cheap', tags: ['opportunity'] });
const sell = (symbol: string, quantity: number, price: number): ActionCandidate =>
  kitSell(symbol, { quantity, price, priority: 1, reason: 'windfall', tags: ['opportunity'] });

describe('scaleActions (pipeline.md §7.5 step 7)', () => {
  const quote = (rate = 1, minLot = 1) => () => ({ rate, minLot });

  it('truncates quantities, drops zeros, revalues in EUR, suffixes the reason and tags the action', () => {
    const out = scaleActions([buy('A', 10, 5, 'USD'), buy('B', 1, 7), sell('C', 3, 10)], 0.7, 10_000, quote(1.25));
    expect(out).toEqual([
      { ...buy('A', 7, 5, 'USD'), valueEur: 7 * 5 / 1.25, reason: 'cheap (scaled 70% due to aggression)', tags: ['opportunity', 'aggression_scaled'] },
      { ...sell('C', 2, 10), valueEur: 2 * 10 / 1.25, reason: 'windfall (scaled 70% due to aggression)', tags: ['opportunity', 'aggression_scaled'] },
    ]);
  });

  it('returns the actions unchanged at full aggression', () => {
    const actions = [buy('A', 10, 5)];
    expect(scaleActions(actions, 1, 0, quote())).toEqual(actions);
  });

  it('rounds down to the board lot', () => {
    expect(scaleActions([buy('A', 300, 1)], 0.8, 10_000, quote(1, 100)).map((a) => a.quantity)).toEqual([200]);
    expect(scaleActions([buy('A', 100, 1)], 0.8, 10_000, quote(1, 100))).toEqual([]);
  });

  it('never spends cash a sell scaled to nothing did not raise', () => {
    // Planned: sell 1 × 1000 then buy 9 × 100 with no cash. Scaled by 0.8 the sell is 0 shares, the buy 7.
    const out = scaleActions([sell('S', 1, 1000), buy('B', 9, 100)], 0.8, 250, quote());
    expect(out.map((a) => [a.side, a.symbol, a.quantity])).toEqual([['BUY', 'B', 2]]);
    expect(scaleActions([sell('S', 1, 1000), buy('B', 9, 100)], 0.8, 50, quote())).toEqual([]);
  });
});

describe('aggregatePlans and highestPriorityAction (pipeline.md §7.5)', () => {
  const plans = [
    { id: 'core', actions: [{ ...sell('A', 1, 10), priority: 1 }, { ...buy('B', 1, 10), priority: 1 }] },
    { id: 'sat', actions: [{ ...buy('C', 1, 10), priority: 2 }, { ...buy('D', 1, 10), priority: 1 }] },
    { id: 'empty', actions: [] },
  ];

  it('prefixes the reason, adds the bucket tag and sorts by priority keeping the buckets\' order on ties', () => {
    const all = aggregatePlans(plans);
    expect(all.map((a) => [a.bucket, a.symbol, a.reason, a.tags])).toEqual([
      ['sat', 'C', '[sat] cheap', ['opportunity', 'bucket:sat']],
      ['core', 'A', '[core] windfall', ['opportunity', 'bucket:core']],
      ['core', 'B', '[core] cheap', ['opportunity', 'bucket:core']],
      ['sat', 'D', '[sat] cheap', ['opportunity', 'bucket:sat']],
    ]);
  });

  it('picks the strictly highest priority, the first bucket on ties, null without actions', () => {
    expect(highestPriorityAction(plans)).toMatchObject({ bucket: 'sat', action: { symbol: 'C' } });
    expect(highestPriorityAction([plans[0]!, { id: 'x', actions: [buy('Z', 1, 1)] }])).toMatchObject({ bucket: 'core', action: { symbol: 'A' } });
    expect(highestPriorityAction([plans[2]!])).toBeNull();
  });
});
