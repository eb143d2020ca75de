import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averagingDown } from '../src/averaging-down.js';
import { arbContext, expectWellFormed, makeContext, pos, sec } from './fixtures.js';
import type { FixtureInput } from './fixtures.js';

const defaults = averagingDown.params.parse({});
const run = (ctx: ReturnType<typeof makeContext>, over: Partial<typeof defaults> = {}) =>
  averagingDown.calculate(ctx, { ...defaults, ...over });

/** One held EUR security quoted at `quote`, bought at `avg`. */
function dip(quote: number, avg: number, over: Partial<FixtureInput> & { quality?: number } = {}) {
  return makeContext({
    securities: [sec('A', { price: quote, qualityScore: over.quality ?? 0.8 })],
    positions: [pos('A', 10, avg)],
    ...over,
  });
}

describe('averaging_down', () => {
  it('has the monolith-equivalent defaults', () => {
    expect(defaults).toEqual({ dipThreshold: -0.2, minQualityScore: 0.6, priorityWeight: 1.0, dipRule: 'large_dip', maxDrawdown: -0.15 });
    expect(defaults.baseTradeAmountEur).toBeUndefined();
    expect(averagingDown.category).toBe('averaging_down');
    expect(() => averagingDown.params.parse({ dipThreshold: 0.1 })).toThrow();
    expect(() => averagingDown.params.parse({ minQualityScore: 1.1 })).toThrow();
  });

  it('reproduces the spec worked examples (§5)', () => {
    const secs = [
      sec('AAPL.US', { price: 110, currency: 'USD', qualityScore: 0.75 }),
      sec('BIG', { price: 400, qualityScore: 0.8 }),
    ];
    const positions = [pos('AAPL.US', 40, 150), pos('BIG', 5, 600)];
    const out = run(makeContext({ securities: secs, positions }));
    expect(out).toEqual([
      {
        side: 'BUY', symbol: 'BIG', name: 'BIG Inc', quantity: 1, price: 400, valueEur: 400, currency: 'EUR',
        priority: 0.8 + 1 / 3, reason: 'Quality security down 33%, averaging down', tags: ['averaging_down', 'buy_low'],
      },
      {
        side: 'BUY', symbol: 'AAPL.US', name: 'AAPL.US Inc', quantity: 2, price: 110, valueEur: 220, currency: 'USD',
        priority: 0.75 + 40 / 150, reason: 'Quality security down 27%, averaging down', tags: ['averaging_down', 'buy_low'],
      },
    ]);
    const withRate = run(makeContext({ securities: secs, positions, fxRates: { USD: 1.1 } }));
    expect(withRate[1]).toMatchObject({ quantity: 2, valueEur: 199.99999999999997 });
  });

  it('needs a loss strictly below dipThreshold', () => {
    expect(run(dip(80, 100))).toEqual([]);
    expect(run(dip(79.99, 100))).toHaveLength(1);
    expect(run(dip(75, 100), { dipThreshold: -0.3 })).toEqual([]);
    expect(run(dip(69, 100), { dipThreshold: -0.3 })).toHaveLength(1);
  });

  it('needs quality >= minQualityScore, and the 0.5 universe floor still applies', () => {
    expect(run(dip(70, 100, { quality: 0.59 }))).toEqual([]);
    expect(run(dip(70, 100, { quality: 0.6 }))).toHaveLength(1);
    expect(run(dip(70, 100, { quality: 0.49 }), { minQualityScore: 0.4 })).toEqual([]);
    // no scores at all -> everyone reads 0.5 -> below 0.6
    expect(run(makeContext({ securities: [sec('A', { price: 70 })], positions: [pos('A', 10, 100)] }))).toEqual([]);
  });

  it('needs a held value and an average price from the portfolio context', () => {
    const unheld = makeContext({ securities: [sec('A', { price: 70, qualityScore: 0.8 })] });
    expect(run(unheld)).toEqual([]);
    const ctx = dip(70, 100);
    const noAvg = { ...ctx, portfolio: { ...ctx.portfolio, positionAvgPrices: new Map<string, number>() } };
    expect(run(noAvg)).toEqual([]);
    const zeroAvg = { ...ctx, portfolio: { ...ctx.portfolio, positionAvgPrices: new Map([['A', 0]]) } };
    expect(run(zeroAvg)).toEqual([]);
  });

  it('skips the security in buy cooldown, not buyable, without a quote, and in weight-based mode', () => {
    expect(run(dip(70, 100, { recentlyBought: ['A'] }))).toEqual([]);
    expect(run(makeContext({ securities: [sec('A', { price: 70, qualityScore: 0.8, allowBuy: false })], positions: [pos('A', 10, 100)] }))).toEqual([]);
    const noQuote = dip(70, 100);
    expect(run({ ...noQuote, buyPrices: new Map() })).toEqual([]);
    expect(run(dip(70, 100, { targetWeights: { A: 0.5 } }))).toEqual([]);
    expect(run(makeContext({ securities: [] }))).toEqual([]);
  });

  it('sizes by whole lots with the currency rate and ignores cash', () => {
    const lots = makeContext({ securities: [sec('A', { price: 30, minLot: 5, qualityScore: 0.8 })], positions: [pos('A', 10, 100)] });
    expect(lots.availableCashEur).toBe(0);
    expect(run(lots)[0]).toMatchObject({ quantity: 5, valueEur: 150 });
    const jp = makeContext({
      fxRates: { JPY: 160 },
      securities: [sec('7203.T', { price: 2500, currency: 'JPY', minLot: 100, qualityScore: 0.8 })],
      positions: [pos('7203.T', 100, 4000)],
    });
    expect(run(jp)[0]).toMatchObject({ quantity: 100, price: 2500, valueEur: 1562.5, currency: 'JPY' });
    expect(run(dip(70, 100), { baseTradeAmountEur: 1000 })[0]).toMatchObject({ quantity: 14, valueEur: 980 });
  });

  it('applies priorityWeight and the priority multiplier, keeps ties in securities order', () => {
    const ctx = makeContext({
      securities: [sec('B', { price: 70, qualityScore: 0.8 }), sec('A', { price: 70, qualityScore: 0.8 }), sec('C', { price: 70, qualityScore: 0.8, priorityMultiplier: 2 })],
      positions: [pos('A', 10, 100), pos('B', 10, 100), pos('C', 10, 100)],
    });
    const base = 0.8 + Math.abs((70 - 100) / 100);
    expect(run(ctx).map((c) => [c.symbol, c.priority])).toEqual([['C', base * 2], ['B', base], ['A', base]]);
    expect(run(ctx, { priorityWeight: 1.1 })[1]?.priority).toBe(base * 1.1);
  });

  it("opt-in small_dip rule keeps the modular reference's maxDrawdown <= loss < 0", () => {
    expect(run(dip(90, 100), { dipRule: 'small_dip' })).toHaveLength(1);
    expect(run(dip(85, 100), { dipRule: 'small_dip' })).toHaveLength(1);
    expect(run(dip(84.99, 100), { dipRule: 'small_dip' })).toEqual([]);
    expect(run(dip(100, 100), { dipRule: 'small_dip' })).toEqual([]);
    expect(run(dip(90, 100))).toEqual([]);
  });

  it('property: sorted BUYs of held securities, whole positive quantities, finite numbers', () => {
    fc.assert(
      fc.property(arbContext(), (ctx) => {
        const out = run(ctx);
        expectWellFormed(out, { side: 'BUY' });
        for (const c of out) {
          expect(ctx.positionsBySymbol.has(c.symbol)).toBe(true);
          expect(ctx.recentlyBought.has(c.symbol)).toBe(false);
          const lot = ctx.securitiesBySymbol.get(c.symbol)?.minLot ?? 1;
          expect(c.quantity % lot).toBe(0);
        }
        if (ctx.weightBasedMode) expect(out).toEqual([]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
