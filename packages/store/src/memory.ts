import { StoreError } from '@planner/contracts';
import type { StoredResult, StoredSequence, StoreProgress, WorkKey } from '@planner/contracts';
import { applyBucketPatch, bucketExists, bucketMissing, parseBucketPatch, parseBucketRecord, raisedHighWaterMark } from './bucket-record.js';
import { isBetter, notCurrentError, sameKey } from './sequence-columns.js';
import type { BucketPatch, BucketRecord, BucketRepository, PlannerStore } from './types.js';

export type { PlannerStore } from './types.js';

interface BucketWork {
  key: WorkKey;
  /** Sorted by index once `sorted` is true. */
  sequences: StoredSequence[];
  sorted: boolean;
  byHash: Map<string, StoredSequence>;
  byIndex: Set<number>;
  results: Map<string, StoredResult>;
  leased: Set<string>;
  /** Every position below it in `sequences` was handed out by this store: claims scan from here. */
  cursor: number;
  best: StoredResult | null;
  data: string | null;
}

/** A SequenceStore in process memory: for tests and short runs; nothing survives the process. */
export function createMemoryStore(): PlannerStore {
  const work = new Map<string, BucketWork>();
  const buckets = new Map<string, BucketRecord>();
  let closed = false;

  function live(): void {
    if (closed) throw new StoreError('memory store is closed');
  }
  function current(key: WorkKey): BucketWork | null {
    live();
    const w = work.get(key.bucket);
    return w && sameKey(w.key, key) ? w : null;
  }
  function required(key: WorkKey, op: string): BucketWork {
    const w = current(key);
    if (!w) throw notCurrentError(op, key.bucket, work.has(key.bucket));
    return w;
  }

  const repository: BucketRepository = {
    async add(bucket) {
      live();
      const b = parseBucketRecord(bucket);
      if (buckets.has(b.id)) throw bucketExists(b.id);
      buckets.set(b.id, b);
      return b;
    },
    async list() {
      live();
      return [...buckets.values()];
    },
    async get(id) {
      live();
      return buckets.get(id) ?? null;
    },
    async update(id, patch: BucketPatch) {
      live();
      const b = buckets.get(id);
      if (!b) throw bucketMissing(id);
      const next = applyBucketPatch(b, parseBucketPatch(patch));
      buckets.set(id, next);
      return next;
    },
    async remove(id) {
      live();
      return buckets.delete(id);
    },
    async raiseHighWaterMark(id, value, at) {
      live();
      const b = buckets.get(id);
      if (!b) throw bucketMissing(id);
      const next = raisedHighWaterMark(b, value, at);
      buckets.set(id, next);
      return next;
    },
  };

  return {
    buckets: repository,
    async open(key) {
      live();
      let w = work.get(key.bucket);
      if (!w || !sameKey(w.key, key)) {
        w = { key: { ...key }, sequences: [], sorted: true, byHash: new Map(), byIndex: new Set(), results: new Map(), leased: new Set(), cursor: 0, best: null, data: null };
        work.set(key.bucket, w);
      } else {
        // A new run of the same work: earlier leases died with their caller.
        w.leased.clear();
        w.cursor = 0;
      }
      return { hasSequences: w.sequences.length > 0 };
    },
    async put(key, sequences) {
      const w = required(key, 'put');
      for (const s of sequences) {
        if (w.byHash.has(s.hash)) continue;
        if (w.byIndex.has(s.index)) throw new StoreError(`put: index ${s.index} is already used by another sequence in bucket '${key.bucket}'`);
        w.byHash.set(s.hash, s);
        w.byIndex.add(s.index);
        const last = w.sequences[w.sequences.length - 1];
        if (last && last.index > s.index) w.sorted = false;
        w.sequences.push(s);
        w.cursor = 0;
      }
    },
    async claimBatch(key, size) {
      const w = required(key, 'claimBatch');
      if (!w.sorted) {
        w.sequences.sort((a, b) => a.index - b.index);
        w.sorted = true;
      }
      const out: StoredSequence[] = [];
      let i = w.cursor;
      for (; i < w.sequences.length && out.length < size; i++) {
        const s = w.sequences[i] as StoredSequence;
        if (w.results.has(s.hash) || w.leased.has(s.hash)) continue;
        w.leased.add(s.hash);
        out.push(s);
      }
      if (out.length > 0) w.cursor = i;
      return out;
    },
    async recordResults(key, results) {
      // A late caller of replaced work records nothing (never counts twice or into new work).
      const w = current(key);
      if (!w) return;
      for (const r of results) {
        const s = w.byHash.get(r.hash);
        w.leased.delete(r.hash);
        if (!s || w.results.has(r.hash)) continue;
        const stored: StoredResult = { ...r, index: s.index };
        w.results.set(r.hash, stored);
        if (isBetter(stored, w.best)) w.best = stored;
      }
    },
    async results(key) {
      const w = current(key);
      if (!w) return [];
      return [...w.results.values()].sort((a, b) => a.index - b.index);
    },
    async progress(key): Promise<StoreProgress> {
      const w = current(key);
      if (!w) return { total: 0, evaluated: 0, finished: false };
      const total = w.sequences.length;
      return { total, evaluated: w.results.size, finished: total > 0 && w.results.size === total };
    },
    async best(key) {
      return current(key)?.best ?? null;
    },
    async setWorkData(key, data) {
      required(key, 'setWorkData').data = data;
    },
    async workData(key) {
      return current(key)?.data ?? null;
    },
    async sequencesAt(key, indexes) {
      const w = current(key);
      if (!w) return [];
      const wanted = new Set(indexes);
      return w.sequences.filter((s) => wanted.has(s.index)).sort((a, b) => a.index - b.index);
    },
    async invalidate(bucket) {
      live();
      work.delete(bucket);
    },
    async close() {
      closed = true;
    },
  };
}
