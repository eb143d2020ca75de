import type { EvaluationContext, PortfolioContext, PositionView, Security } from '@planner/contracts';

export interface EvaluationContextSpec {
  readonly securities: readonly Security[];
  readonly holdings?: readonly { readonly symbol: string; readonly quantity: number; readonly avgPrice?: number }[];
  readonly cash?: number;
  readonly fxRates?: Readonly<Record<string, number>>;
  readonly countryTargets?: Readonly<Record<string, number>>;
  readonly countryGroups?: Readonly<Record<string, readonly string[]>>;
  readonly fixed?: number;
  readonly percent?: number;
  /** `held`: security_countries only for held symbols (the storage builder); default the whole universe. */
  readonly countries?: 'universe' | 'held';
  /** Extra start positions (symbol -> EUR value) outside the universe. */
  readonly foreignPositions?: Readonly<Record<string, number>>;
}

/** An EvaluationContext as the snapshot builder makes it (pipeline.md §1.2), clock 2025-01-15T10:00:00. */
export function evaluationContext(spec: EvaluationContextSpec): EvaluationContext {
  const fx = spec.fxRates ?? {};
  const rate = (c: string) => (c === 'EUR' ? 1 : (fx[c] ?? 1));
  const securities = spec.securities;
  const securitiesBySymbol = new Map(securities.map((s) => [s.symbol, s]));
  const symbolIndex = new Map(securities.map((s, i) => [s.symbol, i]));
  const positions: PositionView[] = [];
  const values = new Map<string, number>();
  for (const h of spec.holdings ?? []) {
    const sec = securitiesBySymbol.get(h.symbol);
    if (sec === undefined) throw new Error(`unknown ${h.symbol}`);
    const value = (h.quantity * sec.price) / rate(sec.currency);
    values.set(h.symbol, value);
    positions.push({
      symbol: h.symbol,
      quantity: h.quantity,
      avgPrice: h.avgPrice ?? sec.price,
      currency: sec.currency,
      markPrice: sec.price,
      marketValueEur: value,
    });
  }
  for (const [symbol, value] of Object.entries(spec.foreignPositions ?? {})) values.set(symbol, value);
  let invested = 0;
  for (const v of values.values()) invested += v;
  const countryToGroup = new Map<string, string>();
  for (const [group, members] of Object.entries(spec.countryGroups ?? {})) for (const c of members) countryToGroup.set(c, group);
  const portfolio: PortfolioContext = {
    countryWeights: new Map(Object.entries(spec.countryTargets ?? {})),
    industryWeights: new Map(),
    positions: values,
    totalValue: invested > 0 ? invested : 1.0,
    securityCountries: new Map(
      securities
        .filter((s) => s.country && (spec.countries !== 'held' || values.has(s.symbol)))
        .map((s) => [s.symbol, s.country]),
    ),
    securityIndustries: new Map(securities.filter((s) => s.industry).map((s) => [s.symbol, s.industry])),
    securityScores: new Map(
      securities.filter((s) => s.qualityScore).map((s) => [s.symbol, s.qualityScore as number]),
    ),
    securityDividends: new Map(
      securities
        .filter((s) => s.metrics.dividendYield !== undefined)
        .map((s) => [s.symbol, s.metrics.dividendYield as number]),
    ),
    countryToGroup,
    industryToGroup: new Map(),
    positionAvgPrices: new Map(positions.map((p) => [p.symbol, p.avgPrice])),
    currentPrices: new Map(securities.filter((s) => s.price > 0).map((s) => [s.symbol, s.price])),
  };
  return {
    asOf: '2025-01-15T10:00:00',
    asOfMs: Date.UTC(2025, 0, 15, 10),
    baseCurrency: 'EUR',
    portfolio,
    positions,
    positionsBySymbol: new Map(positions.map((p) => [p.symbol, p])),
    securities,
    securitiesBySymbol,
    symbolIndex,
    availableCashEur: spec.cash ?? 0,
    totalPortfolioValueEur: portfolio.totalValue,
    currentPrices: portfolio.currentPrices,
    metrics: new Map(securities.map((s) => [s.symbol, s.metrics])),
    transactionCostFixed: spec.fixed ?? 2.0,
    transactionCostPercent: spec.percent ?? 0.002,
    fxRate: rate,
  };
}
