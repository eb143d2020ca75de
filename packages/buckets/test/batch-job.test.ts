import { defineCalculator, defineEvaluator, definePattern } from '@planner/contracts';
import type { PlannerModule, PortfolioSnapshot, Sequence } from '@planner/contracts';
import { createMemoryStore } from '@planner/store/memory';
import { buy, security } from '@planner/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBucketService } from '../src/bucket-service.js';
import { TRADING_STATUSES, whyNotPlanned } from '../src/bucket-status.js';
import { planAllBuckets } from '../src/plan-all.js';
import { createWorkEvaluator } from '../src/work-evaluator.js';
import { modules as stubs } from './fixtures.js';

// Stubs under the standard names, three of them with behaviour: buys of every
// unheld security, every single buy and pair, a score from the bought value.
const loose = z.object({}).catchall(z.unknown());
const buys = defineCalculator({
  name: 'opportunity_buys', description: 'buys', params: loose, order: 300, enabledByDefault: true,
  calculate: (ctx) => ctx.securities.filter((s) => !ctx.portfolio.positions.has(s.symbol)).map((s, i) =>
    buy(s.symbol, { name: s.name, quantity: 1 + i, price: s.price, currency: s.currency, priority: 0.9 - i / 100, reason: 'cheap', tags: ['opportunity'] })),
});
const pairs = definePattern({
  name: 'direct_buy', description: 'singles and pairs', params: loose, order: 100, enabledByDefault: true,
  generate: (opps) => {
    const list = opps.opportunity_buys ?? [];
    const out: Sequence[] = list.map((c) => [c]);
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) out.push([list[i]!, list[j]!]);
    return out;
  },
});
const scorer = defineEvaluator({
  name: 'single_objective', description: 'value', params: loose,
  prepare: () => ({
    currentScore: () => ({ diversification: 50, dividend: 50, quality: 50, total: 50 }),
    evaluate: (seq) => ({ score: 0.5 + seq.reduce((v, a) => v + a.valueEur, 0) / 1e5, diversificationScore: 0.5, riskScore: 0.5, transactionCost: 2 * seq.length }),
  }),
});
const modules: readonly PlannerModule[] = [
  ...stubs.filter((m) => !['opportunity_buys', 'direct_buy', 'single_objective'].includes(m.name)), buys, pairs, scorer,
];
const TOML = '[planner]\nname = "job"\nmax_depth = 2\npriority_threshold = 0.0\nenable_diverse_selection = false\n';

/** Securities named `X:sat` belong to bucket `sat`, the others to core. */
function snapshot(symbols: readonly string[]): PortfolioSnapshot {
  return {
    asOf: '2026-01-02T12:00:00Z', baseCurrency: 'EUR', cash: new Map([['EUR', 100_000]]), fxRates: { EUR: 1 }, minCashReserve: 0,
    securities: symbols.map((name, i) => security(name.split(':')[0] as string, {
      name, price: 10 + i, country: 'Germany', industry: 'Tech', ...(name.includes(':') ? { bucket: name.split(':')[1] as string } : {}),
    })),
    positions: [], targets: { countries: new Map(), industries: new Map(), countryGroups: new Map(), industryGroups: new Map() }, recentTrades: [],
  };
}
const withoutTimings = (p: unknown) => (p === null ? p : { ...(p as object), timings: {} });

