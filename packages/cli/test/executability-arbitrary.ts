import fc from 'fast-check';
import type { Plan, PortfolioSnapshot } from '@planner/contracts';
import type { SnapshotInput } from '@planner/context';

// Random valid snapshots for the executability rules of issue 13: 1-4 currencies
// with rates far from 1 (HKD ~8.5, JPY ~160 per EUR), board lots 1-1000, cash
// 0-1e7, optimizer target weights in about half of them, mostly small universes.
// Shared by the property test (test/executability.test.ts) and the counting
// script (bench/executability.ts) so both look at the same snapshots.

const RATES = { EUR: [1, 1], USD: [0.95, 1.25], GBP: [0.78, 0.92], HKD: [7.6, 9.4], JPY: [140, 175] } as const;
type Currency = keyof typeof RATES;
const FOREIGN: readonly Currency[] = ['USD', 'GBP', 'HKD', 'JPY'];
const COUNTRY_OF: Record<Currency, readonly string[]> = {
  EUR: ['Germany', 'France'],
  USD: ['United States'],
  GBP: ['United Kingdom'],
  HKD: ['Hong Kong'],
  JPY: ['Japan'],
};
const COUNTRY_GROUPS = { US: ['United States'], EU: ['Germany', 'France', 'United Kingdom'], ASIA: ['Hong Kong', 'Japan'] };
const INDUSTRY_GROUPS = { TECH: ['Technology', 'Software'], FIN: ['Financials'], DEFENSIVE: ['Healthcare', 'Utilities'] };
const INDUSTRIES = Object.values(INDUSTRY_GROUPS).flat();
const DAY_MS = 86_400_000;
const AS_OF = '2026-01-02T12:00:00Z';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
/** Log-uniform on [lo, hi] (cash spans 1 to 1e7), with 0 sometimes. */
const amount = (hi: number) =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: num(0, Math.log10(hi)).map((e) => 10 ** e) });
const lotArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(1) },
  { weight: 3, arbitrary: fc.constantFrom(10, 50, 100, 200, 500, 1000) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 1000 }) },
);

const securityArb = fc.record({
  currencyIndex: fc.nat(3),
  /** Price in EUR; the native price is this × the rate (a JPY share costs thousands of yen). */
  priceEur: fc.oneof({ weight: 3, arbitrary: num(0.2, 50) }, { weight: 3, arbitrary: num(50, 600) }, { weight: 1, arbitrary: num(600, 4000) }),
  lot: lotArb,
  industry: fc.constantFrom(...INDUSTRIES),
  allowBuy: fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  allowSell: fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  quality: num(0.3, 1),
  cagr5y: num(-0.1, 0.35),
  dividendYield: num(0, 0.07),
  volatility: num(0.1, 0.6),
  /** Held lots (0 = not held). */
  heldLots: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 60 }) }),
  avgFactor: num(0.4, 1.8),
  heldDays: fc.integer({ min: 0, max: 2000 }),
  targetWeight: fc.option(num(0, 1), { freq: 3 }),
});

