import { StoreError } from '@planner/contracts';
import type { StoredSequence, WorkKey } from '@planner/contracts';
import { PostgresBackend } from './postgres-backend.js';
import type { PostgresOptions } from './postgres-backend.js';
import { notCurrentError, sameKey } from './sequence-columns.js';
import type { PlannerStore } from './types.js';

export type PostgresStoreOptions = PostgresOptions;

/** A batch job this caller holds: its sequences not yet handed out, and those handed out but not yet recorded. */
interface HeldJob {
  readonly id: string;
  readonly key: WorkKey;
  unhanded: StoredSequence[];
  readonly open: Map<string, StoredSequence>;
}

/**
 * The store for many workers: sequences and results in PostgreSQL, batches
 * handed out by the pg-boss queue. `claimBatch` takes jobs from the bucket's
 * queue (the queue's lease covers them); a job completes once all of its
 * sequences have results, and a caller that dies leaves the job to expire and
 * be retried by the queue.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PlannerStore> {
  const backend = await PostgresBackend.connect(options);
  const held = new Map<string, HeldJob[]>();

  function heldOf(bucket: string): HeldJob[] {
    let h = held.get(bucket);
    if (!h) held.set(bucket, (h = []));
    return h;
  }

  return {
    buckets: backend.bucketRepository(),
    open: (key) => backend.guard('open', async () => {
      const r = await backend.open(key);
      const h = held.get(key.bucket) ?? [];
      if (r.changed || h.some((j) => !sameKey(j.key, key))) held.delete(key.bucket);
      // A new run of the same work: what was handed out and never recorded is handed out again.
      else for (const j of h) j.unhanded = [...j.open.values()].sort((a, b) => a.index - b.index);
      return { hasSequences: r.hasSequences };
    }),
    put: (key, sequences) => backend.guard('put', () => backend.put(key, sequences)),
    claimBatch: (key, size) => backend.guard('claimBatch', async () => {
      if (!(await backend.isCurrent(key))) {
        throw notCurrentError('claimBatch', key.bucket, await backend.hasWork(key.bucket));
      }
      const jobs = heldOf(key.bucket);
      const out: StoredSequence[] = [];
      for (;;) {
        for (const j of jobs) {
          while (out.length < size && j.unhanded.length > 0) out.push(j.unhanded.shift() as StoredSequence);
        }
        if (out.length >= size) return out;
        const job = await backend.fetchJob(key.bucket);
        if (!job) return out;
        const d = job.data;
        if (!sameKey(d, key) || d.bucket !== key.bucket) {
          await backend.complete(key.bucket, job.id); // a batch of replaced work
          continue;
        }
        const pending = await backend.pendingInRange(d);
        if (pending.length === 0) {
          await backend.complete(key.bucket, job.id); // finished by an earlier attempt
          continue;
        }
        jobs.push({ id: job.id, key: { ...key }, unhanded: pending, open: new Map(pending.map((s) => [s.hash, s])) });
      }
    }),
    recordResults: (key, results) => backend.guard('recordResults', async () => {
      const jobs = held.get(key.bucket) ?? [];
      const recorded = new Set(results.map((r) => r.hash));
      // Jobs these results finish are completed in the transaction that records them.
      const done = jobs.filter((j) => j.unhanded.length === 0 && [...j.open.keys()].every((h) => recorded.has(h)));
      await backend.record(key, results, done.map((j) => j.id));
      if (jobs.length === 0) return;
      for (const j of jobs) for (const h of recorded) j.open.delete(h);
      held.set(key.bucket, jobs.filter((j) => !done.includes(j)));
    }),
    setWorkData: (key, data) => backend.guard('setWorkData', async () => {
      if (!(await backend.setWorkData(key, data))) {
        throw notCurrentError('setWorkData', key.bucket, await backend.hasWork(key.bucket));
      }
    }),
    workData: (key) => backend.guard('workData', () => backend.workData(key)),
    sequencesAt: (key, indexes) => backend.guard('sequencesAt', () => backend.sequencesAt(key, indexes)),
    results: (key) => backend.guard('results', () => backend.results(key)),
    progress: (key) => backend.guard('progress', () => backend.progress(key)),
    best: (key) => backend.guard('best', () => backend.best(key)),
    queue: {
      status: (bucket) => backend.guard('queue status', async () => {
        const s = await backend.queueStatus(bucket);
        return { queued: s.queued, active: s.active, failed: s.failed.map(({ from, to, error }) => ({ from, to, error })) };
      }),
      retryFailed: (bucket) => backend.guard('retry failed', () => backend.retryFailed(bucket)),
    },
    invalidate: (bucket) => backend.guard('invalidate', async () => {
      held.delete(bucket);
      await backend.invalidate(bucket);
    }),
    async close() {
      // Jobs this caller holds go back to the queue now, not when their lease runs out: a stopped run costs nothing.
      const jobs = [...held.values()].flat();
      held.clear();
      // No server: the next caller hands them back once it is back (no live session holds them), not after the lease.
      for (const j of jobs) await backend.giveBack(j.key.bucket, j.id).catch(() => undefined);
      await backend.close();
    },
  };
}
