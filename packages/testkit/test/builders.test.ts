import { describe, expect, it } from 'vitest';
import { candidate, countingRng, noRandom, opportunityContext, position, positionView, security } from '../src/index.js';

describe('@planner/testkit builders', () => {
  it('a candidate is worth its quantity times its price unless told otherwise', () => {
    expect(candidate('BUY', 'A').valueEur).toBe(10);
    expect(candidate('SELL', 'A', { quantity: 3, price: 7 }).valueEur).toBe(21);
    expect(candidate('BUY', 'A', { quantity: 3, valueEur: 5 }).valueEur).toBe(5);
  });

  it('a position view is marked at its cost unless a mark price is given', () => {
    expect(positionView('A', 4, 25)).toMatchObject({ markPrice: 25, marketValueEur: 100, currency: 'EUR' });
    expect(positionView('A', 4, 25, { markPrice: 30 }).marketValueEur).toBe(120);
  });

  it('the opportunity context derives its maps from the securities and positions, as the parity builder does', () => {
    const ctx = opportunityContext({
      securities: [security('A', { country: 'DE', price: 50 }), security('B', { currency: 'USD', price: 0 })],
      positions: [position('A', 10, 40)],
      countryGroups: { EU: ['DE'] },
      targetWeights: { A: 0.5 },
      fxRates: { USD: 1.1 },
    });
    expect(ctx.portfolio.positions.get('A')).toBe(500);
    expect(ctx.countryAllocations.get('EU')).toBe(1);
    expect([...ctx.buyPrices.keys()]).toEqual(['A']);
    expect(ctx.weightBasedMode).toBe(true);
    expect(ctx.fxRate('USD')).toBe(1.1);
    expect(ctx.baseTradeAmountEur).toBeCloseTo(2 / 0.008, 9);
  });

  it('noRandom fails on any draw; countingRng counts the draws it passes on', () => {
    expect(() => noRandom.random()).toThrow('unexpected draw');
    expect(() => noRandom.gauss(0, 1)).toThrow('unexpected draw');
    const rng = countingRng({ random: () => 0.25, randint: (lo) => lo, choices: (p) => [...p], gauss: (mu) => mu });
    expect([rng.random(), rng.randint(3, 9), rng.gauss(1, 2)]).toEqual([0.25, 3, 1]);
    expect(rng.calls).toBe(3);
  });
});
