import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBucketService, planAllBuckets, planPreparedBucket, prepareBuckets } from '@planner/buckets';
import type { BucketPlan, BucketService } from '@planner/buckets';
import type { PortfolioSnapshot } from '@planner/contracts';
import { parseSnapshot } from '@planner/context';
import { createMemoryStore } from '@planner/store/memory';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';
import { scenarioDir } from './helpers.js';

// Issue 12 point 3: what buckets promise, on random portfolios split in
// random buckets (random shares, balances, statuses, high-water marks), with
// the standard modules and the parity configurations.

const modules = standardModules();
const FC = { seed: 12, numRuns: 40 } as const;
const BUCKETS = ['core', 'sat_a', 'sat_b'] as const;
const RATES = { EUR: 1, USD: 1.1 } as const;
const EPS = 1e-6;

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const holdingArb = fc.record({
  bucket: fc.constantFrom(...BUCKETS),
  currency: fc.constantFrom('EUR', 'USD'),
  price: num(1, 400),
  quality: num(0.2, 1),
  cagr: num(-0.1, 0.3),
  dividend: num(0, 0.06),
  country: fc.constantFrom('Germany', 'France', 'United States'),
  industry: fc.constantFrom('Technology', 'Banks', 'Utilities'),
  held: fc.option(fc.record({ quantity: fc.integer({ min: 1, max: 200 }), avgFactor: num(0.4, 2), markFactor: num(0.6, 1.4) }), { freq: 2 }),
});

const inputArb = fc.record({
  holdings: fc.array(holdingArb, { minLength: 4, maxLength: 12 }),
  cash: fc.record({ EUR: num(0, 30_000), USD: num(0, 8_000) }),
  reserve: fc.oneof(fc.constant(0), num(0, 2_000)),
  // Each bucket's share is its part of the invested value times this factor (then scaled to add up to at most 1):
  // about 1 funds it, more underfunds it (aggression below 1).
  shareFactors: fc.tuple(num(0.7, 1.6), num(0.7, 1.6), num(0.7, 1.6)),
  // null: cash by share; else each bucket's part of every balance (the rest unassigned).
  balances: fc.option(fc.tuple(num(0, 1), num(0, 1), num(0, 1), num(0, 0.5)), { freq: 2 }),
  statuses: fc.tuple(fc.constantFrom('active', 'accumulating'), fc.constantFrom('active', 'active', 'accumulating', 'paused'), fc.constantFrom('active', 'retired')),
  // Stored high-water marks as a multiple of the bucket's value now (0: none): drawdown scaling and hibernation.
  hwmFactors: fc.tuple(fc.constant(0), fc.constantFrom(0, 1.1, 1.2, 1.3, 2), fc.constantFrom(0, 1.2, 1.5)),
  config: fc.constantFrom('default', 'conservative', 'aggressive'),
});

type Input = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

function snapshotOf(input: Input): PortfolioSnapshot {
  // Raw snapshot JSON: the format's defaults fill in the rest (a core security sometimes names its bucket, sometimes not).
  const securities = input.holdings.map((h, i) => ({
    symbol: `S${i}`, name: `Security ${i}`, currency: h.currency, price: h.price, country: h.country, industry: h.industry, qualityScore: h.quality,
    metrics: { cagr5y: h.cagr, dividendYield: h.dividend }, ...(h.bucket === 'core' && i % 2 === 0 ? {} : { bucket: h.bucket }),
  }));
  const positions = input.holdings.flatMap((h, i) => (h.held === null ? [] : [{
    symbol: `S${i}`, quantity: h.held.quantity, avgPrice: h.price * h.held.avgFactor, currentPrice: h.price * h.held.markFactor,
    firstBoughtAt: '2024-01-02T00:00:00',
  }]));
  let bucketCash: Record<string, Record<string, number>> | undefined;
  if (input.balances !== null) {
    const total = input.balances.reduce((a, b) => a + b, 0) || 1;
    bucketCash = Object.fromEntries(BUCKETS.map((b, i) => [b, {
      EUR: (input.cash.EUR * input.balances![i]!) / total * (1 - 1e-12), USD: (input.cash.USD * input.balances![i]!) / total * (1 - 1e-12),
    }]));
  }
  return parseSnapshot({
    asOf: '2026-01-02T12:00:00', baseCurrency: 'EUR', cash: input.cash, fxRates: { USD: RATES.USD }, minCashReserve: input.reserve,
    securities, positions,
    targets: {
      countries: { EU: 0.5, US: 0.4 }, industries: { TECH: 0.4, FIN: 0.3, UTIL: 0.2 },
      countryGroups: { EU: ['Germany', 'France'], US: ['United States'] },
      industryGroups: { TECH: ['Technology'], FIN: ['Banks'], UTIL: ['Utilities'] },
    },
    ...(bucketCash ? { bucketCash } : {}),
  });
}

