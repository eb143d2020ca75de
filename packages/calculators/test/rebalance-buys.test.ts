import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rebalanceBuys } from '../src/rebalance-buys.js';
import { arbContext, expectWellFormed, makeContext, pos, sec } from './fixtures.js';
import type { FixtureInput } from './fixtures.js';

const defaults = rebalanceBuys.params.parse({});
const run = (ctx: ReturnType<typeof makeContext>, over: Partial<typeof defaults> = {}) =>
  rebalanceBuys.calculate(ctx, { ...defaults, ...over });

const groups = {
  countryGroups: { US: ['US'], EU: ['DE'], ASIA: ['JP'] },
  countryTargets: { US: 0.4, EU: 0.6, ASIA: 0.1 },
  fxRates: { JPY: 160 },
};
/** Holdings US 6000, EU 4000 (allocations 0.6 / 0.4), plus the given buy candidates. */
function world(extra: ReturnType<typeof sec>[], over: Partial<FixtureInput> = {}) {
  return makeContext({
    securities: [sec('A', { country: 'US', qualityScore: 0.6 }), sec('B', { country: 'DE', qualityScore: 0.4 }), ...extra],
    positions: [pos('A', 60, 100), pos('B', 40, 100)],
    ...groups,
    ...over,
  });
}

describe('rebalance_buys', () => {
  it('has the monolith-equivalent defaults', () => {
    expect(defaults).toEqual({ underweightThreshold: 0.05, priorityWeight: 1.0 });
    expect(rebalanceBuys.category).toBe('rebalance_buys');
    expect(() => rebalanceBuys.params.parse({ underweightThreshold: -0.01 })).toThrow();
  });

  it('reproduces the spec worked examples (§8)', () => {
    const out = run(
      world([
        sec('SAP', { country: 'DE', price: 120, qualityScore: 0.7 }),
        sec('7203.T', { country: 'JP', price: 2500, currency: 'JPY', minLot: 100 }),
        sec('AAPL', { country: 'US', price: 150, qualityScore: 0.9 }),
        sec('VALE', { country: 'BR', price: 12, qualityScore: 0.9 }),
      ]),
    );
    expect(out).toEqual([
      {
        side: 'BUY', symbol: 'SAP', name: 'SAP Inc', quantity: 2, price: 120, valueEur: 240, currency: 'EUR',
        priority: 0.7499999999999999, reason: 'Underweight EU by 20.0%', tags: ['rebalance', 'underweight_eu'],
      },
      {
        side: 'BUY', symbol: '7203.T', name: '7203.T Inc', quantity: 100, price: 2500, valueEur: 1562.5, currency: 'JPY',
        priority: 0.45, reason: 'Underweight ASIA by 10.0%', tags: ['rebalance', 'underweight_asia'],
      },
    ]);
  });

  it('needs current < target - threshold (strict)', () => {
    // EU holds 0.36 / 0.34 of the portfolio against a 0.40 target
    const at = (euValue: number, over: Partial<typeof defaults> = {}) =>
      run(
        makeContext({
          securities: [sec('A', { country: 'US' }), sec('B', { country: 'DE', qualityScore: 0.4 }), sec('SAP', { country: 'DE', qualityScore: 0.7 })],
          positions: [pos('A', (10_000 - euValue) / 100, 100), pos('B', euValue / 100, 100)],
          countryGroups: { US: ['US'], EU: ['DE'] },
          countryTargets: { US: 0.6, EU: 0.4 },
        }),
        over,
      ).map((c) => c.symbol);
    expect(at(3600)).toEqual([]);
    expect(at(3400)).toEqual(['SAP']);
    expect(at(3600, { underweightThreshold: 0.02 })).toEqual(['SAP']);
  });

  it('buys groups without holdings, also with an empty portfolio', () => {
    const empty = makeContext({ securities: [sec('SAP', { country: 'DE', qualityScore: 0.7 }), sec('T', { country: 'JP', qualityScore: 0.7 })], ...groups });
    expect(run(empty).map((c) => [c.symbol, c.reason])).toEqual([
      ['SAP', 'Underweight EU by 60.0%'],
      ['T', 'Underweight ASIA by 10.0%'],
    ]);
  });

  it('skips countryless, bought-recently, unquoted, low-quality securities and weight-based mode', () => {
    const sap = (over: Parameters<typeof sec>[1]) => sec('SAP', { country: 'DE', price: 120, qualityScore: 0.7, ...over });
    expect(run(world([sap({ country: '' })]))).toEqual([]);
    expect(run(world([sap({})], { recentlyBought: ['SAP'] }))).toEqual([]);
    expect(run(world([sap({ price: 0 })]))).toEqual([]);
    expect(run(world([sap({ qualityScore: 0.45 })]))).toEqual([]);
    expect(run(world([sap({ allowBuy: false })]))).toEqual([]);
    expect(run(world([sap({})], { targetWeights: { SAP: 0.1 } }))).toEqual([]);
    // B itself (DE, quality 0.4) is below the 0.5 universe floor: only SAP qualifies
    expect(run(world([sap({})])).map((c) => c.symbol)).toEqual(['SAP']);
  });

  it('multiplies by the priority multiplier and priorityWeight; ties keep securities order', () => {
    const ctx = world([
      sec('S1', { country: 'DE', qualityScore: 0.7 }),
      sec('S2', { country: 'DE', qualityScore: 0.7 }),
      sec('S3', { country: 'DE', qualityScore: 0.7, priorityMultiplier: 2 }),
    ]);
    const base = 0.19999999999999996 * 2 + 0.7 * 0.5;
    expect(run(ctx).map((c) => [c.symbol, c.priority])).toEqual([['S3', base * 2], ['S1', base], ['S2', base]]);
    expect(run(ctx, { priorityWeight: 0.9 })[1]?.priority).toBe(base * 0.9);
  });

  it('property: sorted BUYs, whole positive lot multiples, finite numbers', () => {
    fc.assert(
      fc.property(arbContext(), (ctx) => {
        const out = run(ctx);
        expectWellFormed(out, { side: 'BUY' });
        for (const c of out) {
          expect(c.tags[0]).toBe('rebalance');
          expect(c.quantity % (ctx.securitiesBySymbol.get(c.symbol)?.minLot ?? 1)).toBe(0);
        }
        if (ctx.weightBasedMode) expect(out).toEqual([]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
