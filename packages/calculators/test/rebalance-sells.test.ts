import { COMPAT_DEFAULTS } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rebalanceSells } from '../src/rebalance-sells.js';
import { arbContext, expectWellFormed, makeContext, pos, sec } from './fixtures.js';
import type { FixtureInput } from './fixtures.js';

const defaults = rebalanceSells.params.parse({});
const run = (ctx: ReturnType<typeof makeContext>, over: Partial<typeof defaults> = {}) =>
  rebalanceSells.calculate(ctx, { ...defaults, ...over });

const groups = { countryGroups: { US: ['US'], EU: ['DE'] }, countryTargets: { US: 0.4, EU: 0.6 } };

/** A (US) holds `usValue` EUR, B (DE) the rest of 10 000, at price 100. */
function split(usValue: number, over: Partial<FixtureInput> = {}) {
  return makeContext({
    securities: [sec('A', { country: 'US' }), sec('B', { country: 'DE' })],
    positions: [pos('A', usValue / 100, 90), pos('B', (10_000 - usValue) / 100, 90)],
    ...groups,
    ...over,
  });
}

describe('rebalance_sells', () => {
  it('has the monolith-equivalent defaults', () => {
    expect(defaults).toEqual({ overweightThreshold: 0.05, maxSellPct: 0.3, priorityWeight: 1.0 });
    expect(rebalanceSells.category).toBe('rebalance_sells');
    expect(() => rebalanceSells.params.parse({ overweightThreshold: 0.25 })).toThrow();
    expect(() => rebalanceSells.params.parse({ maxSellPct: 0 })).toThrow();
  });

  it('reproduces spec worked example 1 (§7)', () => {
    expect(run(split(6000))).toEqual([
      {
        side: 'SELL', symbol: 'A', name: 'A Inc', quantity: 18, price: 100, valueEur: 1800, currency: 'EUR',
        priority: 0.3999999999999999, reason: 'Overweight US by 20.0%', tags: ['rebalance', 'overweight_us'],
      },
    ]);
  });

  it('sizes in the trading currency but reports the un-rounded EUR target as value (reference quirk)', () => {
    const ctx = makeContext({
      fxRates: { USD: 1.1 },
      securities: [sec('A', { country: 'US' }), sec('C', { country: 'US', currency: 'USD' }), sec('B', { country: 'DE' })],
      positions: [pos('A', 40, 90), pos('C', 22, 90), pos('B', 40, 90)],
      ...groups,
    });
    const c = run(ctx).find((x) => x.symbol === 'C');
    expect(c).toMatchObject({ quantity: 6, price: 100, currency: 'USD', reason: 'Overweight US by 20.0%' });
    expect(c?.valueEur).toBe((2200 / 1.1) * 0.3);
    expect(c?.valueEur).not.toBe((6 * 100) / 1.1);
  });

  it('compat off: valueEur is quantity × price / rate and the quantity is in whole lots', () => {
    const ctx = makeContext({
      fxRates: { USD: 1.1 },
      securities: [sec('A', { country: 'US' }), sec('C', { country: 'US', currency: 'USD', minLot: 4 }), sec('B', { country: 'DE' })],
      positions: [pos('A', 40, 90), pos('C', 22, 90), pos('B', 40, 90)],
      ...groups,
    });
    const value = run({ ...ctx, compat: { ...COMPAT_DEFAULTS, valueEurNotFromQuantity: false } }).find((x) => x.symbol === 'C');
    expect(value).toMatchObject({ quantity: 6, valueEur: (6 * 100) / 1.1 });
    const lots = run({ ...ctx, compat: { ...COMPAT_DEFAULTS, valueEurNotFromQuantity: false, tradesBreakBoardLot: false } });
    expect(lots.find((x) => x.symbol === 'C')).toMatchObject({ quantity: 4, valueEur: (4 * 100) / 1.1 });
  });

  it('needs current > target + threshold (strict)', () => {
    expect(run(split(4400))).toEqual([]);
    expect(run(split(4490))).toEqual([]);
    expect(run(split(4510)).map((c) => c.symbol)).toEqual(['A']);
    expect(run(split(4400), { overweightThreshold: 0.02 }).map((c) => c.symbol)).toEqual(['A']);
  });

  it('sells at most maxSellPct of the position, at most the group excess', () => {
    expect(run(split(6000), { maxSellPct: 0.1 })[0]).toMatchObject({ quantity: 6, valueEur: 600 });
    // excess (0.46 - 0.4) * 10 000 = 600 < 30% of 4600 = 1380
    const small = run(split(4600), { overweightThreshold: 0.01 })[0];
    expect(small?.quantity).toBe(6);
    expect(small?.valueEur).toBe((0.46 - 0.4) * 10_000);
  });

  it('skips cooled-down, ineligible, unsellable, countryless positions and weight-based mode', () => {
    expect(run(split(6000, { recentlySold: ['A'] }))).toEqual([]);
    expect(run(split(6000, { ineligible: ['A'] }))).toEqual([]);
    const locked = makeContext({ securities: [sec('A', { country: 'US', allowSell: false }), sec('B', { country: 'DE' })], positions: [pos('A', 60, 90), pos('B', 40, 90)], ...groups });
    expect(run(locked)).toEqual([]);
    const noCountry = makeContext({ securities: [sec('A', { country: '' }), sec('B', { country: 'DE' })], positions: [pos('A', 60, 90), pos('B', 40, 90)], ...groups });
    expect(run(noCountry)).toEqual([]);
    expect(run(split(6000, { targetWeights: { A: 0.5 } }))).toEqual([]);
    expect(run(makeContext({ securities: [], positions: [] }))).toEqual([]);
  });

  it('skips a group absent from the allocations', () => {
    const ctx = split(6000);
    expect(run({ ...ctx, countryAllocations: new Map([['EU', 0.4]]) })).toEqual([]);
  });

  it('works without any country groups: everything is OTHER with target 0', () => {
    const ctx = makeContext({ securities: [sec('A', { country: 'US' }), sec('B', { country: 'DE' })], positions: [pos('A', 60, 90), pos('B', 40, 90)] });
    expect(run(ctx).map((c) => [c.symbol, c.quantity, c.priority, c.reason, c.tags[1]])).toEqual([
      ['A', 18, 2, 'Overweight OTHER by 100.0%', 'overweight_other'],
      ['B', 12, 2, 'Overweight OTHER by 100.0%', 'overweight_other'],
    ]);
  });

  it('divides by the priority multiplier, multiplies by priorityWeight', () => {
    const ctx = makeContext({
      securities: [sec('A', { country: 'US', priorityMultiplier: 2 }), sec('C', { country: 'US' }), sec('B', { country: 'DE' })],
      positions: [pos('A', 30, 90), pos('C', 30, 90), pos('B', 40, 90)],
      ...groups,
    });
    expect(run(ctx).map((c) => [c.symbol, c.priority])).toEqual([['C', 0.3999999999999999], ['A', 0.3999999999999999 / 2]]);
    expect(run(ctx, { priorityWeight: 0.8 })[0]?.priority).toBe(0.19999999999999996 * 2 * 0.8);
  });

  it('falls back to the average price when the mark price is 0, and skips a position without any price', () => {
    const ctx = split(6000);
    const view = { ...ctx.positions[0]!, markPrice: 0 };
    const fallback = { ...ctx, positions: [view, ctx.positions[1]!] };
    expect(run(fallback)[0]).toMatchObject({ price: 90, quantity: 20, valueEur: 1800 });
    const noPrice = { ...ctx, positions: [{ ...view, avgPrice: 0 }, ctx.positions[1]!] };
    expect(run(noPrice)).toEqual([]);
  });

  it('property: sorted SELLs of held, sellable, unblocked positions; whole positive quantities', () => {
    fc.assert(
      fc.property(arbContext(), (ctx) => {
        const out = run(ctx);
        expectWellFormed(out, { side: 'SELL' });
        for (const c of out) {
          expect(ctx.positionsBySymbol.has(c.symbol)).toBe(true);
          expect(ctx.recentlySold.has(c.symbol) || ctx.ineligibleSymbols.has(c.symbol)).toBe(false);
          expect(c.valueEur).toBeLessThanOrEqual((ctx.positionsBySymbol.get(c.symbol)?.marketValueEur ?? 0) * 0.3 + 1e-9);
        }
        if (ctx.weightBasedMode) expect(out).toEqual([]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
