import type { SnapshotInput } from '@planner/context';

// Deterministic synthetic portfolios for the scaling benchmark: the same
// (size, seed) always gives the same snapshot, so runs are comparable.

/** mulberry32: small, fast, seeded; quality is irrelevant here, only reproducibility. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRY_GROUPS = { US: ['United States'], EU: ['Germany', 'France', 'Netherlands', 'United Kingdom'], ASIA: ['Hong Kong', 'Japan'] };
const INDUSTRY_GROUPS = {
  TECH: ['Technology', 'Software'],
  FIN: ['Financials'],
  INDUSTRIALS: ['Industrials', 'Materials'],
  DEFENSIVE: ['Healthcare', 'Consumer Staples', 'Utilities'],
};
const COUNTRIES = Object.values(COUNTRY_GROUPS).flat();
const INDUSTRIES = Object.values(INDUSTRY_GROUPS).flat();
const FX = { EUR: 1, USD: 1.08, GBP: 0.86, HKD: 8.45 } as const;
const ASOF_MS = Date.parse('2026-01-02T12:00:00Z');
const DAY_MS = 86_400_000;

const naive = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

/**
 * `size` securities, every other one held (so half), currencies mixed
 * (half EUR, then USD, GBP, HKD), prices and average costs spread so that
 * windfalls, dips and over/underweight groups all occur; cash grows with size.
 */
export function generatePortfolio(size: number, seed = 1): SnapshotInput {
  const r = rng(seed * 7919 + size);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const between = (lo: number, hi: number): number => lo + (hi - lo) * r();
  const currencyOf = (i: number): keyof typeof FX => (['EUR', 'USD', 'EUR', 'GBP', 'EUR', 'USD', 'EUR', 'HKD'] as const)[i % 8]!;

  const securities: NonNullable<SnapshotInput['securities']> = [];
  const positions: NonNullable<SnapshotInput['positions']> = [];
  const symbols: string[] = [];
  for (let i = 0; i < size; i++) {
    const currency = currencyOf(i);
    const symbol = `G${String(i).padStart(3, '0')}.${currency === 'EUR' ? 'EU' : currency.slice(0, 2)}`;
    symbols.push(symbol);
    const price = Math.round(Math.exp(between(Math.log(5), Math.log(600))) * 100) / 100;
    securities.push({
      symbol,
      name: `Generated ${i}`,
      currency,
      price: currency === 'HKD' ? price * 8 : price,
      country: pick(COUNTRIES),
      industry: r() < 0.15 ? `${pick(INDUSTRIES)}, ${pick(INDUSTRIES)}` : pick(INDUSTRIES),
      allowBuy: r() > 0.05,
      allowSell: r() > 0.05,
      minLot: currency === 'HKD' ? 100 : 1,
      ...(r() > 0.1 ? { qualityScore: Math.round(between(0.35, 0.95) * 1000) / 1000 } : {}),
      metrics: {
        cagr5y: between(-0.05, 0.25),
        dividendYield: between(0, 0.06),
        consistencyScore: between(0.3, 0.95),
        financialStrength: between(0.3, 0.95),
        volatilityAnnual: between(0.12, 0.5),
        sharpe: between(-0.2, 2),
        sortino: between(-0.2, 2.5),
        maxDrawdown: -between(0.1, 0.6),
      },
    });
    if (i % 2 === 0) {
      // avg cost from 45 % (a windfall) to 160 % (a dip) of the price
      const p = currency === 'HKD' ? price * 8 : price;
      positions.push({
        symbol,
        quantity: currency === 'HKD' ? 100 * Math.ceil(between(1, 10)) : Math.ceil(between(3, 150)),
        avgPrice: Math.round(p * between(0.45, 1.6) * 100) / 100,
        firstBoughtAt: naive(ASOF_MS - Math.floor(between(100, 2500)) * DAY_MS),
      });
    }
  }
  const recentTrades = Array.from({ length: Math.ceil(size / 10) }, () => ({
    symbol: pick(symbols),
    side: r() < 0.5 ? ('BUY' as const) : ('SELL' as const),
    at: naive(ASOF_MS - Math.floor(between(1, 365)) * DAY_MS),
  }));
  return {
    name: `generated_${size}`,
    asOf: '2026-01-02T12:00:00Z',
    baseCurrency: 'EUR',
    cash: { EUR: 250 * size, USD: 80 * size },
    fxRates: { ...FX },
    minCashReserve: 500,
    securities,
    positions,
    targets: {
      countries: { US: 0.45, EU: 0.35, ASIA: 0.2 },
      industries: { TECH: 0.3, FIN: 0.2, INDUSTRIALS: 0.2, DEFENSIVE: 0.25 },
      countryGroups: COUNTRY_GROUPS,
      industryGroups: INDUSTRY_GROUPS,
    },
    recentTrades,
  };
}
