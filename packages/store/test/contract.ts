import { StoreError } from '@planner/contracts';
import type { StoredSequence } from '@planner/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BucketRecord, PlannerStore } from '../src/types.js';
import { evaluate, expectedBest, key, makeSequences } from './fixtures.js';

/** Drains the bucket's work the way the incremental planner does: claim, evaluate, record. */
export async function drain(store: PlannerStore, k = key('core'), size = 7): Promise<number> {
  let evaluated = 0;
  for (;;) {
    const batch = await store.claimBatch(k, size);
    if (batch.length === 0) return evaluated;
    evaluated += batch.length;
    await store.recordResults(k, batch.map(evaluate));
  }
}

const core: BucketRecord = { id: 'core', kind: 'core', config: { preset: 'default' }, share: 0.8, status: 'active' };
const sat: BucketRecord = { id: 'momentum_1', kind: 'satellite', config: { sliders: { riskAppetite: 0.7 } }, share: 0.05, status: 'research' };

/** The SequenceStore + BucketRepository contract, run against every backend. */
export function storeContract(name: string, create: () => Promise<PlannerStore>, dispose?: () => Promise<void>): void {
  describe(`${name}: SequenceStore contract`, () => {
    let store: PlannerStore;
    const seqs = makeSequences(50);
    beforeEach(async () => {
      store = await create();
    });
    afterEach(async () => {
      await store.close();
      await dispose?.();
    });

    it('opens empty work, stores sequences once, reports progress', async () => {
      const k = key('core');
      expect(await store.open(k)).toEqual({ hasSequences: false });
      expect(await store.progress(k)).toEqual({ total: 0, evaluated: 0, finished: false });
      await store.put(k, seqs);
      await store.put(k, seqs.slice(0, 10)); // idempotent by hash
      expect(await store.open(k)).toEqual({ hasSequences: true });
      expect(await store.progress(k)).toEqual({ total: 50, evaluated: 0, finished: false });
    });

    it('hands out batches lowest index first, never the same sequence twice while leased', async () => {
      const k = key('core');
      await store.open(k);
      await store.put(k, [...seqs].reverse());
      const a = await store.claimBatch(k, 5);
      const b = await store.claimBatch(k, 5);
      expect(a.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
      expect(b.map((s) => s.index)).toEqual([5, 6, 7, 8, 9]);
      expect(a[0]?.sequence).toEqual(seqs[0]?.sequence);
      expect(a[0]?.hash).toBe(seqs[0]?.hash);
    });

    it('sequences put later with lower indexes are handed out next', async () => {
      const k = key('core');
      await store.open(k);
      await store.put(k, seqs.slice(20, 30));
      const first = await store.claimBatch(k, 10);
      expect(first.map((s) => s.index)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
      await store.recordResults(k, first.slice(0, 5).map(evaluate));
      await store.put(k, seqs.slice(0, 5));
      expect((await store.claimBatch(k, 3)).map((s) => s.index)).toEqual([0, 1, 2]);
      expect((await store.claimBatch(k, 4)).map((s) => s.index)).toEqual([3, 4]);
    });

    it('evaluates every sequence exactly once and keeps the best', async () => {
      const k = key('core');
      await store.open(k);
      await store.put(k, seqs);
      expect(await drain(store, k)).toBe(50);
      const results = await store.results(k);
      expect(results.map((r) => r.index)).toEqual(seqs.map((s) => s.index));
      expect(results).toEqual(seqs.map(evaluate));
      expect(await store.progress(k)).toEqual({ total: 50, evaluated: 50, finished: true });
      expect(await store.best(k)).toEqual(expectedBest(seqs));
      expect(await store.claimBatch(k, 10)).toEqual([]);
    });

    it('counts a result recorded twice once', async () => {
      const k = key('core');
      await store.open(k);
      await store.put(k, seqs);
      const batch = await store.claimBatch(k, 10);
      const results = batch.map(evaluate);
      await store.recordResults(k, results);
      await store.recordResults(k, results);
      await store.recordResults(k, [{ ...results[0]!, score: 0.999 }]); // a retried batch never overwrites
      expect((await store.progress(k)).evaluated).toBe(10);
      expect((await store.results(k))[0]).toEqual(results[0]);
    });

    it('ignores results of unknown sequences', async () => {
      const k = key('core');
      await store.open(k);
      await store.put(k, seqs.slice(0, 3));
      await store.recordResults(k, [{ index: 99, hash: 'nope', score: 0.9, diversificationScore: 0, riskScore: 0, transactionCost: 0 }]);
      expect(await store.progress(k)).toEqual({ total: 3, evaluated: 0, finished: false });
    });

    it('a re-open releases leases of a dead caller; evaluated work is kept', async () => {
      const k = key('core');
      await store.open(k);
      await store.put(k, seqs);
      const first = await store.claimBatch(k, 10);
      await store.recordResults(k, first.map(evaluate));
      await store.claimBatch(k, 10); // claimed, never recorded: the caller died
      expect(await store.open(k)).toEqual({ hasSequences: true });
      const again = await store.claimBatch(k, 10);
      expect(again.map((s) => s.index)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    });

    it('a changed work key drops only that bucket\'s work', async () => {
      const a = key('core');
      const b = key('momentum_1');
      await store.open(a);
      await store.open(b);
      await store.put(a, seqs);
      await store.put(b, seqs.slice(0, 20));
      await drain(store, a);
      await drain(store, b);
      const changed = key('core', 'p1', 'c2');
      expect(await store.open(changed)).toEqual({ hasSequences: false });
      expect(await store.progress(changed)).toEqual({ total: 0, evaluated: 0, finished: false });
      expect(await store.results(a)).toEqual([]);
      expect(await store.best(a)).toBeNull();
      expect(await store.progress(b)).toEqual({ total: 20, evaluated: 20, finished: true });
      expect(await store.best(b)).toEqual(expectedBest(seqs.slice(0, 20)));
      // a late writer of the old key counts nothing in the new work
      await store.put(changed, seqs.slice(0, 5));
      await store.recordResults(a, seqs.slice(0, 5).map(evaluate));
      expect((await store.progress(changed)).evaluated).toBe(0);
    });

    it('a changed portfolio hash is a clean restart too', async () => {
      const a = key('core');
      await store.open(a);
      await store.put(a, seqs);
      await drain(store, a);
      const b = key('core', 'p2', 'c1');
      await store.open(b);
      await store.put(b, seqs.slice(0, 4));
      expect(await drain(store, b)).toBe(4);
      expect(await store.progress(b)).toEqual({ total: 4, evaluated: 4, finished: true });
    });

    it('writes to a key that was never opened fail clearly', async () => {
      const k = key('core');
      await expect(store.put(k, seqs)).rejects.toThrow(StoreError);
      await expect(store.claimBatch(k, 1)).rejects.toThrow(/call open\(\) first/);
      await store.open(k);
      await expect(store.put(key('core', 'p9'), seqs)).rejects.toThrow(StoreError);
    });

    it('a run whose work was replaced or removed under it is told so, not to call open()', async () => {
      const k = key('core');
      await store.open(k);
      await store.put(k, seqs);
      await store.open(key('core', 'p1', 'c2')); // another run, with a changed configuration
      await expect(store.claimBatch(k, 1)).rejects.toThrow(/work of bucket 'core' was replaced .*run again/);
      await store.invalidate('core'); // the bucket was removed
      await expect(store.claimBatch(k, 1)).rejects.toThrow(/bucket 'core' has no stored work .*removed/);
    });

    it('keeps the work of buckets named like built-ins apart: __proto__, constructor, toString', async () => {
      const ids = ['__proto__', 'constructor', 'toString'];
      for (const [i, id] of ids.entries()) {
        await store.open(key(id));
        await store.put(key(id), seqs.slice(0, 5 + i));
      }
      expect(await drain(store, key('constructor'))).toBe(6);
      expect(await store.progress(key('constructor'))).toEqual({ total: 6, evaluated: 6, finished: true });
      expect(await store.best(key('constructor'))).toEqual(expectedBest(seqs.slice(0, 6)));
      expect(await store.progress(key('__proto__'))).toEqual({ total: 5, evaluated: 0, finished: false });
      await store.invalidate('__proto__');
      expect(await store.open(key('__proto__'))).toEqual({ hasSequences: false });
      expect((await store.progress(key('toString'))).total).toBe(7);
      expect((await store.progress(key('constructor'))).total).toBe(6);
    });

    it('invalidate drops the bucket\'s work only', async () => {
      const a = key('core');
      const b = key('momentum_1');
      await store.open(a);
      await store.open(b);
      await store.put(a, seqs.slice(0, 5));
      await store.put(b, seqs.slice(0, 5));
      await store.invalidate('core');
      expect(await store.progress(a)).toEqual({ total: 0, evaluated: 0, finished: false });
      expect(await store.open(a)).toEqual({ hasSequences: false });
      expect((await store.progress(b)).total).toBe(5);
    });

    it('best ignores scores of 0 and breaks ties by the lowest index', async () => {
      const k = key('core');
      await store.open(k);
      const s: StoredSequence[] = seqs.slice(0, 4);
      await store.put(k, s);
      const r = (i: number, score: number) => ({ index: i, hash: s[i]!.hash, score, diversificationScore: 0, riskScore: 0, transactionCost: 0 });
      await store.recordResults(k, [r(3, 0.5), r(0, 0)]);
      await store.recordResults(k, [r(1, 0.5)]);
      await store.recordResults(k, [r(2, 0.4)]);
      expect((await store.best(k))?.index).toBe(1);
      const zero = key('zero');
      await store.open(zero);
      await store.put(zero, s.slice(0, 1));
      await store.recordResults(zero, [r(0, 0)]);
      expect(await store.best(zero)).toBeNull();
    });

    it('keeps the work\'s description with the work and drops it with a changed key', async () => {
      const k = key('core');
      const other = key('momentum_1');
      await store.open(k);
      await store.open(other);
      expect(await store.workData(k)).toBeNull();
      await store.setWorkData(k, '{"snapshot":1}');
      await store.setWorkData(other, 'other');
      expect(await store.workData(k)).toBe('{"snapshot":1}');
      expect(await store.open(k)).toEqual({ hasSequences: false });
      expect(await store.workData(k)).toBe('{"snapshot":1}'); // same key: kept
      await store.setWorkData(k, 'replaced');
      expect(await store.workData(k)).toBe('replaced');
      const changed = key('core', 'p1', 'c2');
      await store.open(changed);
      expect(await store.workData(changed)).toBeNull();
      expect(await store.workData(k)).toBeNull();
      expect(await store.workData(other)).toBe('other');
      await expect(store.setWorkData(k, 'late')).rejects.toThrow(StoreError);
      expect(await store.workData(changed)).toBeNull();
    });

    it('returns stored sequences by index, in index order, for the current key only', async () => {
      const k = key('core');
      await store.open(k);
      await store.put(k, seqs.slice(0, 20));
      expect(await store.sequencesAt(k, [12, 3, 99, 3])).toEqual([seqs[3], seqs[12]]);
      expect(await store.sequencesAt(k, [])).toEqual([]);
      expect(await store.sequencesAt(key('core', 'p2'), [3])).toEqual([]);
    });

    it('stores sequences with every action field intact', async () => {
      const k = key('core');
      await store.open(k);
      await store.put(k, seqs.slice(0, 8));
      const batch = await store.claimBatch(k, 8);
      expect(batch).toEqual(seqs.slice(0, 8));
    });
  });

  describe(`${name}: BucketRepository`, () => {
    let store: PlannerStore;
    beforeEach(async () => {
      store = await create();
    });
    afterEach(async () => {
      await store.close();
      await dispose?.();
    });

    it('adds, lists in insertion order, gets, updates and removes buckets', async () => {
      await store.buckets.add(sat);
      await store.buckets.add(core);
      expect(await store.buckets.list()).toEqual([sat, core]);
      expect(await store.buckets.get('core')).toEqual(core);
      expect(await store.buckets.get('nope')).toBeNull();
      const toml = { toml: '[planner]\nmax_depth = 3\n' };
      expect(await store.buckets.update('momentum_1', { config: toml, share: 0.1 })).toEqual({ ...sat, config: toml, share: 0.1 });
      expect(await store.buckets.get('momentum_1')).toEqual({ ...sat, config: toml, share: 0.1 });
      expect(await store.buckets.remove('momentum_1')).toBe(true);
      expect(await store.buckets.remove('momentum_1')).toBe(false);
      expect(await store.buckets.list()).toEqual([core]);
    });

    it('buckets named like built-ins are ordinary ids: listed, read, updated, marked and removed', async () => {
      const named = ['__proto__', 'constructor', 'toString'].map((id): BucketRecord => ({ ...sat, id, share: 0.1 }));
      for (const b of named) await store.buckets.add(b);
      expect((await store.buckets.list()).map((b) => b.id)).toEqual(['__proto__', 'constructor', 'toString']);
      expect(await store.buckets.get('__proto__')).toEqual(named[0]);
      expect(await store.buckets.get('valueOf')).toBeNull();
      await expect(store.buckets.add(named[1]!)).rejects.toThrow(/already exists/);
      expect(await store.buckets.update('constructor', { share: 0.2 })).toEqual({ ...named[1], share: 0.2 });
      expect((await store.buckets.raiseHighWaterMark('toString', 500, '2026-01-02T12:00:00')).highWaterMark).toEqual({ value: 500, at: '2026-01-02T12:00:00' });
      expect(await store.buckets.remove('__proto__')).toBe(true);
      expect((await store.buckets.list()).map((b) => b.id)).toEqual(['constructor', 'toString']);
    });

    it('rejects duplicates, unknown ids and invalid fields', async () => {
      await store.buckets.add(core);
      await expect(store.buckets.add(core)).rejects.toThrow(/already exists/);
      await expect(store.buckets.update('nope', { share: 0.1 })).rejects.toThrow(/does not exist/);
      await expect(store.buckets.add({ ...sat, share: 1.01 })).rejects.toThrow(StoreError);
      await expect(store.buckets.add({ ...sat, share: -0.01 })).rejects.toThrow(/share/);
      await expect(store.buckets.update('core', { status: 'sleeping' as 'active' })).rejects.toThrow(/status/);
      await expect(store.buckets.add({ ...sat, id: 'bad id' })).rejects.toThrow(/id/);
      await expect(store.buckets.add({ ...sat, config: { preset: 'x', toml: 'y' } as never })).rejects.toThrow(StoreError);
      expect(await store.buckets.add({ ...sat, share: 1 })).toEqual({ ...sat, share: 1 });
      expect(await store.buckets.list()).toHaveLength(2);
    });

    it('raises a bucket\'s high-water mark only upwards, keeps it across updates, refuses bad values', async () => {
      await store.buckets.add(core);
      await store.buckets.add(sat);
      const first = await store.buckets.raiseHighWaterMark('momentum_1', 1000, '2026-01-02T12:00:00');
      expect(first).toEqual({ ...sat, highWaterMark: { value: 1000, at: '2026-01-02T12:00:00' } });
      expect((await store.buckets.raiseHighWaterMark('momentum_1', 900, '2026-01-03T12:00:00')).highWaterMark)
        .toEqual({ value: 1000, at: '2026-01-02T12:00:00' });
      expect((await store.buckets.raiseHighWaterMark('momentum_1', 1250.5, '2026-01-04T12:00:00')).highWaterMark)
        .toEqual({ value: 1250.5, at: '2026-01-04T12:00:00' });
      // Concurrent raises: the highest wins whatever the order.
      await Promise.all([1300, 1400, 1350].map((v, i) => store.buckets.raiseHighWaterMark('momentum_1', v, `2026-01-0${5 + i}T00:00:00`)));
      expect((await store.buckets.get('momentum_1'))?.highWaterMark).toEqual({ value: 1400, at: '2026-01-06T00:00:00' });
      expect(await store.buckets.update('momentum_1', { share: 0.1 })).toEqual({
        ...sat, share: 0.1, highWaterMark: { value: 1400, at: '2026-01-06T00:00:00' },
      });
      expect((await store.buckets.list()).map((b) => b.highWaterMark?.value ?? null)).toEqual([null, 1400]);
      await expect(store.buckets.raiseHighWaterMark('nope', 1, '2026-01-02T00:00:00')).rejects.toThrow(/does not exist/);
      await expect(store.buckets.raiseHighWaterMark('core', Number.NaN, '2026-01-02T00:00:00')).rejects.toThrow(StoreError);
      await expect(store.buckets.raiseHighWaterMark('core', Infinity, '2026-01-02T00:00:00')).rejects.toThrow(StoreError);
      await expect(store.buckets.raiseHighWaterMark('core', -1, '2026-01-02T00:00:00')).rejects.toThrow(StoreError);
      expect(await store.buckets.get('core')).toEqual(core);
    });
  });
}
