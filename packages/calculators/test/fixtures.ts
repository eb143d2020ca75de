import fc from 'fast-check';
import { expect } from 'vitest';
import type {
  ActionCandidate,
  ContextSettings,
  OpportunityContext,
  Position,
  PositionView,
  Security,
  SecurityMetrics,
  TradeDates,
} from '@planner/contracts';

/** A security with the defaults of a plain, tradeable EUR equity. */
export function sec(symbol: string, over: Partial<Omit<Security, 'symbol'>> = {}): Security {
  return {
    symbol,
    name: `${symbol} Inc`,
    productType: 'EQUITY',
    currency: 'EUR',
    price: 100,
    country: 'DE',
    industry: 'Tech',
    allowBuy: true,
    allowSell: true,
    minLot: 1,
    priorityMultiplier: 1,
    metrics: {} as SecurityMetrics,
    ...over,
  };
}

export function pos(symbol: string, quantity: number, avgPrice: number, over: Partial<Position> = {}): Position {
  return { symbol, quantity, avgPrice, ...over };
}

export interface FixtureInput {
  securities: Security[];
  positions?: Position[];
  asOf?: string;
  fxRates?: Record<string, number>;
  /** group -> target fraction */
  countryTargets?: Record<string, number>;
  /** group -> member countries */
  countryGroups?: Record<string, string[]>;
  targetWeights?: Record<string, number>;
  recentlySold?: string[];
  recentlyBought?: string[];
  ineligible?: string[];
  transactionCostFixed?: number;
  transactionCostPercent?: number;
  minSecurityScore?: number;
  /** Replace any computed field (e.g. a hand-made PortfolioContext map). */
  overrides?: Partial<OpportunityContext>;
}

function naiveMs(text: string): number {
  return Date.parse(`${text.slice(0, 19)}Z`);
}

/**
 * A hand-made OpportunityContext, filled the way the parity builder does
 * (pipeline.md §1.2 "Context built from a portfolio snapshot",
 * modules-calculators.md §1.4/§1.5), so each test states only what matters.
 */
export function makeContext(input: FixtureInput): OpportunityContext {
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
    availableCashEur: 0,
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

// ------------------------------------------------------------ property-test support

const COUNTRIES = ['DE', 'FR', 'US', 'JP', 'BR', ''] as const;
const CURRENCIES = ['EUR', 'USD', 'JPY'] as const;

/** Random small universes and portfolios, half of them with optimizer targets. */
export function arbContext(): fc.Arbitrary<OpportunityContext> {
  const arbSec = fc.record({
    price: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.double({ min: 0.5, max: 5000, noNaN: true }), weight: 6 }),
    currency: fc.constantFrom(...CURRENCIES),
    country: fc.constantFrom(...COUNTRIES),
    minLot: fc.constantFrom(1, 1, 5, 100),
    priorityMultiplier: fc.constantFrom(0.5, 1, 1, 2),
    qualityScore: fc.option(fc.double({ min: 0.3, max: 1, noNaN: true }), { nil: undefined, freq: 4 }),
    allowBuy: fc.constantFrom(true, true, true, false),
    allowSell: fc.constantFrom(true, true, true, false),
    cagr5y: fc.option(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { nil: undefined }),
    held: fc.option(
      fc.record({
        quantity: fc.integer({ min: 1, max: 2000 }),
        /** average cost relative to the quote, so that dips and gains both occur */
        avgFactor: fc.double({ min: 0.3, max: 3, noNaN: true }),
        daysAgo: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    target: fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: undefined }),
    flags: fc.constantFrom('none', 'none', 'sold', 'bought', 'ineligible'),
  });
  return fc
    .record({
      items: fc.array(arbSec, { maxLength: 8 }),
      withTargets: fc.boolean(),
      groupTargets: fc.record({ EU: fc.integer({ min: 0, max: 70 }), US: fc.integer({ min: 0, max: 70 }), ASIA: fc.integer({ min: 0, max: 30 }) }).map((t) => ({ EU: t.EU / 100, US: t.US / 100, ASIA: t.ASIA / 100 })),
    })
    .map(({ items, withTargets, groupTargets }) => {
      const securities = items.map((it, i) =>
        sec(`S${i}`, {
          price: it.price, currency: it.currency, country: it.country, minLot: it.minLot,
          priorityMultiplier: it.priorityMultiplier, allowBuy: it.allowBuy, allowSell: it.allowSell,
          ...(it.qualityScore === undefined ? {} : { qualityScore: it.qualityScore }),
          metrics: it.cagr5y === undefined ? {} : { cagr5y: it.cagr5y },
        }),
      );
      const positions = items.flatMap((it, i) =>
        it.held
          ? [pos(`S${i}`, it.held.quantity, (it.price > 0 ? it.price : 100) * it.held.avgFactor, it.held.daysAgo === undefined ? {} : { firstBoughtAt: isoDaysBefore('2025-01-01', it.held.daysAgo) })]
          : [],
      );
      const targets: Record<string, number> = {};
      if (withTargets) items.forEach((it, i) => { if (it.target !== undefined) targets[`S${i}`] = it.target; });
      const pick = (flag: string) => items.flatMap((it, i) => (it.flags === flag ? [`S${i}`] : []));
      return makeContext({
        securities, positions, fxRates: { USD: 1.1, JPY: 160 },
        countryGroups: { EU: ['DE', 'FR'], US: ['US'], ASIA: ['JP'] }, countryTargets: groupTargets,
        targetWeights: targets, recentlySold: pick('sold'), recentlyBought: pick('bought'), ineligible: pick('ineligible'),
      });
    });
}

function isoDaysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 19);
}

/** Invariants every calculator's output keeps. */
export function expectWellFormed(out: readonly ActionCandidate[], opts: { side?: 'BUY' | 'SELL'; allowZero?: boolean } = {}): void {
  for (let i = 1; i < out.length; i++) expect((out[i - 1] as ActionCandidate).priority).toBeGreaterThanOrEqual((out[i] as ActionCandidate).priority);
  for (const c of out) {
    if (opts.side) expect(c.side).toBe(opts.side);
    expect(Number.isInteger(c.quantity)).toBe(true);
    expect(c.quantity).toBeGreaterThanOrEqual(opts.allowZero ? 0 : 1);
    for (const x of [c.price, c.valueEur, c.priority]) expect(Number.isFinite(x)).toBe(true);
    expect(c.price).toBeGreaterThan(0);
    expect(c.valueEur).toBeGreaterThanOrEqual(0);
    expect(c.reason).not.toMatch(/NaN|undefined|Infinity/);
  }
}
