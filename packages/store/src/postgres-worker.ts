import { StoreError } from '@planner/contracts';
import { isStoppedWhileReconnecting, PostgresBackend } from './postgres-backend.js';
import type { FetchedJob, PostgresOptions } from './postgres-backend.js';
import type { EvaluateBatch } from './types.js';

export interface PostgresWorkerOptions extends PostgresOptions {
  /** Batches evaluated at the same time by this process; default 1. */
  readonly concurrency?: number;
  readonly evaluate: EvaluateBatch;
  /** Serve only these buckets; default every bucket that holds work. */
  readonly buckets?: readonly string[];
  /** Wait between polls when every queue is empty, ms; default 500. */
  readonly pollIntervalMs?: number;
  /** Called after each batch is recorded. */
  readonly onBatch?: (info: { readonly bucket: string; readonly evaluated: number }) => void;
}

export interface PostgresWorker {
  /**
   * Stops promptly; resolves when stopped. A batch in hand is cut short: its
   * evaluated part is recorded and the job goes back to the queue at once (the
   * next worker takes it, no lease to wait for). A wait for a lost server ends at once.
   */
  stop(): Promise<void>;
  /** Settles when the worker stops: rejects with a StoreError when the database failed. */
  readonly done: Promise<void>;
  /** Batches this worker finished, and sequences it evaluated (those of a batch cut short by a stop included). */
  readonly stats: { readonly batches: number; readonly sequences: number };
}

/**
 * Takes batch jobs from the queue until stopped. Leases, retries after a dead
 * worker and the hand-out order are the queue's (pg-boss); results are
 * written idempotently, so a retried batch never counts twice.
 */
export async function runPostgresWorker(options: PostgresWorkerOptions): Promise<PostgresWorker> {
  const backend = await PostgresBackend.connect(options);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const pollMs = options.pollIntervalMs ?? 500;
  const stats = { batches: 0, sequences: 0 };
  let stopping = false;
  // Tells the evaluator to hand back what it has (EvaluationBatch.signal).
  const stopEvaluating = new AbortController();
  const wakers = new Set<() => void>();
  let buckets: string[] = [];
  let turn = 0;

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const wake = (): void => {
      clearTimeout(t);
      wakers.delete(wake);
      resolve();
    };
    const t = setTimeout(wake, ms);
    wakers.add(wake);
  });
  const wakeAll = (): void => {
    for (const w of [...wakers]) w();
  };

  async function nextJob(): Promise<FetchedJob | null> {
    if (buckets.length === 0 || turn >= buckets.length) {
      buckets = options.buckets ? [...options.buckets] : await backend.workBuckets();
      turn = 0;
    }
    // Round-robin over the buckets' queues so one bucket cannot starve another.
    for (let tried = 0; tried < buckets.length; tried++) {
      const bucket = buckets[(turn + tried) % buckets.length] as string;
      const job = await backend.fetchJob(bucket);
      if (job) {
        turn = (turn + tried + 1) % buckets.length;
        return job;
      }
    }
    buckets = [];
    return null;
  }

  // The work's description changes only with the work key, so it is read once per key.
  const data = new Map<string, Promise<string | null>>();
  function workData(key: { bucket: string; portfolioHash: string; configHash: string }): Promise<string | null> {
    const id = `${key.bucket}\u0000${key.portfolioHash}\u0000${key.configHash}`;
    let d = data.get(id);
    if (!d) {
      if (data.size >= 16) data.clear();
      d = backend.workData(key);
      data.set(id, d);
      d.catch(() => data.delete(id));
    }
    return d;
  }

  // Each database step is guarded on its own (retried after a lost connection); the evaluation is not repeated.
  const g = <T>(op: string, fn: () => Promise<T>): Promise<T> => backend.guard(op, fn);

  async function runJob(job: FetchedJob): Promise<void> {
    const d = job.data;
    const key = { bucket: d.bucket, portfolioHash: d.portfolioHash, configHash: d.configHash };
    if (!(await g('worker check', () => backend.isCurrent(key)))) return g('worker complete', () => backend.complete(d.bucket, job.id));
    const sequences = await g('worker read', () => backend.pendingInRange(d));
    if (sequences.length > 0) {
      const description = await g('worker read', () => workData(key));
      let results;
      try {
        results = await options.evaluate({ key, sequences, data: description, signal: stopEvaluating.signal });
      } catch (e) {
        // The queue retries the batch (up to its retry limit).
        return g('worker fail', () => backend.fail(d.bucket, job.id, e));
      }
      // A whole batch completes its job in the transaction that records it.
      const whole = results.length >= sequences.length;
      await g('worker record', () => backend.record(key, results, whole ? [job.id] : []));
      stats.sequences += results.length;
      if (!whole) {
        // Cut short by a stop: the rest goes back to the queue now, not when the lease runs out.
        if (stopping) return g('worker give back', () => backend.giveBack(d.bucket, job.id));
        const short = new Error(`the evaluator returned ${results.length} results for ${sequences.length} sequences`);
        return g('worker fail', () => backend.fail(d.bucket, job.id, short));
      }
      stats.batches++;
      options.onBatch?.({ bucket: d.bucket, evaluated: sequences.length });
      return;
    }
    await g('worker complete', () => backend.complete(d.bucket, job.id));
  }

  async function loop(): Promise<void> {
    try {
      while (!stopping) {
        const job = await g('worker fetch', nextJob);
        if (!job) {
          await sleep(pollMs);
          continue;
        }
        await runJob(job);
      }
    } catch (e) {
      // A stop during a wait for a lost server is a stop: its job goes back to the queue once the server
      // is back, when the next caller finds it held by no live session (its lock ended with this process).
      if (!(stopping && isStoppedWhileReconnecting(e))) throw e;
    }
  }

  const loops = Array.from({ length: concurrency }, () => loop());
  const done = Promise.all(loops).then(
    () => backend.close(),
    async (e: unknown) => {
      stopping = true;
      wakeAll();
      await Promise.allSettled(loops);
      await backend.close();
      throw e instanceof StoreError ? e : new StoreError(`postgres worker failed: ${(e as Error).message}`, { cause: e });
    },
  );
  done.catch(() => undefined); // observed through `done` / `stop`
  return {
    stats,
    done,
    async stop() {
      stopping = true;
      stopEvaluating.abort();
      backend.interrupt();
      wakeAll();
      await done;
    },
  };
}
