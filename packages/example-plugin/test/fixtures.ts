import type { ActionCandidate, OpportunityContext, PatternCall, Security, SecurityMetrics } from '@planner/contracts';

/** A security with sensible defaults; `metrics` merges over a strong-momentum default. */
export function security(symbol: string, over: Partial<Omit<Security, 'metrics'>> & { metrics?: SecurityMetrics } = {}): Security {
  return {
    symbol,
    name: `${symbol} Corp`,
    productType: 'EQUITY',
    currency: 'EUR',
    price: 50,
    country: 'Germany',
    industry: 'Technology',
    allowBuy: true,
    allowSell: true,
    minLot: 1,
    priorityMultiplier: 1,
    qualityScore: 0.7,
    ...over,
    metrics: { cagr5y: 0.2, sharpe: 1.5, ...over.metrics },
  };
}

export interface CtxOptions {
  readonly securities: readonly Security[];
  readonly cashEur?: number;
  readonly recentlyBought?: readonly string[];
  /** Units of a currency per EUR. */
  readonly fx?: Readonly<Record<string, number>>;
  readonly allowBuy?: boolean;
  readonly baseTradeAmountEur?: number;
}

/**
 * A hand-built OpportunityContext: only what a calculator reads is filled in
 * with care; the rest is empty but well-typed. Buy prices are the positive
 * prices, as the real context builder does.
 */
export function context(o: CtxOptions): OpportunityContext {
  const securities = o.securities;
  const prices = new Map<string, number>();
  for (const s of securities) if (s.price > 0) prices.set(s.symbol, s.price);
  const fx = o.fx ?? {};
  const cash = o.cashEur ?? 1000;
  const allowBuy = o.allowBuy ?? true;
  const empty = new Map<string, never>();
  return {
    asOf: '2026-01-02T12:00:00Z',
    asOfMs: Date.UTC(2026, 0, 2, 12),
    baseCurrency: 'EUR',
    portfolio: {
      countryWeights: empty, industryWeights: empty, positions: empty, totalValue: cash,
      securityCountries: empty, securityIndustries: empty, securityScores: empty, securityDividends: empty,
      countryToGroup: empty, industryToGroup: empty, positionAvgPrices: empty, currentPrices: prices,
    },
    positions: [],
    positionsBySymbol: empty,
    securities,
    securitiesBySymbol: new Map(securities.map((s) => [s.symbol, s])),
    symbolIndex: new Map(securities.map((s, i) => [s.symbol, i])),
    availableCashEur: cash,
    totalPortfolioValueEur: cash,
    currentPrices: prices,
    metrics: new Map(securities.map((s) => [s.symbol, s.metrics])),
    transactionCostFixed: 2,
    transactionCostPercent: 0.002,
    fxRate: (currency) => (currency === 'EUR' ? 1 : (fx[currency] ?? 1)),
    buyPrices: prices,
    historicalCagr: empty,
    securityScores: empty,
    countryAllocations: empty,
    industryAllocations: empty,
    countryToGroup: empty,
    countryWeights: empty,
    targetWeights: empty,
    weightBasedMode: false,
    ineligibleSymbols: new Set(),
    recentlySold: new Set(),
    recentlyBought: new Set(o.recentlyBought ?? []),
    tradeDates: empty,
    allowSell: true,
    allowBuy,
    baseTradeAmountEur: o.baseTradeAmountEur ?? 250,
    minSecurityScore: 0.5,
    correlations: empty,
    settings: {
      transactionCostFixed: 2, transactionCostPercent: 0.002, allowBuy, allowSell: true, minHoldDays: 90,
      sellCooldownDays: 180, buyCooldownDays: 30, maxLossThreshold: -0.2, minSecurityScore: 0.5,
    },
  };
}

/** A buy candidate as another calculator would emit it. */
export function buy(symbol: string, valueEur: number, priority: number, tags: readonly string[] = ['opportunity']): ActionCandidate {
  return {
    side: 'BUY', symbol, name: symbol, quantity: 1, price: valueEur, valueEur, currency: 'EUR', priority,
    reason: 'test', tags,
  };
}

export function patternCall(availableCashEur: number, maxDepth: number, ctx = context({ securities: [] })): PatternCall {
  return { ctx, availableCashEur, maxDepth, maxOpportunitiesPerCategory: 5, marketRegime: 'sideways' };
}