const parityToml = (name: string): string => readFileSync(join(scenarioDir, `configs/${name}.toml`), 'utf8');

async function serviceFor(input: Input, snapshot: PortfolioSnapshot): Promise<BucketService> {
  const store = createMemoryStore();
  const service = createBucketService({ repository: store.buckets, modules, store });
  const invested = new Map<string, number>(BUCKETS.map((b) => [b, 0]));
  const bucketOf = new Map(snapshot.securities.map((x) => [x.symbol, x]));
  for (const p of snapshot.positions) {
    const x = bucketOf.get(p.symbol)!;
    invested.set(x.bucket ?? 'core', invested.get(x.bucket ?? 'core')! + (p.quantity * (p.currentPrice ?? x.price)) / rate(x.currency));
  }
  const all = [...invested.values()].reduce((a, b) => a + b, 0);
  const raw = BUCKETS.map((b, i) => (all > 0 ? invested.get(b)! / all : 1 / 3) * input.shareFactors[i]!);
  const scale = Math.max(1, raw.reduce((a, b) => a + b, 0)) * (1 + 1e-12);
  const toml = parityToml(input.config).replace(/max_depth = \d+/, 'max_depth = 3');
  for (const [i, id] of BUCKETS.entries()) {
    await service.add({
      id, kind: i === 0 ? 'core' : 'satellite', config: { toml }, share: raw[i]! / scale,
      status: input.statuses[i] as 'active',
    });
  }
  const { prepared } = prepareBuckets(snapshot, await service.list());
  for (const p of prepared) {
    const factor = input.hwmFactors[BUCKETS.indexOf(p.bucket.id as typeof BUCKETS[number])]!;
    if (factor > 0) await service.raiseHighWaterMark(p.bucket.id, p.valueEur * factor, '2025-12-01T00:00:00');
  }
  return service;
}

const rate = (currency: string): number => (currency === 'USD' ? RATES.USD : 1);
const eurOf = (balances: ReadonlyMap<string, number>): number =>
  [...balances].reduce((s, [c, v]) => s + v / rate(c), 0);

/** The EUR a bucket may spend, computed here from the snapshot and the registry (not taken from the planner). */
function spendable(snapshot: PortfolioSnapshot, bucket: string, share: number): number {
  const balances = snapshot.bucketCash
    ? (snapshot.bucketCash.get(bucket) ?? new Map<string, number>())
    : new Map([...snapshot.cash].map(([c, v]) => [c, v * share]));
  const portfolio = eurOf(snapshot.cash);
  const own = eurOf(balances);
  return Math.max(0, own - (portfolio > 0 ? snapshot.minCashReserve * Math.min(1, own / portfolio) : 0));
}

const withoutTimings = (b: BucketPlan) => ({ ...b, plan: b.plan === null ? null : { ...b.plan, timings: {} } });

function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items.map((item, i) => ({ item, k: keys[i % keys.length]! + i / 1000 })).sort((a, b) => a.k - b.k).map((x) => x.item);
}

