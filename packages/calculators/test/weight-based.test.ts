import { COMPAT_DEFAULTS } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightBased, weightBasedCategory } from '../src/weight-based.js';
import { arbContext, expectWellFormed, makeContext, pos, sec } from './fixtures.js';
import type { FixtureInput } from './fixtures.js';

const defaults = weightBased.params.parse({});
const run = (ctx: ReturnType<typeof makeContext>, over: Partial<typeof defaults> = {}) =>
  weightBased.calculate(ctx, { ...defaults, ...over });

/** Example 1 of spec §9: T = 10 000 (Z fills the rest at its own target). */
function example1(over: Partial<FixtureInput> = {}) {
  return makeContext({
    securities: [sec('A', { price: 50 }), sec('B', { price: 40 }), sec('C', { price: 25 }), sec('Z', { price: 50 })],
    positions: [pos('A', 60, 60), pos('B', 50, 30), pos('Z', 100, 50)],
    targetWeights: { A: 0.2, C: 0.1, Z: 0.5 },
    ...over,
  });
}

/** E: 12 shares at 10 with lot 5, target 0.004 (spec §9 example 3); Z fills T = 10 000. */
function example3(over: Partial<FixtureInput> = {}, e: Parameters<typeof sec>[1] = {}, quantity = 12) {
  return makeContext({
    securities: [sec('E', { price: 10, minLot: 5, ...e }), sec('Z', { price: 988 })],
    positions: [pos('E', quantity, 10), pos('Z', (10_000 - quantity * 10) / 988, 988)],
    targetWeights: { E: 0.004, Z: (10_000 - quantity * 10) / 10_000 },
    ...over,
  });
}

