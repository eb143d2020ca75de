import type { ContextSettings, OpportunityContext, Position, PositionView, Security, TradeDates } from '@planner/contracts';

export interface OpportunityContextInput {
  readonly securities: readonly Security[];
  readonly positions?: readonly Position[];
  /** Naive planning clock; default `2025-01-01T00:00:00`. */
  readonly asOf?: string;
  /** Planner cash in EUR; default 0. */
  readonly cash?: number;
  /** Units of a currency per EUR; EUR, unknown and non-positive rates are 1. */
  readonly fxRates?: Readonly<Record<string, number>>;
  /** Country group -> target fraction. */
  readonly countryTargets?: Readonly<Record<string, number>>;
  /** Country group -> member countries. */
  readonly countryGroups?: Readonly<Record<string, readonly string[]>>;
  readonly targetWeights?: Readonly<Record<string, number>>;
  readonly recentlySold?: readonly string[];
  readonly recentlyBought?: readonly string[];
  readonly ineligible?: readonly string[];
  readonly transactionCostFixed?: number;
  readonly transactionCostPercent?: number;
  readonly minSecurityScore?: number;
  /** Replaces any derived field (e.g. a hand-made PortfolioContext). */
  readonly overrides?: Partial<OpportunityContext>;
}

function naiveMs(text: string): number {
  return Date.parse(`${text.slice(0, 19)}Z`);
}

/**
 * An OpportunityContext filled the way the parity builder fills it
 * (pipeline.md §1.2 "Context built from a portfolio snapshot",
 * modules-calculators.md §1.4/§1.5), so each test states only what matters.
 */
export function opportunityContext(input: OpportunityContextInput): OpportunityContext {
  const fx = input.fxRates ?? {};
  const fxRate = (c: string): number => (c !== 'EUR' && (fx[c] ?? 0) > 0 ? (fx[c] as number) : 1);
  const securities = input.securities;
  const bySymbol = new Map(securities.map((s) => [s.symbol, s] as const));
  const positions: PositionView[] = (input.positions ?? []).map((p) => {
    const s = bySymbol.get(p.symbol);
    const currency = s?.currency ?? 'EUR';
    const markPrice = p.currentPrice ?? s?.price ?? 0;
    return { ...p, currency, markPrice, marketValueEur: (p.quantity * markPrice) / fxRate(currency) };
  });
  const valueMap = new Map(positions.map((p) => [p.symbol, p.marketValueEur] as const));
  let invested = 0;
  for (const v of valueMap.values()) invested += v;
  const totalValue = invested > 0 ? invested : 1.0;
  const countryToGroup = new Map<string, string>();
  for (const [group, members] of Object.entries(input.countryGroups ?? {})) {
    for (const m of members) countryToGroup.set(m, group);
  }
  const countryWeights = new Map(Object.entries(input.countryTargets ?? {}));
  const securityCountries = new Map(securities.filter((s) => s.country).map((s) => [s.symbol, s.country] as const));
  const securityScores = new Map(
    securities.filter((s) => s.qualityScore).map((s) => [s.symbol, s.qualityScore as number] as const),
  );
  const countryAllocations = new Map<string, number>();
  for (const [symbol, value] of valueMap) {
    const group = countryToGroup.get(securityCountries.get(symbol) ?? 'OTHER') ?? 'OTHER';
    countryAllocations.set(group, (countryAllocations.get(group) ?? 0) + value / totalValue);
  }
  const currentPrices = new Map(securities.filter((s) => s.price > 0).map((s) => [s.symbol, s.price] as const));
  const historicalCagr = new Map(
    securities.map((s) => [s.symbol, s.metrics.cagr5y ?? s.metrics.cagr10y ?? 0.1] as const),
  );
  const targetWeights = new Map(Object.entries(input.targetWeights ?? {}));
  const fixed = input.transactionCostFixed ?? 2.0;
  const percent = input.transactionCostPercent ?? 0.002;
  const settings: ContextSettings = {
    transactionCostFixed: fixed,
    transactionCostPercent: percent,
    allowBuy: true,
    allowSell: true,
    minHoldDays: 90,
    sellCooldownDays: 180,
    buyCooldownDays: 30,
    maxLossThreshold: -0.2,
    minSecurityScore: input.minSecurityScore ?? 0.5,
  };
  const asOf = input.asOf ?? '2025-01-01T00:00:00';
  const ctx: OpportunityContext = {
    asOf,
    asOfMs: naiveMs(asOf),
    baseCurrency: 'EUR',
    portfolio: {
      countryWeights,
      industryWeights: new Map(),
      positions: valueMap,
      totalValue,
      securityCountries,
      securityIndustries: new Map(),
      securityScores,
      securityDividends: new Map(),
      countryToGroup,
      industryToGroup: new Map(),
      positionAvgPrices: new Map(positions.map((p) => [p.symbol, p.avgPrice] as const)),
      currentPrices,
    },
    positions,
    positionsBySymbol: new Map(positions.map((p) => [p.symbol, p] as const)),
    securities,
    securitiesBySymbol: bySymbol,
    symbolIndex: new Map(securities.map((s, i) => [s.symbol, i] as const)),
    availableCashEur: input.cash ?? 0,
    totalPortfolioValueEur: totalValue,
    currentPrices,
    metrics: new Map(securities.map((s) => [s.symbol, s.metrics] as const)),
    transactionCostFixed: fixed,
    transactionCostPercent: percent,
    fxRate,
    buyPrices: currentPrices,
    historicalCagr,
    securityScores,
    countryAllocations,
    industryAllocations: new Map(),
    countryToGroup,
    countryWeights,
    targetWeights,
    weightBasedMode: targetWeights.size > 0 && currentPrices.size > 0,
    ineligibleSymbols: new Set(input.ineligible ?? []),
    recentlySold: new Set(input.recentlySold ?? []),
    recentlyBought: new Set(input.recentlyBought ?? []),
    tradeDates: new Map<string, TradeDates>(),
    allowSell: true,
    allowBuy: true,
    baseTradeAmountEur: 0.01 - percent > 0 ? fixed / (0.01 - percent) : 1000.0,
    minSecurityScore: settings.minSecurityScore,
    correlations: new Map(),
    settings,
  };
  return { ...ctx, ...input.overrides };
}
