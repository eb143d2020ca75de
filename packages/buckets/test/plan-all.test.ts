import { ConfigError, SnapshotError } from '@planner/contracts';
import type { PortfolioSnapshot, Security } from '@planner/contracts';
import { createMemoryStore } from '@planner/store/memory';
import { security } from '@planner/testkit';
import { describe, expect, it } from 'vitest';
import { createBucketService } from '../src/bucket-service.js';
import { allocateBucketCash, checkShares, checkSnapshotBuckets, sliceSnapshot } from '../src/bucket-slice.js';
import { planAllBuckets } from '../src/plan-all.js';
import { ONE_STEP_TOML, tradingModules } from './fixtures.js';

const sec = (symbol: string, price: number, bucket?: string, currency = 'EUR'): Security =>
  security(symbol, { name: symbol, currency, price, country: 'Germany', industry: 'Tech', ...(bucket ? { bucket } : {}) });

/** Core: A (held), B; sat: S (held), T; dormant: P. */
function portfolio(extra: Partial<PortfolioSnapshot> = {}): PortfolioSnapshot {
  return {
    asOf: '2026-01-02T12:00:00', baseCurrency: 'EUR', cash: new Map([['EUR', 9_000], ['USD', 1_300]]), fxRates: { USD: 1.3 }, minCashReserve: 1_000,
    securities: [sec('A', 10), sec('S', 20, 'sat'), sec('B', 30), sec('T', 40, 'sat', 'USD'), sec('P', 50, 'dormant')],
    positions: [{ symbol: 'A', quantity: 100, avgPrice: 8 }, { symbol: 'S', quantity: 50, avgPrice: 25, currentPrice: 22 }, { symbol: 'P', quantity: 10, avgPrice: 50 }],
    targets: { countries: new Map(), industries: new Map(), countryGroups: new Map(), industryGroups: new Map() },
    recentTrades: [{ symbol: 'A', side: 'BUY', at: '2025-12-01T00:00:00' }, { symbol: 'T', side: 'SELL', at: '2025-11-01T00:00:00' }],
    targetWeights: new Map([['A', 0.5], ['S', 0.2]]),
    priceHistory: { A: [1, 2], T: [3, 4] },
    ...extra,
  };
}