describe('weight_based', () => {
  it('has the monolith-equivalent defaults', () => {
    expect(defaults).toEqual({ minGapThreshold: 0.005 });
    expect(weightBased.name).toBe('weight_based');
    expect(() => weightBased.params.parse({ minGapThreshold: 0.2 })).toThrow();
  });

  it('reproduces spec worked example 1 (§9) and routes each candidate', () => {
    const out = run(example1());
    expect(out).toEqual([
      {
        side: 'SELL', symbol: 'B', name: 'B Inc', quantity: 50, price: 40, valueEur: 2000, currency: 'EUR',
        priority: 20, reason: 'Optimizer target: 0.0% (current: 20.0%)', tags: ['rebalance', 'optimizer_target'],
      },
      {
        side: 'BUY', symbol: 'C', name: 'C Inc', quantity: 40, price: 25, valueEur: 1000, currency: 'EUR',
        priority: 10, reason: 'Optimizer target: 10.0% (current: 0.0%)', tags: ['rebalance', 'optimizer_target'],
      },
      {
        side: 'SELL', symbol: 'A', name: 'A Inc', quantity: 19, price: 50, valueEur: 950, currency: 'EUR',
        priority: 9.999999999999998, reason: 'Optimizer target: 20.0% (current: 30.0%)', tags: ['rebalance', 'optimizer_target'],
      },
    ]);
    const route = weightBased.category;
    expect(typeof route).toBe('function');
    expect(out.map((c) => weightBasedCategory(c))).toEqual(['rebalance_sells', 'rebalance_buys', 'rebalance_sells']);
  });

  it('raises a small buy to one lot and tags a buy below average cost as averaging down (example 2)', () => {
    const ctx = makeContext({
      securities: [sec('D', { price: 100, minLot: 5 }), sec('Z', { price: 100 })],
      positions: [pos('D', 5, 120), pos('Z', 95, 100)],
      targetWeights: { D: 0.06, Z: 0.95 },
    });
    const [d] = run(ctx);
    expect(d).toEqual({
      side: 'BUY', symbol: 'D', name: 'D Inc', quantity: 5, price: 100, valueEur: 500, currency: 'EUR',
      priority: 0.9999999999999996, reason: 'Optimizer target: 6.0% (current: 5.0%)', tags: ['averaging_down', 'optimizer_target'],
    });
    expect(weightBasedCategory(d!)).toBe('averaging_down');
  });

  it('never leaves a partial lot and never sells the last lot (example 3)', () => {
    expect(run(example3())).toMatchObject([{ side: 'SELL', symbol: 'E', quantity: 7, valueEur: 70, priority: 0.8 }]);
    expect(run(example3({}, {}, 5))).toEqual([]);
    expect(run(example3({ recentlySold: ['E'] }))).toEqual([]);
    expect(run(example3({ ineligible: ['E'] }))).toEqual([]);
    expect(run(example3({}, { allowSell: false }))).toEqual([]);
  });

  it('skips trades not worth their cost, with params overriding the context costs', () => {
    expect(run(example3({ transactionCostFixed: 50 }))).toEqual([]);
    expect(run(example3({ transactionCostFixed: 50 }), { transactionCostFixed: 2 })).toHaveLength(1);
    expect(run(example3(), { transactionCostFixed: 39.8 })).toHaveLength(1); // 80 >= 2 * (39.8 + 0.16)
    expect(run(example3(), { transactionCostFixed: 39.9 })).toEqual([]);
    expect(run(example3(), { transactionCostPercent: 0.5 })).toEqual([]);
  });

  it('uses minGapThreshold strictly', () => {
    expect(run(example3(), { minGapThreshold: 0.0079 })).toHaveLength(1);
    expect(run(example3(), { minGapThreshold: 0.008 })).toEqual([]);
    expect(run(example3(), { minGapThreshold: 0.01 })).toEqual([]);
  });

  it('returns nothing in heuristic mode, with a non-positive total or for unpriced symbols', () => {
    expect(run(example1({ targetWeights: {} }))).toEqual([]);
    const ctx = example1();
    expect(run({ ...ctx, portfolio: { ...ctx.portfolio, totalValue: 0 } })).toEqual([]);
    const noC = { ...ctx, currentPrices: new Map([...ctx.currentPrices].filter(([s]) => s !== 'C')) };
    expect(run(noC).map((c) => c.symbol)).toEqual(['B', 'A']);
  });

  it('skips buys of unknown or unbuyable securities', () => {
    const ctx = example1({
      securities: [sec('A', { price: 50 }), sec('B', { price: 40 }), sec('C', { price: 25, allowBuy: false }), sec('Z', { price: 50 })],
    });
    expect(run(ctx).map((c) => c.symbol)).toEqual(['B', 'A']);
  });

  it('sizes foreign securities as if priced in EUR (reference quirk); unheld buys say EUR', () => {
    const ctx = makeContext({
      fxRates: { USD: 1.1 },
      securities: [sec('U', { price: 25, currency: 'USD' }), sec('H', { price: 50, currency: 'USD' }), sec('Z', { price: 100 })],
      positions: [pos('H', 10, 40), pos('Z', 100 - 500 / 1.1 / 100, 100)],
      targetWeights: { U: 0.1, H: 0.1, Z: 0.5 },
    });
    const out = run(ctx);
    const u = out.find((c) => c.symbol === 'U');
    expect(u).toMatchObject({ quantity: Math.trunc((0.1 * 10_000) / 25), valueEur: 1000, currency: 'EUR' });
    expect(out.find((c) => c.symbol === 'H')?.currency).toBe('USD');
  });

  it('compat.weight_based_ignores_fx off: sized and valued with the rate, labelled in the security\'s currency', () => {
    const ctx = makeContext({
      fxRates: { USD: 1.1 },
      securities: [sec('U', { price: 25, currency: 'USD' }), sec('H', { price: 50, currency: 'USD' }), sec('Z', { price: 100 })],
      positions: [pos('H', 10, 40), pos('Z', 100 - 500 / 1.1 / 100, 100)],
      targetWeights: { U: 0.1, H: 0.1, Z: 0.5 },
    });
    const out = run({ ...ctx, compat: { ...COMPAT_DEFAULTS, weightBasedIgnoresFx: false } });
    const q = Math.trunc((0.1 * 10_000 * 1.1) / 25);
    expect(out.find((c) => c.symbol === 'U')).toMatchObject({ quantity: q, valueEur: (q * 25) / 1.1, currency: 'USD' });
    for (const c of out) expect(c.valueEur).toBeCloseTo((c.quantity * c.price) / (c.currency === 'USD' ? 1.1 : 1), 9);
  });

  it('compat.trades_break_board_lot off: buys and sells in whole lots', () => {
    const lots = makeContext({
      securities: [sec('L', { price: 10, minLot: 100 }), sec('S', { price: 10, minLot: 100 }), sec('Z', { price: 100 })],
      positions: [pos('S', 500, 10), pos('Z', 45, 100)],
      targetWeights: { L: 0.25, S: 0.025, Z: 0.45 },
    });
    // T = 9500: L's gap of 2375 EUR is 237 shares, rounded down to 2 lots; S sells 4 whole lots either way.
    expect(run(lots).map((c) => [c.symbol, c.quantity])).toEqual([['S', 400], ['L', 237], ['Z', 2]]);
    const executable = run({ ...lots, compat: { ...COMPAT_DEFAULTS, tradesBreakBoardLot: false } });
    expect(executable.map((c) => [c.symbol, c.quantity])).toEqual([['S', 400], ['L', 200], ['Z', 2]]);
  });

  it('multiplies buy priorities and divides sell priorities by the multiplier; ties keep gap order', () => {
    const ctx = makeContext({
      securities: [sec('P', { price: 10 }), sec('Q', { price: 10 }), sec('R', { price: 10, priorityMultiplier: 2 }), sec('S', { price: 10, priorityMultiplier: 2 }), sec('Z', { price: 10 })],
      positions: [pos('S', 100, 10), pos('Z', 900, 10)],
      targetWeights: { P: 0.1, Q: 0.1, R: 0.1, Z: 0.9 },
    });
    expect(run(ctx).map((c) => [c.symbol, c.priority])).toEqual([['R', 20], ['P', 10], ['Q', 10], ['S', 5]]);
  });

  it('property: sorted, whole positive quantities, finite numbers, valid routing, empty unless weight-based', () => {
    fc.assert(
      fc.property(arbContext(), (ctx) => {
        const out = run(ctx);
        expectWellFormed(out);
        if (!ctx.weightBasedMode) expect(out).toEqual([]);
        for (const c of out) {
          expect(c.tags[1]).toBe('optimizer_target');
          const cat = weightBasedCategory(c);
          expect(cat).toBe(c.side === 'SELL' ? 'rebalance_sells' : c.tags[0] === 'averaging_down' ? 'averaging_down' : 'rebalance_buys');
          if (c.side === 'SELL') expect(ctx.recentlySold.has(c.symbol) || ctx.ineligibleSymbols.has(c.symbol)).toBe(false);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