describe('bucket properties (fast-check)', () => {
  it('the random inputs are valid and not vacuous: satellites trade, scale and hibernate', async () => {
    const stats = { planned: 0, satelliteActions: 0, scaled: 0, hibernating: 0, sells: 0, balances: 0 };
    for (const input of fc.sample(inputArb, { seed: FC.seed, numRuns: 30 })) {
      const snapshot = snapshotOf(input);
      const r = await planAllBuckets(await serviceFor(input, snapshot), snapshot, { recordHighWaterMarks: false });
      if (snapshot.bucketCash) stats.balances++;
      for (const b of r.buckets) {
        if (b.plan) stats.planned++;
        if (b.kind === 'satellite') stats.satelliteActions += b.actions.length;
        if (b.actions.some((a) => a.tags.includes('aggression_scaled'))) stats.scaled++;
        if (b.skipped?.startsWith('hibernation')) stats.hibernating++;
        stats.sells += b.actions.filter((a) => a.side === 'SELL').length;
      }
    }
    expect(stats.planned).toBeGreaterThan(35);
    expect(stats.satelliteActions).toBeGreaterThan(10);
    expect(stats.scaled).toBeGreaterThan(4);
    expect(stats.hibernating).toBeGreaterThan(2);
    expect(stats.sells).toBeGreaterThan(3);
    expect(stats.balances).toBeGreaterThan(5);
  }, 600_000);

  it('a bucket never spends another bucket\'s cash nor sells another bucket\'s position; together they never spend more than the portfolio holds', async () => {
    await fc.assert(fc.asyncProperty(inputArb, async (input) => {
      const snapshot = snapshotOf(input);
      const service = await serviceFor(input, snapshot);
      const registry = await service.list();
      const r = await planAllBuckets(service, snapshot);
      const bucketOf = new Map(snapshot.securities.map((s) => [s.symbol, s.bucket ?? 'core']));
      const held = new Map(snapshot.positions.map((p) => [p.symbol, p.quantity]));
      let netSpend = 0;
      for (const b of r.buckets) {
        const share = registry.find((x) => x.id === b.id)!.share;
        let cash = spendable(snapshot, b.id, share);
        const sold = new Map<string, number>();
        for (const a of b.actions) {
          expect(bucketOf.get(a.symbol), `${b.id} trades ${a.symbol}`).toBe(b.id);
          cash += a.side === 'SELL' ? a.valueEur : -a.valueEur;
          netSpend += a.side === 'SELL' ? -a.valueEur : a.valueEur;
          expect(cash, `${b.id}: cash after ${a.side} ${a.symbol}`).toBeGreaterThanOrEqual(-EPS);
          if (a.side === 'SELL') sold.set(a.symbol, (sold.get(a.symbol) ?? 0) + a.quantity);
        }
        for (const [symbol, q] of sold) expect(q, `${b.id} sells ${symbol}`).toBeLessThanOrEqual(held.get(symbol) ?? 0);
      }
      const portfolio = Math.max(0, eurOf(snapshot.cash) - snapshot.minCashReserve);
      expect(netSpend).toBeLessThanOrEqual(portfolio + EPS);
      expect(r.buckets.reduce((s, b) => s + b.cash.eur, 0)).toBeLessThanOrEqual(eurOf(snapshot.cash) * (1 + 1e-9) + EPS);
    }), FC);
  }, 900_000);

  it('planning the buckets in any order, or all at the same time, gives the same plans', async () => {
    await fc.assert(fc.asyncProperty(inputArb, fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), async (input, keys) => {
      const snapshot = snapshotOf(input);
      const service = await serviceFor(input, snapshot);
      const { prepared } = prepareBuckets(snapshot, await service.list());
      const together = await planAllBuckets(service, snapshot, { recordHighWaterMarks: false });
      const sequential = await planAllBuckets(service, snapshot, { recordHighWaterMarks: false, sequential: true });
      const oneByOne: BucketPlan[] = [];
      for (const p of shuffled(prepared, keys)) oneByOne.push(await planPreparedBucket(service, p));
      const atOnce = await Promise.all(shuffled(prepared, [...keys].reverse()).map((p) => planPreparedBucket(service, p)));
      const byId = (plans: readonly BucketPlan[]) => Object.fromEntries(plans.map((b) => [b.id, withoutTimings(b)]));
      const expected = byId(together.buckets);
      expect(byId(sequential.buckets)).toEqual(expected);
      expect(byId(oneByOne)).toEqual(expected);
      expect(byId(atOnce)).toEqual(expected);
      expect(sequential.aggregate).toEqual(together.aggregate);
    }), { ...FC, numRuns: 25 });
  }, 900_000);
});
