import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '@planner/contracts';
import { createPostgresStore, runPostgresWorker } from '../src/postgres.js';
import { isStoppedWhileReconnecting } from '../src/postgres-backend.js';
import { storeContract } from './contract.js';
import { evaluate, expectedBest, key, makeSequences } from './fixtures.js';
import { startPgServer } from '../src/testing.js';
import type { PgServer } from '../src/testing.js';

let server: PgServer;
let n = 0;
const freshDb = (): Promise<string> => server.createDatabase(`t${++n}`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// initdb and the first start take many seconds on a loaded machine.
beforeAll(async () => {
  server = await startPgServer();
}, 180_000);
afterAll(() => server?.stop(), 120_000);

storeContract('postgres', async () => createPostgresStore({ connectionString: await freshDb(), batchSize: 16 }));

describe('postgres store', () => {
  it('keeps its tables under its own schema and refuses a foreign one', async () => {
    const url = await freshDb();
    const store = await createPostgresStore({ connectionString: url });
    await store.close();
    const again = await createPostgresStore({ connectionString: url }); // existing schema: no migration
    await again.close();
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('CREATE SCHEMA other; CREATE TABLE other.users (id int)');
    await c.query('UPDATE planner.schema_version SET version = 99');
    await c.end();
    await expect(createPostgresStore({ connectionString: url, schema: 'other' })).rejects.toThrow(/not a planner store/);
    await expect(createPostgresStore({ connectionString: url })).rejects.toThrow(/version 99/);
  });

  it('migrates a version 2 schema: its buckets are kept and gain a high-water mark', async () => {
    const url = await freshDb();
    const store = await createPostgresStore({ connectionString: url });
    const core = { id: 'core', kind: 'core', config: { preset: 'default' }, share: 1, status: 'active' } as const;
    await store.buckets.add(core);
    await store.close();
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`ALTER TABLE planner.buckets DROP COLUMN high_water_mark, DROP COLUMN high_water_mark_at;
      DROP TABLE planner.job_holders; DROP SEQUENCE planner.holder_ids; UPDATE planner.schema_version SET version = 2`);
    await c.end();
    const reopened = await createPostgresStore({ connectionString: url });
    try {
      expect(await reopened.buckets.list()).toEqual([core]);
      expect((await reopened.buckets.raiseHighWaterMark('core', 10, '2026-01-02T00:00:00')).highWaterMark).toEqual({ value: 10, at: '2026-01-02T00:00:00' });
    } finally {
      await reopened.close();
    }
  });

  it('several processes opening many buckets at once: every queue is created, no deadlock', async () => {
    const url = await freshDb();
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresStore({ connectionString: url })));
    try {
      // Each store opens every bucket: the same and different queues created concurrently.
      const buckets = Array.from({ length: 8 }, (_, i) => `b${i}`);
      await Promise.all(stores.flatMap((s, j) => buckets.map((b) => s.open(key(b, 'p1', `c${j}`)))));
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const r = await c.query<{ n: string }>(`SELECT count(*) AS n FROM planner_queue.queue WHERE name LIKE 'planner-batch.%'`);
      await c.end();
      expect(Number(r.rows[0]?.n)).toBe(8);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('stores opened at once on a fresh database all start their job queue (pg-boss installs it once)', async () => {
    // pg-boss checks for its schema before taking its install lock: two first starts both installed, and one failed.
    for (let round = 0; round < 6; round++) {
      const url = await freshDb();
      const stores = await Promise.allSettled([1, 2, 3, 4].map(() => createPostgresStore({ connectionString: url })));
      await Promise.all(stores.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
      expect(stores.map((s) => (s.status === 'rejected' ? String(s.reason) : 'opened'))).toEqual(['opened', 'opened', 'opened', 'opened']);
    }
  });

  it('a worker drains the queue: every sequence once, same best', async () => {
    const url = await freshDb();
    const store = await createPostgresStore({ connectionString: url, batchSize: 10 });
    const k = key('core');
    const seqs = makeSequences(95);
    await store.open(k);
    await store.put(k, seqs);
    const worker = await runPostgresWorker({
      connectionString: url, concurrency: 2, pollIntervalMs: 50,
      evaluate: ({ sequences }) => sequences.map(evaluate),
    });
    while (!(await store.progress(k)).finished) await new Promise((r) => setTimeout(r, 50));
    await worker.stop();
    expect(worker.stats).toEqual({ batches: 10, sequences: 95 });
    expect(await store.results(k)).toEqual(seqs.map(evaluate));
    expect(await store.best(k)).toEqual(expectedBest(seqs));
    await store.close();
  });

  it('a batch whose evaluation throws is retried by the queue', async () => {
    const url = await freshDb();
    const store = await createPostgresStore({ connectionString: url, batchSize: 10 });
    const k = key('core');
    const seqs = makeSequences(30);
    await store.open(k);
    await store.put(k, seqs);
    let failures = 0;
    const worker = await runPostgresWorker({
      connectionString: url, pollIntervalMs: 50,
      evaluate: ({ sequences }) => {
        if (sequences[0]?.index === 10 && failures++ === 0) throw new Error('flaky evaluator');
        return sequences.map(evaluate);
      },
    });
    while (!(await store.progress(k)).finished) await new Promise((r) => setTimeout(r, 50));
    await worker.stop();
    expect(failures).toBe(2);
    expect(await store.results(k)).toEqual(seqs.map(evaluate));
    await store.close();
  });

  it('database gone: a clear StoreError after the bounded reconnect time, from the store and from a worker', async () => {
    const own = await startPgServer();
    const url = await own.createDatabase('gone');
    const store = await createPostgresStore({ connectionString: url, reconnectSeconds: 2 });
    const k = key('core');
    await store.open(k);
    const worker = await runPostgresWorker({
      connectionString: url, pollIntervalMs: 50, reconnectSeconds: 2,
      evaluate: ({ sequences }) => sequences.map(evaluate),
    });
    // A stop (signal) ends the wait for the lost server at once, long before its 60 s: a stop, not a failure.
    const stop = new AbortController();
    const stoppable = await createPostgresStore({ connectionString: url, signal: stop.signal });
    const patient = await runPostgresWorker({ connectionString: url, pollIntervalMs: 50, evaluate: ({ sequences }) => sequences.map(evaluate) });
    own.kill();
    const lost = stoppable.progress(k).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300)); // inside its reconnect wait
    stop.abort();
    const stopped = await lost;
    expect(isStoppedWhileReconnecting(stopped)).toBe(true);
    expect((stopped as Error).message).toMatch(/postgres store '.*': stopped while waiting for the lost server \(in progress: /);
    await stoppable.close();
    await patient.stop(); // resolves: the worker stops instead of waiting 60 s and failing
    expect(patient.stats).toEqual({ batches: 0, sequences: 0 });
    const err = await store.progress(k).catch((e: unknown) => e);
    expect(isStoppedWhileReconnecting(err)).toBe(false);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('PLANNER_STORE_FAILED');
    expect((err as Error).message).toMatch(/lost the server in progress and could not reconnect within 2 s/);
    await expect(worker.done).rejects.toThrow(/could not reconnect within 2 s/);
    await store.close();
    await expect(createPostgresStore({ connectionString: url })).rejects.toThrow(/cannot connect to postgres store/);
  });

  it('the server restarted mid-run: a worker reconnects and finishes, no process dies, every sequence once', async () => {
    const own = await startPgServer();
    try {
      const url = await own.createDatabase('restart');
      const k = key('core');
      const seqs = makeSequences(60);
      const store = await createPostgresStore({ connectionString: url, batchSize: 10 });
      await store.open(k);
      await store.put(k, seqs);
      await store.close();
      let batches = 0;
      let resume: () => void = () => undefined;
      const halted = new Promise<void>((r) => (resume = r));
      const worker = await runPostgresWorker({
        connectionString: url, pollIntervalMs: 50,
        evaluate: async ({ sequences }) => {
          // After two batches the database goes down (fast shutdown: every connection is cut) and comes back.
          if (++batches === 3) {
            own.halt('fast');
            setTimeout(() => {
              own.restart();
              resume();
            }, 1500);
          }
          return sequences.map(evaluate);
        },
      });
      await halted;
      const check = await createPostgresStore({ connectionString: url });
      while (!(await check.progress(k)).finished) await new Promise((r) => setTimeout(r, 100));
      await worker.stop(); // resolves: the worker did not fail
      expect(await check.results(k)).toEqual(seqs.map(evaluate));
      expect(await check.best(k)).toEqual(expectedBest(seqs));
      await check.close();
    } finally {
      own.stop();
    }
  });

  it('a stopped caller gives its leased job back at once: the next caller gets it, not the job after it', async () => {
    const url = await freshDb();
    const k = key('core');
    const seqs = makeSequences(30);
    const first = await createPostgresStore({ connectionString: url, batchSize: 10, leaseSeconds: 300 });
    await first.open(k);
    await first.put(k, seqs);
    expect((await first.claimBatch(k, 4)).map((s) => s.index)).toEqual([0, 1, 2, 3]); // holds the job 0..9
    await first.close(); // e.g. on SIGINT
    const next = await createPostgresStore({ connectionString: url, batchSize: 10, leaseSeconds: 300 });
    await next.open(k);
    // With the job still leased (300 s) this would be 10..19.
    expect((await next.claimBatch(k, 10)).map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await next.close();
    // A give-back cut between its two steps leaves the job cancelled: --retry-failed brings it back as well.
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`UPDATE planner_queue.job SET state = 'cancelled' WHERE name = 'planner-batch.core' AND state = 'created' AND data->>'from' = '10'`);
    await c.end();
    const last = await createPostgresStore({ connectionString: url, batchSize: 10 });
    await last.open(k);
    await last.queue!.retryFailed('core');
    const seen: number[] = [];
    for (let b; (b = await last.claimBatch(k, 10)).length > 0; ) {
      seen.push(...b.map((s) => s.index));
      await last.recordResults(k, b.map(evaluate));
    }
    expect(seen.filter((i) => i >= 10 && i < 20)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    await last.close();
  });

  it('a job is completed with its last results; a job whose results someone else recorded is completed when fetched, by a caller or a worker', async () => {
    const url = await freshDb();
    const k = key('core');
    const sat = key('sat');
    const seqs = makeSequences(30);
    const holder = await createPostgresStore({ connectionString: url, batchSize: 10, leaseSeconds: 300 });
    const other = await createPostgresStore({ connectionString: url, batchSize: 10 });
    for (const w of [k, sat]) {
      await holder.open(w);
      await holder.put(w, w === k ? seqs : seqs.slice(0, 10));
      await other.open(w);
    }
    // The last results of a job end it in the same transaction: nothing of 0..9 stays leased or queued.
    await holder.recordResults(k, (await holder.claimBatch(k, 10)).map(evaluate));
    expect(await holder.queue!.status('core')).toEqual({ queued: 2, active: 0, failed: [] });
    // Leased by `holder`, recorded by another process (as a process stopped between recording and
    // completing left them), then given back: these jobs hold nothing left to evaluate.
    expect((await holder.claimBatch(k, 20)).map((s) => s.index)).toEqual(seqs.slice(10).map((s) => s.index));
    expect(await holder.claimBatch(sat, 10)).toHaveLength(10);
    await other.recordResults(k, seqs.slice(10).map(evaluate));
    await other.recordResults(sat, seqs.slice(0, 10).map(evaluate));
    await holder.close();
    expect(await other.queue!.status('core')).toEqual({ queued: 2, active: 0, failed: [] });
    // A caller's claim completes both without handing anything out.
    expect(await other.claimBatch(k, 10)).toEqual([]);
    expect(await other.queue!.status('core')).toEqual({ queued: 0, active: 0, failed: [] });
    // A worker completes the satellite's without evaluating it.
    const worker = await runPostgresWorker({
      connectionString: url, concurrency: 1, pollIntervalMs: 50, evaluate: () => { throw new Error('nothing is left to evaluate'); },
    });
    while ((await other.queue!.status('sat')).queued > 0 || (await other.queue!.status('sat')).active > 0) await sleep(50);
    await worker.stop();
    expect(worker.stats).toEqual({ batches: 0, sequences: 0 });
    expect(await other.queue!.status('sat')).toEqual({ queued: 0, active: 0, failed: [] });
    expect(await other.best(k)).toEqual(expectedBest(seqs));
    await other.close();
  });

  it('worker.stop() inside a batch: the evaluated part is recorded and the job goes back to the queue at once', async () => {
    const url = await freshDb();
    const store = await createPostgresStore({ connectionString: url, batchSize: 10 }); // lease 300 s
    const k = key('core');
    const seqs = makeSequences(20);
    await store.open(k);
    await store.put(k, seqs);
    let started: () => void = () => undefined;
    const inBatch = new Promise<void>((r) => (started = r));
    const worker = await runPostgresWorker({
      connectionString: url, pollIntervalMs: 50,
      // Evaluates three sequences, then waits for the stop and hands back what it has.
      evaluate: async ({ sequences, signal }) => {
        started();
        await new Promise<void>((r) => signal?.addEventListener('abort', () => r(), { once: true }));
        return sequences.slice(0, 3).map(evaluate);
      },
    });
    await inBatch;
    await worker.stop();
    expect(worker.stats).toEqual({ batches: 0, sequences: 3 });
    expect((await store.progress(k)).evaluated).toBe(3);
    expect(await store.queue!.status('core')).toEqual({ queued: 2, active: 0, failed: [] });
    // The next caller gets the given-back job (its 7 open sequences) first, not the job after it.
    expect((await store.claimBatch(k, 7)).map((s) => s.index)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    await store.close();
  });

  it('an evaluator that returns fewer results than sequences without a stop fails the batch (no job completed with holes)', async () => {
    const url = await freshDb();
    const store = await createPostgresStore({ connectionString: url, batchSize: 10, retryLimit: 0 });
    const k = key('core');
    await store.open(k);
    await store.put(k, makeSequences(10));
    const worker = await runPostgresWorker({ connectionString: url, pollIntervalMs: 50, evaluate: ({ sequences }) => sequences.slice(0, 4).map(evaluate) });
    let status = await store.queue!.status('core');
    while (status.failed.length === 0) {
      await new Promise((r) => setTimeout(r, 50));
      status = await store.queue!.status('core');
    }
    await worker.stop();
    expect(status.failed).toEqual([{ from: 0, to: 10, error: 'the evaluator returned 4 results for 10 sequences' }]);
    expect((await store.progress(k)).evaluated).toBe(4);
    await store.close();
  });

  it('a batch whose retries ran out is reported with its error and queued again on request', async () => {
    const url = await freshDb();
    const k = key('core');
    const seqs = makeSequences(20);
    const store = await createPostgresStore({ connectionString: url, batchSize: 10, retryLimit: 0 });
    await store.open(k);
    await store.put(k, seqs);
    let broken = true;
    const worker = await runPostgresWorker({
      connectionString: url, pollIntervalMs: 50,
      evaluate: ({ sequences }) => {
        if (broken && sequences[0]?.index === 10) throw new Error('evaluator exploded');
        return sequences.map(evaluate);
      },
    });
    let status = await store.queue!.status('core');
    while (status.queued + status.active > 0 || status.failed.length === 0) {
      await new Promise((r) => setTimeout(r, 50));
      status = await store.queue!.status('core');
    }
    expect(status).toEqual({ queued: 0, active: 0, failed: [{ from: 10, to: 20, error: 'evaluator exploded' }] });
    expect((await store.progress(k)).evaluated).toBe(10);
    broken = false;
    expect(await store.queue!.retryFailed('core')).toBe(1);
    while (!(await store.progress(k)).finished) await new Promise((r) => setTimeout(r, 50));
    await worker.stop();
    expect(await store.results(k)).toEqual(seqs.map(evaluate));
    expect((await store.queue!.status('core')).failed).toEqual([]);
    await store.close();
  });
});
