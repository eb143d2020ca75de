import { buildContext, parseSnapshot } from '@planner/context';
import { expect, it } from 'vitest';
import { calculators, opportunityBuys } from '../src/index.js';

// Mirrors the example of README.md, so the README stays runnable.
it('README example', () => {
  const snapshot = parseSnapshot({
    asOf: '2025-01-01T00:00:00',
    baseCurrency: 'EUR',
    cash: { EUR: 1000 },
    fxRates: { EUR: 1 },
    securities: [
      { symbol: 'XYZ', name: 'XYZ AG', currency: 'EUR', price: 40, country: 'DE', industry: 'Tech', qualityScore: 0.82 },
    ],
    positions: [],
    targets: { countries: { EU: 0.6 }, countryGroups: { EU: ['DE'] } },
  });
  const ctx = buildContext(snapshot, {
    transactionCostFixed: 2, transactionCostPercent: 0.002, allowBuy: true, allowSell: true,
    minHoldDays: 90, sellCooldownDays: 180, buyCooldownDays: 30, maxLossThreshold: -0.2, minSecurityScore: 0.5,
  });
  expect(opportunityBuys.calculate(ctx, opportunityBuys.params.parse({}))).toEqual([
    {
      side: 'BUY', symbol: 'XYZ', name: 'XYZ AG', quantity: 6, price: 40, valueEur: 240, currency: 'EUR',
      priority: 0.82, reason: 'High quality (score: 0.82)', tags: ['quality', 'opportunity'],
    },
  ]);
  const counts = calculators.map((calc) => [calc.name, calc.calculate(ctx, calc.params.parse({}) as never).length]);
  expect(counts).toEqual([
    ['profit_taking', 0], ['averaging_down', 0], ['opportunity_buys', 1], ['rebalance_sells', 0], ['rebalance_buys', 1], ['weight_based', 0],
  ]);
});
