import { SnapshotError } from '@planner/contracts';
import type {
  CompatSwitches, ContextSettings, OpportunityContext, PlannerSettings, PortfolioContext, Position, PortfolioSnapshot, PositionView, Security,
  SecurityMetrics,
} from '@planner/contracts';
import { computeCorrelations } from './correlations.js';
import { fxRateOf } from './currency.js';
import { computeIneligibleSymbols } from './eligibility.js';
import { computeGroupAllocations } from './group-allocations.js';
import { parseNaiveMs } from './naive-time.js';
import { collectTradeDates, symbolsTradedWithin } from './trade-dates.js';
import type { NumbersPending } from './numbers-pending.js';
import { minTradeAmount } from './transaction-cost.js';

export interface BuildContextOptions {
  /** Default true (reference): total value is the invested value only. False: invested + available cash. */
  readonly totalValueExcludesCash?: boolean;
  /** The run's `[compat]` switches, handed to the modules as `ctx.compat`; absent = the reference's. */
  readonly compat?: CompatSwitches;
}

/** The `[planner]` settings the context builder applies. */
export function contextSettingsFrom(settings: PlannerSettings): ContextSettings {
  // Numbers written after the literal, as in buildContext.
  const out: NumbersPending<ContextSettings> = {
    transactionCostFixed: null,
    transactionCostPercent: null,
    allowBuy: settings.allowBuy,
    allowSell: settings.allowSell,
    minHoldDays: null,
    sellCooldownDays: null,
    buyCooldownDays: null,
    maxLossThreshold: null,
    minSecurityScore: null,
  };
  out.transactionCostFixed = settings.transactionCostFixed;
  out.transactionCostPercent = settings.transactionCostPercent;
  out.minHoldDays = settings.minHoldDays;
  out.sellCooldownDays = settings.sellCooldownDays;
  out.buyCooldownDays = settings.buyCooldownDays;
  out.maxLossThreshold = settings.maxLossThreshold;
  out.minSecurityScore = settings.minSecurityScore;
  return out as ContextSettings;
}

/** Inverse of group -> members; a member listed twice ends in its last group (Python dict semantics). */
function invertGroups(groups: ReadonlyMap<string, readonly string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [group, members] of groups) for (const m of members) out.set(m, group);
  return out;
}

/**
 * `{ ...p, currency, markPrice, marketValueEur }` written out: object spread of
 * parsed positions took V8's slow path (about 3 µs per position).
 */
function positionView(p: Position, currency: string, markPrice: number, marketValueEur: number): PositionView {
  // Same key order as the spread: the position's keys first.
  const view: { -readonly [K in keyof PositionView]?: PositionView[K] } = { symbol: p.symbol, quantity: p.quantity, avgPrice: p.avgPrice };
  if (p.firstBoughtAt !== undefined) view.firstBoughtAt = p.firstBoughtAt;
  if (p.currentPrice !== undefined) view.currentPrice = p.currentPrice;
  view.currency = currency;
  view.markPrice = markPrice;
  view.marketValueEur = marketValueEur;
  return view as PositionView;
}

/**
 * Builds the contexts once per snapshot, as the parity builder of pipeline.md
 * §1.2 "Context built from a portfolio snapshot" does: every map in file
 * order, group data for the whole universe, position values in EUR.
 */
