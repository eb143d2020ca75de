import { describe, expect, it } from 'vitest';
import { simulateSequence } from './simulate.js';
import { action, context } from './fixtures.js';

const ctx = context({
  securities: [
    { symbol: 'A', price: 100, country: 'United States' },
    { symbol: 'B', price: 50, country: 'Germany' },
    { symbol: 'U', price: 108, currency: 'USD', country: 'United States' },
  ],
  holdings: [
    { symbol: 'A', quantity: 10 },
    { symbol: 'B', quantity: 10 },
  ],
  cash: 1000,
  fxRates: { USD: 1.08 },
  countryTargets: { US: 0.6, EU: 0.4 },
  countryGroups: { US: ['United States'], EU: ['Germany'] },
});
const sim = (seq: Parameters<typeof simulateSequence>[0], options?: Parameters<typeof simulateSequence>[4]) =>
  simulateSequence(seq, ctx.portfolio, ctx.availableCashEur, ctx.securitiesBySymbol, options);

describe('simulateSequence (§3.1)', () => {
  it('buys add value, take cash, keep the total', () => {
    const r = sim([action('BUY', 'U', 5, 108, 500, 'USD')]);
    expect([...r.portfolio.positions]).toEqual([
      ['A', 1000],
      ['B', 500],
      ['U', 500],
    ]);
    expect(r.cash).toBe(500);
    expect(r.portfolio.totalValue).toBe(1500);
  });

  it('skips an unaffordable buy without building a context; an exactly affordable one applies', () => {
    const skipped = sim([action('BUY', 'B', 21, 50)]);
    expect(skipped.portfolio).toBe(ctx.portfolio);
    expect(skipped.cash).toBe(1000);
    const exact = sim([action('BUY', 'B', 20, 50)]);
    expect(exact.portfolio.positions.get('B')).toBe(1500);
    expect(exact.cash).toBe(0);
  });

  it('a sell beyond the position removes it and credits the full value', () => {
    const r = sim([action('SELL', 'A', 12, 100)]);
    expect(r.portfolio.positions.has('A')).toBe(false);
    expect(r.cash).toBe(2200);
  });

  it('a symbol sold out and bought again moves to the end of the positions', () => {
    const r = sim([action('SELL', 'A', 10, 100), action('BUY', 'A', 1, 100)]);
    expect([...r.portfolio.positions.keys()]).toEqual(['B', 'A']);
  });

  it('reference quirk: group maps are dropped after the first applied action', () => {
    const dropped = sim([action('SELL', 'A', 1, 100)]);
    expect(dropped.portfolio.countryToGroup.size).toBe(0);
    expect(dropped.portfolio.positionAvgPrices.size).toBe(0);
    expect(dropped.portfolio.currentPrices.size).toBe(0);
    const kept = sim([action('SELL', 'A', 1, 100)], { compat: { simulationDropsGroupMaps: false } });
    expect(kept.portfolio.countryToGroup).toBe(ctx.portfolio.countryToGroup);
    expect(kept.portfolio.currentPrices).toBe(ctx.portfolio.currentPrices);
  });

  it('reference quirk: a price shift uses the local price; corrected it scales value_eur', () => {
    const buy = action('BUY', 'U', 5, 108, 500, 'USD');
    const adj = new Map([['U', 1.0]]);
    expect(sim([buy], { priceAdjustments: adj }).portfolio.positions.get('U')).toBe(540);
    expect(
      sim([buy], { priceAdjustments: adj, compat: { priceShiftUsesLocalPrice: false } }).portfolio.positions.get('U'),
    ).toBe(500);
    expect(sim([buy], { priceAdjustments: new Map([['U', 0.9]]) }).portfolio.positions.get('U')).toBe(5 * (108 * 0.9));
  });

  it('reference quirk: costs are not taken from cash; corrected they are', () => {
    const seq = [action('SELL', 'A', 5, 100), action('BUY', 'B', 10, 50)];
    expect(sim(seq, { transactionCostFixed: 2, transactionCostPercent: 0.002 }).cash).toBe(1000);
    const corrected = sim(seq, { compat: { costsNotDeductedFromCash: false }, transactionCostFixed: 2, transactionCostPercent: 0.002 });
    expect(corrected.cash).toBeCloseTo(1000 - 2 - 1 - 2 - 1, 9);
    // a buy that fits the cash but not cash + cost is skipped
    const tight = sim([action('BUY', 'B', 20, 50)], { compat: { costsNotDeductedFromCash: false }, transactionCostFixed: 2 });
    expect(tight.portfolio.positions.get('B')).toBe(500);
  });

  it('never mutates its inputs', () => {
    const before = JSON.stringify([...ctx.portfolio.positions]);
    sim([action('SELL', 'A', 10, 100), action('BUY', 'U', 1, 108, 100, 'USD')]);
    expect(JSON.stringify([...ctx.portfolio.positions])).toBe(before);
  });
});
