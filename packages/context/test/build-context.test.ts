import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ContextSettings, PlannerSettings, PortfolioSnapshot } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { buildContext, contextSettingsFrom } from '../src/build-context.js';
import { parseSnapshot } from '../src/parse-snapshot.js';

const settings: ContextSettings = {
  transactionCostFixed: 2, transactionCostPercent: 0.002, allowBuy: true, allowSell: true, minHoldDays: 90,
  sellCooldownDays: 180, buyCooldownDays: 30, maxLossThreshold: -0.2, minSecurityScore: 0.5,
};

function snapshot(over: Record<string, unknown> = {}): PortfolioSnapshot {
  return parseSnapshot({
    asOf: '2026-01-02T12:00:00Z',
    baseCurrency: 'EUR',
    cash: { EUR: 1000, USD: 520 },
    fxRates: { USD: 1.04, GBP: 0.8 },
    minCashReserve: 200,
    securities: [
      { symbol: 'BBB.US', name: 'Bbb', currency: 'USD', price: 20.8, country: 'United States', industry: 'Tech, Media', qualityScore: 0.8, metrics: { cagr10y: 0.07, dividendYield: 0 } },
      { symbol: 'AAA', name: 'Aaa', currency: 'EUR', price: 10, country: 'Germany', industry: 'Tech', qualityScore: 0, metrics: { cagr5y: 0, cagr10y: 0.2 } },
      { symbol: 'CCC', name: 'Ccc', currency: 'GBP', price: 0, country: '', industry: '' },
      { symbol: 'DDD', name: 'Ddd', currency: 'EUR', price: 5, country: 'Japan', industry: 'Retail' },
    ],
    positions: [
      { symbol: 'AAA', quantity: 30, avgPrice: 8 },
      { symbol: 'BBB.US', quantity: 50, avgPrice: 30, currentPrice: 10.4 },
      { symbol: 'DDD', quantity: 40, avgPrice: 5 },
    ],
    targets: {
      countries: { US: 0.5, EU: 0.5 },
      industries: { TECH: 1 },
      countryGroups: { EU: ['Germany', 'France'], US: ['United States'] },
      industryGroups: { TECH: ['Tech'] },
    },
    ...over,
  });
}

describe('buildContext on a hand-made snapshot', () => {
  const ctx = buildContext(snapshot(), settings);

  it('values positions in EUR with the override price, in file order', () => {
    expect([...ctx.portfolio.positions]).toEqual([['AAA', 300], ['BBB.US', 500], ['DDD', 200]]);
    expect(ctx.portfolio.totalValue).toBe(1000);
    expect(ctx.totalPortfolioValueEur).toBe(1000);
    expect(ctx.positionsBySymbol.get('BBB.US')).toMatchObject({ currency: 'USD', markPrice: 10.4, marketValueEur: 500 });
    expect(ctx.positions.map((p) => p.symbol)).toEqual(['AAA', 'BBB.US', 'DDD']);
  });

  it('position views are the snapshot position plus currency, mark price and EUR value, keys in that order', () => {
    const snap = snapshot({ positions: [{ symbol: 'BBB.US', quantity: 50, avgPrice: 30, firstBoughtAt: '2025-01-01', currentPrice: 10.4 }] });
    const view = buildContext(snap, settings).positions[0];
    const spread = { ...snap.positions[0], currency: 'USD', markPrice: 10.4, marketValueEur: 500 };
    expect(JSON.stringify(view)).toBe(JSON.stringify(spread));
    expect(Object.keys(ctx.positions[0] ?? {})).toEqual(['symbol', 'quantity', 'avgPrice', 'currency', 'markPrice', 'marketValueEur']);
  });

  it('a currentPrice of 0 values the position at 0, as the reference does (DECISIONS #25)', () => {
    const snap = snapshot({ positions: [{ symbol: 'AAA', quantity: 30, avgPrice: 8, currentPrice: 0 }, { symbol: 'DDD', quantity: 40, avgPrice: 5 }] });
    const c = buildContext(snap, settings);
    expect([...c.portfolio.positions]).toEqual([['AAA', 0], ['DDD', 200]]);
    expect(c.portfolio.totalValue).toBe(200);
    expect(c.positionsBySymbol.get('AAA')).toMatchObject({ currentPrice: 0, markPrice: 0, marketValueEur: 0 });
    // the security's own price still quotes it for trading
    expect(c.portfolio.currentPrices.get('AAA')).toBe(10);
  });

  it('computes available cash net of the reserve', () => {
    expect(ctx.availableCashEur).toBe(1000 + 500 - 200);
    expect(buildContext(snapshot({ minCashReserve: 5000 }), settings).availableCashEur).toBe(0);
  });

  it('fills the universe maps for every security', () => {
    expect([...ctx.portfolio.securityCountries]).toEqual([['BBB.US', 'United States'], ['AAA', 'Germany'], ['DDD', 'Japan']]);
    expect([...ctx.portfolio.securityIndustries.keys()]).toEqual(['BBB.US', 'AAA', 'DDD']);
    expect([...ctx.securityScores]).toEqual([['BBB.US', 0.8]]);
    expect([...ctx.portfolio.securityDividends]).toEqual([['BBB.US', 0]]);
    expect([...ctx.currentPrices]).toEqual([['BBB.US', 20.8], ['AAA', 10], ['DDD', 5]]);
    expect(ctx.buyPrices).toBe(ctx.currentPrices);
    expect([...ctx.portfolio.positionAvgPrices]).toEqual([['AAA', 8], ['BBB.US', 30], ['DDD', 5]]);
    expect([...ctx.symbolIndex]).toEqual([['BBB.US', 0], ['AAA', 1], ['CCC', 2], ['DDD', 3]]);
    expect(ctx.metrics.get('CCC')).toEqual({});
  });

  it('takes CAGR 5y, else 10y, else 0.10, keeping a stored 0', () => {
    expect([...ctx.historicalCagr]).toEqual([['BBB.US', 0.07], ['AAA', 0], ['CCC', 0.1], ['DDD', 0.1]]);
  });

  it('maps groups and computes group allocations (unmapped -> OTHER)', () => {
    expect([...ctx.countryToGroup]).toEqual([['Germany', 'EU'], ['France', 'EU'], ['United States', 'US']]);
    expect([...ctx.countryWeights]).toEqual([['US', 0.5], ['EU', 0.5]]);
    expect([...ctx.countryAllocations]).toEqual([['EU', 0.3], ['US', 0.5], ['OTHER', 0.2]]);
    expect([...ctx.industryAllocations]).toEqual([['TECH', 0.8], ['OTHER', 0.7]]);
  });

  it('derives costs, switches and the base trade amount from the settings', () => {
    expect(ctx.baseTradeAmountEur).toBe(250);
    expect(ctx.transactionCostFixed).toBe(2);
    expect(ctx.allowBuy && ctx.allowSell).toBe(true);
    expect(ctx.minSecurityScore).toBe(0.5);
    expect(ctx.fxRate('USD')).toBe(1.04);
    expect(ctx.fxRate('EUR')).toBe(1);
    expect(ctx.fxRate('XXX')).toBe(1);
    expect(ctx.asOfMs).toBe(Date.UTC(2026, 0, 2, 12));
  });

  it('is heuristic without target weights and weight-based with them', () => {
    expect(ctx.weightBasedMode).toBe(false);
    expect(ctx.targetWeights.size).toBe(0);
    const w = buildContext(snapshot({ targetWeights: { DDD: 0.3, AAA: 0.2 } }), settings);
    expect(w.weightBasedMode).toBe(true);
    expect([...w.targetWeights.keys()]).toEqual(['DDD', 'AAA']);
    expect(buildContext(snapshot({ targetWeights: {} }), settings).weightBasedMode).toBe(false);
  });

  it('total value 1.0 without positions; with cash when asked', () => {
    expect(buildContext(snapshot({ positions: [] }), settings).portfolio.totalValue).toBe(1);
    expect(buildContext(snapshot(), settings, { totalValueExcludesCash: false }).portfolio.totalValue).toBe(1000 + 1300);
    expect(buildContext(snapshot(), settings, { totalValueExcludesCash: true }).portfolio.totalValue).toBe(1000);
  });

  it('has no correlations without history, pairwise ones with it', () => {
    expect(ctx.correlations.size).toBe(0);
    const h = buildContext(snapshot({ priceHistory: { AAA: [100, 110, 99, 108.9], 'BBB.US': [50, 55, 49.5, 54.45] } }), settings);
    expect(h.correlations.get('AAA:BBB.US')).toBeCloseTo(1, 12);
    expect(h.correlations.get('BBB.US:AAA')).toBe(h.correlations.get('AAA:BBB.US'));
  });
});