describe('runBatch: the bucket batch job', () => {
  it('plans each bucket on its own slice and work, with its own planner, and equals plan() of the slice', async () => {
    const store = createMemoryStore();
    const service = createBucketService({ repository: store.buckets, modules, store });
    await service.add({ id: 'core', kind: 'core', config: { toml: TOML }, share: 0.8 });
    await service.add({ id: 'sat', kind: 'satellite', config: { toml: TOML.replace('max_depth = 2', 'max_depth = 1') }, share: 0.2 });
    const whole = snapshot(['A', 'X:sat', 'B', 'C', 'Y:sat', 'D', 'E', 'F', 'Z:sat']);
    const [a, b] = [await service.sliceFor('core', whole), await service.sliceFor('sat', whole)];
    expect(a.securities.map((s) => s.symbol)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(b.securities.map((s) => s.symbol)).toEqual(['X', 'Y', 'Z']);
    expect([a.cash, b.cash]).toEqual([new Map([['EUR', 80_000]]), new Map([['EUR', 20_000]])]);
    const [core, sat] = await Promise.all([
      service.runBatch('core', whole, { store, batchSize: 3 }),
      service.runBatch('sat', whole, { store, batchSize: 1 }),
    ]);
    expect(core.key.bucket).toBe('core');
    expect(sat.key.bucket).toBe('sat');
    expect(core.progress.total).toBeGreaterThan(sat.progress.total); // six securities against three
    expect(sat.progress.total).toBeGreaterThanOrEqual(3);
    expect(withoutTimings(core.plan)).toEqual(withoutTimings(await (await service.getPlanner('core')).plan(a)));
    expect(withoutTimings(sat.plan)).toEqual(withoutTimings(await (await service.getPlanner('sat')).plan(b)));
    expect(core.plan?.steps).toHaveLength(2);
  });

  it('one status rule with planAllBuckets: a bucket it skips, runBatch refuses with the same message and stores no work', async () => {
    const store = createMemoryStore();
    const service = createBucketService({ repository: store.buckets, modules, store });
    await service.add({ id: 'core', kind: 'core', config: { toml: TOML }, share: 1 });
    const s = snapshot(['A', 'B']);
    for (const status of ['research', 'hibernating', 'paused', 'retired'] as const) {
      await store.buckets.update('core', { status });
      const message = `bucket 'core' is ${status}: only active and accumulating buckets are planned (change its status to plan it)`;
      expect(whyNotPlanned({ id: 'core', status })).toBe(message);
      await expect(service.runBatch('core', s, { store })).rejects.toThrow(message);
      expect((await planAllBuckets(service, s, { recordHighWaterMarks: false })).buckets[0]).toMatchObject({ skipped: message, plan: null });
    }
    for (const status of TRADING_STATUSES) {
      await store.buckets.update('core', { status });
      expect(whyNotPlanned({ id: 'core', status })).toBeNull();
      expect((await planAllBuckets(service, s, { recordHighWaterMarks: false })).buckets[0]!.skipped).toBeNull();
      const r = await service.runBatch('core', s, { store });
      // Freshly generated: the refused runs stored nothing.
      expect(r).toMatchObject({ status: 'finished', generated: true });
      await store.invalidate('core');
    }
  });

  it('stores the configuration with the work; a worker rebuilds the scorer from it alone', async () => {
    const store = createMemoryStore();
    const service = createBucketService({ repository: store.buckets, modules, store });
    await service.add({ id: 'core', kind: 'core', config: { toml: TOML }, share: 1 });
    const s = snapshot(['A', 'B', 'C', 'D']);
    const queued = await service.runBatch('core', s, { store, evaluate: false, wait: false });
    expect(queued.status).toBe('pending');
    const data = await store.workData(queued.key);
    expect(JSON.parse(data!).config).toContain('name = "job"');
    const evaluate = createWorkEvaluator({ modules });
    for (let batch; (batch = await store.claimBatch(queued.key, 4)).length > 0; ) {
      await store.recordResults(queued.key, await evaluate({ key: queued.key, sequences: batch, data }));
    }
    const done = await service.runBatch('core', s, { store });
    expect(done).toMatchObject({ status: 'finished', evaluated: 0, generated: false });
    expect(withoutTimings(done.plan)).toEqual(withoutTimings(await (await service.getPlanner('core')).plan(s)));
  });

  it('a stopping worker\'s evaluator hands back what it has: nothing once aborted, everything (the same results) until then', async () => {
    const store = createMemoryStore();
    const service = createBucketService({ repository: store.buckets, modules, store });
    await service.add({ id: 'core', kind: 'core', config: { toml: TOML }, share: 1 });
    const queued = await service.runBatch('core', snapshot(['A', 'B', 'C', 'D']), { store, evaluate: false, wait: false });
    const data = await store.workData(queued.key);
    const sequences = await store.claimBatch(queued.key, 1000);
    expect(sequences.length).toBeGreaterThan(8);
    const evaluate = createWorkEvaluator({ modules });
    const whole = await evaluate({ key: queued.key, sequences, data });
    expect(await evaluate({ key: queued.key, sequences, data, signal: new AbortController().signal })).toEqual(whole);
    expect(await evaluate({ key: queued.key, sequences, data, signal: AbortSignal.abort() })).toEqual([]);
  });

  it('a worker refuses work without a description, without a configuration, or whose inputs do not hash to its key', async () => {
    const store = createMemoryStore();
    const service = createBucketService({ repository: store.buckets, modules, store });
    await service.add({ id: 'core', kind: 'core', config: { toml: TOML }, share: 1 });
    const s = snapshot(['A', 'B']);
    const queued = await service.runBatch('core', s, { store, evaluate: false, wait: false });
    const data = (await store.workData(queued.key))!;
    const sequences = await store.claimBatch(queued.key, 1);
    const evaluate = createWorkEvaluator({ modules });
    await expect(async () => evaluate({ key: queued.key, sequences, data: null })).rejects.toThrow(/no work description/);
    const noConfig = JSON.stringify({ ...JSON.parse(data), config: null });
    await expect(async () => evaluate({ key: queued.key, sequences, data: noConfig })).rejects.toThrow(/without its configuration/);
    const otherSeed = JSON.stringify({ ...JSON.parse(data), seed: 99 });
    await expect(async () => evaluate({ key: queued.key, sequences, data: otherSeed })).rejects.toThrow(/do not hash to the work's key/);
    expect((await evaluate({ key: queued.key, sequences, data }))[0]?.index).toBe(sequences[0]?.index);
  });
});