export function buildContext(
  snapshot: PortfolioSnapshot,
  settings: ContextSettings,
  options: BuildContextOptions = {},
): OpportunityContext {
  const asOfMs = parseNaiveMs(snapshot.asOf);
  if (asOfMs === null) {
    throw new SnapshotError([{ path: 'asOf', message: `expected an ISO-8601 date or date-time, found ${JSON.stringify(snapshot.asOf)}` }]);
  }
  const rates = snapshot.fxRates;
  const fxRate = (currency: string): number => fxRateOf(rates, currency);

  const securities = snapshot.securities;
  const securitiesBySymbol = new Map<string, Security>();
  const symbolIndex = new Map<string, number>();
  const securityCountries = new Map<string, string>();
  const securityIndustries = new Map<string, string>();
  const securityScores = new Map<string, number>();
  const securityDividends = new Map<string, number>();
  const currentPrices = new Map<string, number>();
  const metrics = new Map<string, SecurityMetrics>();
  const historicalCagr = new Map<string, number>();
  for (let i = 0; i < securities.length; i++) {
    const s = securities[i]!;
    securitiesBySymbol.set(s.symbol, s);
    symbolIndex.set(s.symbol, i);
    if (s.country) securityCountries.set(s.symbol, s.country);
    if (s.industry) securityIndustries.set(s.symbol, s.industry);
    if (s.qualityScore) securityScores.set(s.symbol, s.qualityScore);
    if (s.metrics.dividendYield !== undefined) securityDividends.set(s.symbol, s.metrics.dividendYield);
    if (s.price > 0) currentPrices.set(s.symbol, s.price);
    metrics.set(s.symbol, s.metrics);
    historicalCagr.set(s.symbol, s.metrics.cagr5y ?? s.metrics.cagr10y ?? 0.1);
  }

  const positions: PositionView[] = [];
  const positionsBySymbol = new Map<string, PositionView>();
  const positionValues = new Map<string, number>();
  const positionAvgPrices = new Map<string, number>();
  let invested = 0;
  for (const p of snapshot.positions) {
    const sec = securitiesBySymbol.get(p.symbol);
    const currency = sec ? sec.currency : 'EUR';
    // FORMAT.md / DECISIONS #25: a `currentPrice` of 0 is a mark price of 0 (the reference's
    // parity builder takes it as written); the calculators then fall back to avgPrice (`markPrice || avgPrice`).
    const markPrice = p.currentPrice ?? (sec ? sec.price : 0);
    const marketValueEur = (p.quantity * markPrice) / fxRate(currency);
    const view = positionView(p, currency, markPrice, marketValueEur);
    positions.push(view);
    positionsBySymbol.set(p.symbol, view);
    positionValues.set(p.symbol, marketValueEur);
    positionAvgPrices.set(p.symbol, p.avgPrice);
    invested += marketValueEur;
  }

  let cashEur = 0;
  // in file order, as the reference sums its dict: a float sum depends on the order
  for (const [currency, amount] of snapshot.cash) cashEur += amount / fxRate(currency);
  const availableCashEur = Math.max(0, cashEur - snapshot.minCashReserve);

  let totalValue = options.totalValueExcludesCash === false ? invested + availableCashEur : invested;
  if (!(totalValue > 0)) totalValue = 1.0;

  const countryToGroup = invertGroups(snapshot.targets.countryGroups);
  // The snapshot's own (read-only) maps, in file order: copying them cost about a microsecond per plan.
  const countryWeights = snapshot.targets.countries;
  // totalValue after the literal, as the context's numbers below.
  const portfolio: NumbersPending<PortfolioContext> = {
    countryWeights,
    industryWeights: snapshot.targets.industries,
    positions: positionValues,
    totalValue: null,
    securityCountries,
    securityIndustries,
    securityScores,
    securityDividends,
    countryToGroup,
    industryToGroup: invertGroups(snapshot.targets.industryGroups),
    positionAvgPrices,
    currentPrices,
  };
  portfolio.totalValue = totalValue;
  const allocations = computeGroupAllocations(portfolio as PortfolioContext);

  const tradeDates = collectTradeDates(snapshot.recentTrades);
  const recentlySold = symbolsTradedWithin(snapshot.recentTrades, 'SELL', asOfMs, settings.sellCooldownDays);
  const recentlyBought = symbolsTradedWithin(snapshot.recentTrades, 'BUY', asOfMs, settings.buyCooldownDays);
  const ineligibleSymbols = computeIneligibleSymbols(positions, securitiesBySymbol, tradeDates, settings, asOfMs);

  const targetWeights = snapshot.targetWeights ?? new Map<string, number>();
  const history = snapshot.priceHistory;

  // The number fields hold null in the literal and are written after it: V8 lays a
  // literal's computed fields out for small integers, and the first fraction written
  // into one (asOfMs, a cost percent) re-creates the hidden classes of every field after
  // it, about 90 for this object in a fresh process's first plan; from null a number
  // is taken in place.
  const ctx: NumbersPending<OpportunityContext> = {
    asOf: snapshot.asOf,
    asOfMs: null,
    baseCurrency: snapshot.baseCurrency,
    portfolio: portfolio as PortfolioContext,
    positions,
    positionsBySymbol,
    securities,
    securitiesBySymbol,
    symbolIndex,
    availableCashEur: null,
    totalPortfolioValueEur: null,
    currentPrices,
    metrics,
    transactionCostFixed: null,
    transactionCostPercent: null,
    fxRate,
    buyPrices: currentPrices,
    historicalCagr,
    securityScores,
    countryAllocations: allocations.countries,
    industryAllocations: allocations.industries,
    countryToGroup,
    countryWeights,
    targetWeights,
    weightBasedMode: targetWeights.size > 0 && currentPrices.size > 0,
    ineligibleSymbols,
    recentlySold,
    recentlyBought,
    tradeDates,
    allowSell: settings.allowSell,
    allowBuy: settings.allowBuy,
    baseTradeAmountEur: null,
    minSecurityScore: null,
    correlations: history ? computeCorrelations(history, Object.keys(history)) : new Map(),
    settings,
  };
  ctx.asOfMs = asOfMs;
  ctx.availableCashEur = availableCashEur;
  ctx.totalPortfolioValueEur = totalValue;
  ctx.transactionCostFixed = settings.transactionCostFixed;
  ctx.transactionCostPercent = settings.transactionCostPercent;
  ctx.baseTradeAmountEur = minTradeAmount(settings.transactionCostFixed, settings.transactionCostPercent);
  ctx.minSecurityScore = settings.minSecurityScore;
  // Added last, not spread into the literal (a spread took V8's slow path for the whole object).
  if (options.compat !== undefined) ctx.compat = options.compat;
  return ctx as OpportunityContext;
}