describe('cash and slices of buckets', () => {
  const registry = [{ id: 'core', share: 0.7 }, { id: 'sat', share: 0.2 }, { id: 'dormant', share: 0.1 }];

  it('without balances, each bucket holds its share of every cash balance and of the reserve', () => {
    const cash = allocateBucketCash(portfolio(), registry);
    expect(cash.get('core')!.balances.get('EUR')).toBe(6_300);
    expect(cash.get('core')!.balances.get('USD')).toBeCloseTo(910, 9);
    expect(cash.get('sat')!.balances.get('EUR')).toBeCloseTo(1_800, 9);
    expect(cash.get('sat')!.eur).toBeCloseTo(2_000, 9);
    expect(cash.get('sat')!.reserve).toBeCloseTo(200, 9);
    expect([...cash.values()].reduce((s, c) => s + c.eur, 0)).toBeCloseTo(10_000, 9);
  });

  it('with balances, a bucket holds its entry (nothing without one) and the reserve in proportion', () => {
    const bucketCash = new Map([['core', new Map([['EUR', 5_000]])], ['sat', new Map([['EUR', 1_500], ['USD', 650]])]]);
    const cash = allocateBucketCash(portfolio({ bucketCash }), registry);
    expect(cash.get('core')).toEqual({ balances: new Map([['EUR', 5_000]]), eur: 5_000, reserve: 500 });
    expect(cash.get('sat')).toEqual({ balances: new Map([['EUR', 1_500], ['USD', 650]]), eur: 2_000, reserve: 200 });
    expect(cash.get('dormant')).toEqual({ balances: new Map(), eur: 0, reserve: 0 });
  });

  it('a slice holds the bucket\'s securities, their positions, trades, weights and histories, and its cash', () => {
    const s = portfolio();
    const slice = sliceSnapshot(s, 'sat', { balances: new Map([['EUR', 1_800]]), eur: 1_800, reserve: 180 });
    expect(slice.securities.map((x) => x.symbol)).toEqual(['S', 'T']);
    expect(slice.positions.map((p) => p.symbol)).toEqual(['S']);
    expect(slice.recentTrades.map((t) => t.symbol)).toEqual(['T']);
    expect(slice.targetWeights).toEqual(new Map([['S', 0.2]]));
    expect(slice.priceHistory).toEqual({ T: [3, 4] });
    expect([slice.cash, slice.minCashReserve, slice.targets, slice.asOf]).toEqual([new Map([['EUR', 1_800]]), 180, s.targets, s.asOf]);
    const withBalances = { ...s, bucketCash: new Map([['sat', new Map([['EUR', 1]])]]) };
    expect('bucketCash' in sliceSnapshot(withBalances, 'sat', { balances: new Map(), eur: 0, reserve: 0 })).toBe(false);
  });

  it('a snapshot without buckets is, for a core holding all of it, the same snapshot', () => {
    const s = portfolio({ securities: portfolio().securities.map(({ bucket: _b, ...rest }) => rest) });
    const cash = allocateBucketCash(s, [{ id: 'core', share: 1 }]).get('core')!;
    expect(sliceSnapshot(s, 'core', cash)).toEqual(s);
  });

  it('refuses unknown buckets and shares above 1, naming path and value', () => {
    const s = portfolio({ bucketCash: new Map([['sat-2', new Map([['EUR', 1]])]]) });
    try {
      checkSnapshotBuckets(s, [{ id: 'core' }, { id: 'sat' }], 'p.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SnapshotError);
      expect((e as SnapshotError).issues).toEqual([
        { path: 'securities[4].bucket', message: 'expected one of the buckets core, sat, found "dormant"' },
        { path: 'bucketCash["sat-2"]', message: 'expected one of the buckets core, sat, found "sat-2"' },
      ]);
    }
    expect(() => checkSnapshotBuckets(portfolio(), [{ id: 'sat' }, { id: 'dormant' }])).toThrow(
      /securities\[0\]\.bucket: expected one of the buckets sat, dormant, found nothing \(a security without "bucket" belongs to core, which is not registered\)/,
    );
    expect(() => checkShares([{ id: 'core', share: 1 }, { id: 'sat', share: 0.15 }])).toThrow(ConfigError);
    expect(() => checkShares([{ id: 'core', share: 1 }, { id: 'sat', share: 0.15 }])).toThrow(
      "share: expected the buckets' shares to add up to at most 1, found 1.15 (core 1 + sat 0.15)",
    );
    expect(() => checkShares([{ id: 'a', share: 0.7 }, { id: 'b', share: 0.2 }, { id: 'c', share: 0.1 }])).not.toThrow();
  });
});

async function serviceWith(...buckets: { id: string; kind: 'core' | 'satellite'; share: number; status?: 'active' | 'paused' | 'retired' | 'research' | 'accumulating' }[]) {
  const store = createMemoryStore();
  const service = createBucketService({ repository: store.buckets, modules: tradingModules, store });
  for (const b of buckets) await service.add({ ...b, config: { toml: ONE_STEP_TOML } });
  return { store, service };
}

describe('planAllBuckets', () => {
  it('plans each trading bucket on its own slice, core first, and aggregates with prefix and tag', async () => {
    const { service } = await serviceWith(
      { id: 'sat', kind: 'satellite', share: 0.2 }, { id: 'dormant', kind: 'satellite', share: 0.1, status: 'paused' },
      { id: 'core', kind: 'core', share: 0.7 },
    );
    const r = await planAllBuckets(service, portfolio());
    expect(r.buckets.map((b) => [b.id, b.skipped])).toEqual([
      ['core', null], ['sat', null], ['dormant', "bucket 'dormant' is paused: only active and accumulating buckets are planned (change its status to plan it)"],
    ]);
    const [core, sat] = r.buckets;
    // The core plans with its 70 % of the cash (less its part of the reserve), the satellite with its 20 %.
    expect(core!.plan!.availableCashEur).toBeCloseTo(7_000 - 700, 9);
    expect(sat!.plan!.availableCashEur).toBeCloseTo(2_000 - 200, 9);
    // Each plan touches its own symbols only.
    expect(core!.plan!.steps.map((s) => s.symbol).every((x) => ['A', 'B'].includes(x))).toBe(true);
    expect(sat!.plan!.steps.map((s) => s.symbol).every((x) => ['S', 'T'].includes(x))).toBe(true);
    // Satellite value 50 x 22 + 2000 = 3100 against a target of 0.2 x (1000 + 1100 + 500 + 10000) = 2520: fully funded.
    expect(sat!.valueEur).toBeCloseTo(3_100, 9);
    expect(sat!.targetValueEur).toBeCloseTo(2_520, 9);
    expect(sat!.aggression).toMatchObject({ aggression: 1, limitingFactor: 'equal' });
    expect(core!.aggression).toBeNull();
    expect(r.aggregate.map((a) => [a.bucket, a.reason.split(' ')[0], a.tags.at(-1)])).toEqual([
      ...core!.actions.map(() => ['core', '[core]', 'bucket:core']),
      ...sat!.actions.map(() => ['sat', '[sat]', 'bucket:sat']),
    ]);
    expect(r.aggregate.length).toBeGreaterThan(1);
  });

  it('records the high-water marks of the planned buckets and measures drawdown from them', async () => {
    const { service } = await serviceWith({ id: 'core', kind: 'core', share: 0.8 }, { id: 'sat', kind: 'satellite', share: 0.2 });
    const s = portfolio({ securities: portfolio().securities.filter((x) => x.symbol !== 'P'), positions: portfolio().positions.slice(0, 2) });
    const first = await planAllBuckets(service, s);
    expect((await service.get('sat'))!.highWaterMark).toEqual({ value: first.buckets[1]!.valueEur, at: s.asOf });
    expect((await service.get('core'))!.highWaterMark?.value).toBeCloseTo(first.buckets[0]!.valueEur, 9);
    // The satellite's position falls from 22 to 12 a share: 50 x 12 + 2000 = 2600, 16 % below 3100.
    const fallen = { ...s, asOf: '2026-02-02T12:00:00', positions: [s.positions[0]!, { ...s.positions[1]!, currentPrice: 12 }] };
    const second = await planAllBuckets(service, fallen);
    expect(second.buckets[1]!.aggression).toMatchObject({ drawdownAggression: 0.7, aggression: 0.7, limitingFactor: 'drawdown' });
    expect(second.buckets[1]!.highWaterMark).toBeCloseTo(3_100, 9);
    expect(second.buckets[1]!.actions.every((a) => a.tags.includes('aggression_scaled'))).toBe(true);
    // A lower value does not lower the mark.
    expect((await service.get('sat'))!.highWaterMark?.value).toBeCloseTo(3_100, 9);
    // 35 % below the mark or more: hibernation, no plan.
    const crashed = { ...s, positions: [s.positions[0]!, { ...s.positions[1]!, currentPrice: 0.01 }] };
    const third = await planAllBuckets(service, crashed);
    expect(third.buckets[1]).toMatchObject({ skipped: 'hibernation: aggression 0 (limited by drawdown)', plan: null, actions: [] });
  });

  it('skips a bucket without securities and a research bucket; plans an accumulating one', async () => {
    const { service } = await serviceWith(
      { id: 'core', kind: 'core', share: 0.5 }, { id: 'sat', kind: 'satellite', share: 0.2, status: 'research' },
      { id: 'dormant', kind: 'satellite', share: 0.2, status: 'accumulating' }, { id: 'empty', kind: 'satellite', share: 0.1 },
    );
    const r = await planAllBuckets(service, portfolio());
    expect(r.buckets.map((b) => [b.id, b.skipped?.split(':')[0] ?? 'planned'])).toEqual([
      ['core', 'planned'], ['sat', "bucket 'sat' is research"], ['dormant', 'planned'], ['empty', 'no securities'],
    ]);
  });

  it('one failing bucket does not stop the others', async () => {
    const { store, service } = await serviceWith({ id: 'core', kind: 'core', share: 0.8 });
    await store.buckets.add({ id: 'sat', kind: 'satellite', share: 0.2, status: 'active', config: { toml: '[planner]\nmax_depth = "deep"\n' } });
    const r = await planAllBuckets(service, portfolio({ securities: portfolio().securities.filter((x) => x.bucket !== 'dormant') }));
    expect(r.buckets[0]!.plan).not.toBeNull();
    expect(r.buckets[1]!.error).toMatch(/max_depth/);
    expect(r.aggregate.every((a) => a.bucket === 'core')).toBe(true);
    expect((await service.get('sat'))!.highWaterMark).toBeUndefined();
  });

  it('refuses a snapshot that names unknown buckets, and shares above 1 in the registry', async () => {
    const { store, service } = await serviceWith({ id: 'core', kind: 'core', share: 0.8 });
    await expect(planAllBuckets(service, portfolio())).rejects.toThrow(SnapshotError);
    await store.buckets.add({ id: 'sat', kind: 'satellite', share: 0.5, status: 'active', config: { toml: ONE_STEP_TOML } });
    await expect(planAllBuckets(service, portfolio())).rejects.toThrow(/shares to add up to at most 1, found 1.3/);
  });
});

describe('bucket service: shares, status and slices', () => {
  it('refuses shares above 1 at add and update, and changes status', async () => {
    const { service } = await serviceWith({ id: 'core', kind: 'core', share: 1 });
    await expect(service.add({ id: 'sat', kind: 'satellite', share: 0.15, config: { preset: 'default' } })).rejects.toThrow(
      "expected the buckets' shares to add up to at most 1, found 1.15 (core 1 + sat 0.15)",
    );
    await service.update('core', { share: 0.85 });
    await service.add({ id: 'sat', kind: 'satellite', share: 0.15, config: { toml: ONE_STEP_TOML } });
    await expect(service.update('sat', { share: 0.2 })).rejects.toThrow(ConfigError);
    expect(await service.update('sat', { status: 'paused' })).toMatchObject({ share: 0.15, status: 'paused' });
    await expect(service.update('nope', { share: 0 })).rejects.toThrow(/does not exist/);
  });

  it('sliceFor refuses a bucket without securities', async () => {
    const { service } = await serviceWith({ id: 'core', kind: 'core', share: 0.9 }, { id: 'sat', kind: 'satellite', share: 0.1 });
    const s = portfolio({ securities: portfolio().securities.filter((x) => x.bucket === undefined) });
    expect((await service.sliceFor('core', s)).securities).toHaveLength(2);
    await expect(service.sliceFor('sat', s)).rejects.toThrow(/expected at least one security of bucket 'sat'/);
  });
});
