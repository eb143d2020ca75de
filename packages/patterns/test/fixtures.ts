import type {
  ActionCandidate,
  OpportunitiesByCategory,
  OpportunityContext,
  PatternCall,
  PatternGenerator,
  PortfolioContext,
  Security,
  Sequence,
} from '@planner/contracts';

/** A SELL candidate (spec notation S(sym, v, p)). */
export function S(symbol: string, valueEur: number, priority: number, extra: Partial<ActionCandidate> = {}): ActionCandidate {
  return candidate('SELL', symbol, valueEur, priority, extra);
}

/** A BUY candidate (spec notation B(sym, v, p)). */
export function B(symbol: string, valueEur: number, priority: number, extra: Partial<ActionCandidate> = {}): ActionCandidate {
  return candidate('BUY', symbol, valueEur, priority, extra);
}

function candidate(
  side: 'BUY' | 'SELL',
  symbol: string,
  valueEur: number,
  priority: number,
  extra: Partial<ActionCandidate>,
): ActionCandidate {
  return {
    side,
    symbol,
    name: `${symbol} Inc`,
    quantity: 1,
    price: valueEur,
    valueEur,
    currency: 'EUR',
    priority,
    reason: 'test',
    tags: [side === 'BUY' ? 'buy' : 'sell'],
    ...extra,
  };
}

/** Fixture F of spec modules-patterns.md §4 (fresh objects on every call). */
export function fixtureF() {
  return {
    profit_taking: [S('PT1', 1000, 0.9), S('PT2', 500, 0.6)],
    rebalance_sells: [S('RS1', 800, 0.7)],
    averaging_down: [B('AD1', 600, 0.5), B('AD2', 300, 0.4)],
    rebalance_buys: [B('RB1', 700, 0.8), B('RB2', 200, 0.3)],
    opportunity_buys: [B('OB1', 900, 0.95), B('OB2', 400, 0.65)],
  } satisfies OpportunitiesByCategory;
}

export function security(symbol: string, country = '', industry = ''): Security {
  return {
    symbol,
    name: `${symbol} Inc`,
    productType: 'EQUITY',
    currency: 'EUR',
    price: 10,
    country,
    industry,
    allowBuy: true,
    allowSell: true,
    minLot: 1,
    priorityMultiplier: 1,
    metrics: {},
  };
}

export function portfolioContext(p: Partial<PortfolioContext> = {}): PortfolioContext {
  return {
    countryWeights: new Map(),
    industryWeights: new Map(),
    positions: new Map(),
    totalValue: 1,
    securityCountries: new Map(),
    securityIndustries: new Map(),
    securityScores: new Map(),
    securityDividends: new Map(),
    countryToGroup: new Map(),
    industryToGroup: new Map(),
    positionAvgPrices: new Map(),
    currentPrices: new Map(),
    ...p,
  };
}

/** A minimal OpportunityContext: only `portfolio` and `securitiesBySymbol` matter to patterns. */
export function context(portfolio: PortfolioContext = portfolioContext(), securities: readonly Security[] = []): OpportunityContext {
  const securitiesBySymbol = new Map(securities.map((s) => [s.symbol, s]));
  return {
    asOf: '2024-01-01T00:00:00',
    asOfMs: 1_704_067_200_000,
    baseCurrency: 'EUR',
    portfolio,
    positions: [],
    positionsBySymbol: new Map(),
    securities,
    securitiesBySymbol,
    symbolIndex: new Map(securities.map((s, i) => [s.symbol, i])),
    availableCashEur: 0,
    totalPortfolioValueEur: portfolio.totalValue,
    currentPrices: new Map(),
    metrics: new Map(),
    transactionCostFixed: 2,
    transactionCostPercent: 0.002,
    fxRate: () => 1,
    buyPrices: new Map(),
    historicalCagr: new Map(),
    securityScores: new Map(),
    countryAllocations: new Map(),
    industryAllocations: new Map(),
    countryToGroup: portfolio.countryToGroup,
    countryWeights: portfolio.countryWeights,
    targetWeights: new Map(),
    weightBasedMode: false,
    ineligibleSymbols: new Set(),
    recentlySold: new Set(),
    recentlyBought: new Set(),
    tradeDates: new Map(),
    allowSell: true,
    allowBuy: true,
    baseTradeAmountEur: 250,
    minSecurityScore: 0.5,
    correlations: new Map(),
    settings: {
      transactionCostFixed: 2,
      transactionCostPercent: 0.002,
      allowBuy: true,
      allowSell: true,
      minHoldDays: 90,
      sellCooldownDays: 180,
      buyCooldownDays: 30,
      maxLossThreshold: -0.2,
      minSecurityScore: 0.5,
    },
  };
}

export interface CallOptions {
  cash?: number;
  L?: number;
  cap?: number;
  regime?: PatternCall['marketRegime'];
  ctx?: OpportunityContext;
}

const DEFAULT_CTX = context();

export function call(o: CallOptions = {}): PatternCall {
  return {
    ctx: o.ctx ?? DEFAULT_CTX,
    availableCashEur: o.cash ?? 0,
    maxDepth: o.L ?? 5,
    maxOpportunitiesPerCategory: o.cap ?? 10,
    marketRegime: o.regime ?? 'sideways',
  };
}

/** Runs a pattern with default params. */
export function run(pattern: PatternGenerator, opportunities: OpportunitiesByCategory, o: CallOptions = {}): Sequence[] {
  return pattern.generate(opportunities, pattern.params.parse({}), call(o));
}

/** `S:PT1`-style labels, the notation of the spec's examples. */
export function labels(sequences: readonly Sequence[]): string[][] {
  return sequences.map((seq) => seq.map((c) => `${c.side === 'BUY' ? 'B' : c.side === 'SELL' ? 'S' : '?'}:${c.symbol}`));
}

/** Shortcut: run and label. */
export function gen(pattern: PatternGenerator, opportunities: OpportunitiesByCategory, o: CallOptions = {}): string[][] {
  return labels(run(pattern, opportunities, o));
}