describe('buildContext trade rules (pipeline.md §5.1)', () => {
  it('builds recently sold / bought and ineligible sets against asOf', () => {
    const ctx = buildContext(
      snapshot({
        recentTrades: [
          { symbol: 'AAA', side: 'BUY', at: '2025-12-03T12:00:00' }, // exactly 30 days: still recent (>= cutoff)
          { symbol: 'DDD', side: 'BUY', at: '2025-12-03T11:59:59' },
          { symbol: 'BBB.US', side: 'SELL', at: '2025-07-06T12:00:00' },
        ],
      }),
      settings,
    );
    expect([...ctx.recentlyBought]).toEqual(['AAA']);
    expect([...ctx.recentlySold]).toEqual(['BBB.US']);
    // BBB.US is also down 65% (10.4 vs 30): ineligible on the loss rule.
    expect([...ctx.ineligibleSymbols]).toEqual(['AAA', 'BBB.US', 'DDD']);
    expect(ctx.tradeDates.get('AAA')).toEqual({ lastBuy: '2025-12-03T12:00:00', last: '2025-12-03T12:00:00' });
  });
});

describe('buildContext on the cooldown_min_hold scenario', () => {
  const snap = parseSnapshot(readFileSync(fileURLToPath(new URL('../../cli/test/scenarios/cooldown_min_hold.input.json', import.meta.url)), 'utf8'));
  const ctx = buildContext(snap, settings);
  it('matches values computed with Python from the file', () => {
    expect(ctx.portfolio.positions.get('NVDA.US')).toBe(10684.615384615385);
    expect(ctx.portfolio.totalValue).toBe(30216.846153846152);
    expect(ctx.availableCashEur).toBe(1500);
    expect([...ctx.countryAllocations]).toEqual([['US', 0.6065770749378213], ['EU', 0.3934229250621788]]);
    expect([...ctx.industryAllocations]).toEqual([['TECH', 0.5348213808395216], ['CONSUMER', 0.31148187842237773], ['FIN', 0.15369674073810077]]);
  });
  it('applies hold period, sell cooldown and buy cooldown', () => {
    expect([...ctx.ineligibleSymbols]).toEqual(['NVDA.US', 'MC.EU', 'ASML.EU', 'KO.US']);
    expect([...ctx.recentlySold]).toEqual(['MC.EU']);
    expect([...ctx.recentlyBought]).toEqual(['NVDA.US', 'KO.US']);
  });
});

describe('contextSettingsFrom', () => {
  it('copies the rule settings of [planner]', () => {
    const planner = { ...settings, name: 'x', description: '', maxDepth: 5, seed: 1 } as unknown as PlannerSettings;
    expect(contextSettingsFrom(planner)).toEqual(settings);
  });
});