export const executabilitySnapshotArb: fc.Arbitrary<SnapshotInput> = fc
  .record({
    // Mostly small universes: the property runs thousands of plans per CI run.
    size: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 2, arbitrary: fc.integer({ min: 7, max: 14 }) }, { weight: 1, arbitrary: fc.integer({ min: 15, max: 30 }) }),
    foreign: fc.subarray([...FOREIGN], { minLength: 0, maxLength: 3 }),
    rates: fc.record({ USD: num(...RATES.USD), GBP: num(...RATES.GBP), HKD: num(...RATES.HKD), JPY: num(...RATES.JPY) }),
    cashEur: fc.array(amount(1e7), { minLength: 4, maxLength: 4 }),
    minCashReserve: fc.oneof(fc.constant(0), num(0, 2000)),
    countryWeights: fc.array(num(0, 1), { minLength: 3, maxLength: 3 }),
    industryWeights: fc.array(num(0, 1), { minLength: 3, maxLength: 3 }),
    useTargetWeights: fc.boolean(),
  })
  .chain((g) => fc.record({ g: fc.constant(g), securities: fc.array(securityArb, { minLength: g.size, maxLength: g.size }) }))
  .map(({ g, securities: raw }) => {
    const currencies: Currency[] = ['EUR', ...g.foreign];
    const rate = (c: Currency): number => (c === 'EUR' ? 1 : g.rates[c as Exclude<Currency, 'EUR'>]);
    const asOfMs = Date.parse(AS_OF);
    const securities: NonNullable<SnapshotInput['securities']> = [];
    const positions: NonNullable<SnapshotInput['positions']> = [];
    const targetWeights: Record<string, number> = {};
    raw.forEach((s, i) => {
      const currency = currencies[s.currencyIndex % currencies.length]!;
      const symbol = `S${String(i).padStart(2, '0')}.${currency}`;
      const price = Math.round(s.priceEur * rate(currency) * 100) / 100 || 0.01;
      const countries = COUNTRY_OF[currency];
      securities.push({
        symbol,
        name: `Security ${i}`,
        currency,
        price,
        country: countries[i % countries.length]!,
        industry: s.industry,
        allowBuy: s.allowBuy,
        allowSell: s.allowSell,
        minLot: s.lot,
        qualityScore: s.quality,
        metrics: { cagr5y: s.cagr5y, dividendYield: s.dividendYield, volatilityAnnual: s.volatility, consistencyScore: s.quality },
      });
      if (s.heldLots > 0) {
        positions.push({
          symbol,
          quantity: s.heldLots * s.lot,
          avgPrice: Math.max(0.01, Math.round(price * s.avgFactor * 100) / 100),
          firstBoughtAt: new Date(asOfMs - s.heldDays * DAY_MS).toISOString().slice(0, 19),
        });
      }
      if (g.useTargetWeights && s.targetWeight !== null) targetWeights[symbol] = s.targetWeight;
    });
    const weightSum = Object.values(targetWeights).reduce((a, b) => a + b, 0);
    if (weightSum > 0) for (const k of Object.keys(targetWeights)) targetWeights[k] = (targetWeights[k]! / weightSum) * 0.98;
    const cash: Record<string, number> = {};
    currencies.forEach((c, i) => {
      cash[c] = Math.round(g.cashEur[i]! * rate(c) * 100) / 100;
    });
    const fxRates: Record<string, number> = { EUR: 1 };
    for (const c of g.foreign) fxRates[c] = g.rates[c as Exclude<Currency, 'EUR'>];
    const normalise = (keys: readonly string[], w: readonly number[]) => {
      const sum = w.reduce((a, b) => a + b, 0) || 1;
      return Object.fromEntries(keys.map((k, i) => [k, (w[i]! / sum) * 0.95]));
    };
    const snapshot: SnapshotInput = {
      asOf: AS_OF,
      baseCurrency: 'EUR',
      cash,
      fxRates,
      minCashReserve: g.minCashReserve,
      securities,
      positions,
      targets: {
        countries: normalise(Object.keys(COUNTRY_GROUPS), g.countryWeights),
        industries: normalise(Object.keys(INDUSTRY_GROUPS), g.industryWeights),
        countryGroups: COUNTRY_GROUPS,
        industryGroups: INDUSTRY_GROUPS,
      },
      ...(weightSum > 0 ? { targetWeights } : {}),
    };
    return snapshot;
  });

/** The rules of issue 13; each names one way a plan cannot be executed as shown. */
export const EXECUTABILITY_RULES = [
  'cashOverrun',
  'cashOverrunAfterCosts',
  'zeroShareSell',
  'lotBreakingBuy',
  'lotBreakingSell',
  'wrongValueEur',
  'wrongCurrency',
  'oversold',
] as const;
export type ExecutabilityRule = (typeof EXECUTABILITY_RULES)[number];

/**
 * The rules a plan breaks, judged independently of the planner: every step at
 * its true value (quantity × price / rate of the security's currency), cash from
 * the plan's `availableCashEur` (snapshot cash minus the reserve), costs
 * `fixed + percent × value` per step.
 */
export function brokenRules(
  snapshot: PortfolioSnapshot,
  plan: Plan,
  costs: { readonly fixed: number; readonly percent: number },
): Set<ExecutabilityRule> {
  const out = new Set<ExecutabilityRule>();
  const securities = new Map(snapshot.securities.map((s) => [s.symbol, s]));
  const held = new Map(snapshot.positions.map((p) => [p.symbol, p.quantity]));
  const rateOf = (c: string) => (c === 'EUR' ? 1 : (snapshot.fxRates[c] ?? 1));
  let cash = plan.availableCashEur;
  let cashAfterCosts = plan.availableCashEur;
  // A cent of slack for the sums of float values.
  const eps = 0.005;
  for (const s of plan.steps) {
    const sec = securities.get(s.symbol);
    const lot = sec?.minLot ?? 1;
    const trueValue = sec ? (s.quantity * s.price) / rateOf(sec.currency) : s.valueEur;
    if (sec && s.currency !== sec.currency) out.add('wrongCurrency');
    if (Math.abs(s.valueEur - trueValue) > eps) out.add('wrongValueEur');
    const cost = costs.fixed + costs.percent * trueValue;
    if (s.side === 'BUY') {
      if (s.quantity % lot !== 0 || s.quantity <= 0) out.add('lotBreakingBuy');
      cash -= trueValue;
      cashAfterCosts -= trueValue + cost;
    } else {
      if (s.quantity <= 0) out.add('zeroShareSell');
      const h = held.get(s.symbol) ?? 0;
      if (s.quantity > h) out.add('oversold');
      if (s.quantity > 0 && s.quantity % lot !== 0 && s.quantity !== h) out.add('lotBreakingSell');
      held.set(s.symbol, h - s.quantity);
      cash += trueValue;
      cashAfterCosts += trueValue - cost;
    }
    if (cash < -eps) out.add('cashOverrun');
    if (cashAfterCosts < -eps) out.add('cashOverrunAfterCosts');
  }
  return out;
}
