import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opportunityBuys } from '../src/opportunity-buys.js';
import { arbContext, expectWellFormed, makeContext, pos, sec } from './fixtures.js';

const defaults = opportunityBuys.params.parse({});
const run = (ctx: ReturnType<typeof makeContext>, over: Partial<typeof defaults> = {}) =>
  opportunityBuys.calculate(ctx, { ...defaults, ...over });

const one = (quality: number | undefined, over: Parameters<typeof sec>[1] = {}) =>
  makeContext({ securities: [sec('X', { price: 40, ...(quality === undefined ? {} : { qualityScore: quality }), ...over })] });

describe('opportunity_buys', () => {
  it('has the monolith-equivalent defaults', () => {
    expect(defaults).toEqual({ minQualityScore: 0.7, priorityWeight: 1.0 });
    expect(opportunityBuys.category).toBe('opportunity_buys');
    expect(() => opportunityBuys.params.parse({ minQualityScore: -0.1 })).toThrow();
  });

  it('reproduces the spec worked examples (§6)', () => {
    const ctx = makeContext({
      fxRates: { HKD: 8.4 },
      securities: [
        sec('XYZ', { price: 40, qualityScore: 0.82 }),
        sec('0700.HK', { price: 50, currency: 'HKD', minLot: 100, qualityScore: 0.9, priorityMultiplier: 1.5 }),
      ],
    });
    expect(run(ctx)).toEqual([
      {
        side: 'BUY', symbol: '0700.HK', name: '0700.HK Inc', quantity: 100, price: 50, valueEur: 5000 / 8.4, currency: 'HKD',
        priority: 0.9 * 1.5, reason: 'High quality (score: 0.90)', tags: ['quality', 'opportunity'],
      },
      {
        side: 'BUY', symbol: 'XYZ', name: 'XYZ Inc', quantity: 6, price: 40, valueEur: 240, currency: 'EUR',
        priority: 0.82, reason: 'High quality (score: 0.82)', tags: ['quality', 'opportunity'],
      },
    ]);
  });

  it('needs quality >= minQualityScore (inclusive)', () => {
    expect(run(one(0.69))).toEqual([]);
    expect(run(one(0.7))).toHaveLength(1);
    expect(run(one(0.85), { minQualityScore: 0.8 })).toHaveLength(1);
    expect(run(one(0.79), { minQualityScore: 0.8 })).toEqual([]);
    // unscored -> 0.5, never an opportunity at the default; a threshold below 0.5 does not widen the universe
    expect(run(one(undefined))).toEqual([]);
    expect(run(one(0.45), { minQualityScore: 0.3 })).toEqual([]);
    expect(run(one(undefined), { minQualityScore: 0.3 })).toHaveLength(1);
  });

  it('formats the score like Python (half-to-even on exact ties)', () => {
    expect(run(one(0.625), { minQualityScore: 0.6 })[0]?.reason).toBe('High quality (score: 0.62)');
    expect(run(one(0.875))[0]?.reason).toBe('High quality (score: 0.88)');
  });

  it('skips bought-recently, unbuyable, unquoted securities and weight-based mode', () => {
    const base = makeContext({ securities: [sec('X', { price: 40, qualityScore: 0.9 })], recentlyBought: ['X'] });
    expect(run(base)).toEqual([]);
    expect(run(one(0.9, { allowBuy: false }))).toEqual([]);
    expect(run(one(0.9, { price: 0 }))).toEqual([]);
    expect(run(makeContext({ securities: [sec('X', { price: 40, qualityScore: 0.9 })], targetWeights: { X: 0.1 } }))).toEqual([]);
    expect(run(makeContext({ securities: [] }))).toEqual([]);
  });

  it('treats held and unheld alike, ignores cash, honours priorityWeight and base amount', () => {
    const ctx = makeContext({
      securities: [sec('A', { price: 40, qualityScore: 0.8 }), sec('B', { price: 40, qualityScore: 0.8 }), sec('C', { price: 300, qualityScore: 0.75 })],
      positions: [pos('B', 10, 40)],
    });
    const out = run(ctx);
    expect(out.map((c) => c.symbol)).toEqual(['A', 'B', 'C']); // ties keep securities order
    expect(out[2]).toMatchObject({ quantity: 1, valueEur: 300 }); // one share already above 250
    expect(run(ctx, { priorityWeight: 1.2 })[0]?.priority).toBe(0.8 * 1.2);
    expect(run(ctx, { baseTradeAmountEur: 1000 })[0]).toMatchObject({ quantity: 25, valueEur: 1000 });
  });

  it('sizes from the costs: 1000 EUR when the cost ratio leaves no room', () => {
    const ctx = makeContext({ securities: [sec('X', { price: 40, qualityScore: 0.9 })], transactionCostPercent: 0.01 });
    expect(run(ctx)[0]).toMatchObject({ quantity: 25, valueEur: 1000 });
  });

  it('property: sorted BUYs, whole positive lot multiples, finite numbers, quality at least the threshold', () => {
    fc.assert(
      fc.property(arbContext(), (ctx) => {
        const out = run(ctx);
        expectWellFormed(out, { side: 'BUY' });
        for (const c of out) {
          const s = ctx.securitiesBySymbol.get(c.symbol);
          expect(s?.allowBuy).toBe(true);
          expect(s?.qualityScore ?? 0.5).toBeGreaterThanOrEqual(0.7);
          expect(c.quantity % (s?.minLot ?? 1)).toBe(0);
        }
        if (ctx.weightBasedMode) expect(out).toEqual([]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
