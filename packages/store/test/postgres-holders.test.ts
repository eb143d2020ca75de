import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPostgresStore, runPostgresWorker } from '../src/postgres.js';
import { startPgServer } from '../src/testing.js';
import type { PgServer } from '../src/testing.js';
import { evaluate, expectedBest, key, makeSequences } from './fixtures.js';
import { startReplyCutProxy } from './reply-cut-proxy.js';

// No job waits out its lease (the default, 300 s, in every test here) after an outage or a stop:
// each test's timeout is far below it, so a job left leased fails the test by timeout.
let server: PgServer;
beforeAll(async () => {
  server = await startPgServer();
}, 180_000);
afterAll(() => server?.stop(), 120_000);

type PostgresStore = Awaited<ReturnType<typeof createPostgresStore>>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sql<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text)).rows;
  } finally {
    await c.end();
  }
}

/** Claims and records until the work is finished; returns the claimed indexes in claim order. */
async function finish(store: PostgresStore, k = key('core')): Promise<number[]> {
  const seen: number[] = [];
  while (!(await store.progress(k)).finished) {
    const batch = await store.claimBatch(k, 10);
    if (batch.length === 0) {
      await sleep(200); // a job left by a holder that is gone comes back on a later claim
      continue;
    }
    seen.push(...batch.map((s) => s.index));
    await store.recordResults(k, batch.map(evaluate));
  }
  return seen;
}

async function expectAllOnce(store: PostgresStore, url: string, n: number): Promise<void> {
  const seqs = makeSequences(n);
  expect(await store.results(key('core'))).toEqual(seqs.map(evaluate));
  expect(await store.best(key('core'))).toEqual(expectedBest(seqs));
  expect(await sql(url, 'SELECT count(*)::int AS n, count(DISTINCT sequence_hash)::int AS d FROM planner.evaluations')).toEqual([{ n, d: n }]);
}

/** The store's queued and active jobs, and who holds the active ones. */
async function leases(url: string): Promise<{ state: string; from: number; holder: number | null }[]> {
  return sql(url, `SELECT j.state::text AS state, (j.data->>'from')::int AS "from", h.holder FROM planner_queue.job j
    LEFT JOIN planner.job_holders h ON h.job_id = j.id WHERE j.name = 'planner-batch.core' AND j.state IN ('created', 'retry', 'active')
    ORDER BY 2`);
}

/** The holder's lock is held by a live session (after a restart: taken back). */
async function holderAlive(url: string, holder: number): Promise<boolean> {
  const rows = await sql(url, `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND granted AND objid::int8 = ${holder}`);
  return rows.length > 0;
}

describe('postgres: no job waits for its lease after an outage or a stop', () => {
  it('a bad restartGraceSeconds or batchSize is refused with the value, before anything connects', async () => {
    const url = 'postgres://nobody@127.0.0.1:1/none'; // nothing listens there: a connection attempt would say so instead
    await expect(createPostgresStore({ connectionString: url, restartGraceSeconds: -1 })).rejects.toThrow(
      'postgres store: restartGraceSeconds must be a number of seconds >= 0, got -1');
    await expect(runPostgresWorker({ connectionString: url, restartGraceSeconds: Number.NaN, evaluate: async () => [] })).rejects.toThrow(
      'restartGraceSeconds must be a number of seconds >= 0, got NaN');
    await expect(createPostgresStore({ connectionString: url, batchSize: 0 })).rejects.toThrow('batchSize must be a whole number >= 1, got 0');
  });

  it('a store closed while the server is down: once it is back, the next caller gets the job it held', async () => {
    const url = await server.createDatabase('closed_while_down');
    const k = key('core');
    const first = await createPostgresStore({ connectionString: url, batchSize: 10 });
    await first.open(k);
    await first.put(k, makeSequences(30));
    expect((await first.claimBatch(k, 10)).map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    server.halt('fast');
    try {
      await first.close(); // cannot give the job back: no server
    } finally {
      server.restart();
    }
    expect((await leases(url)).map((l) => [l.state, l.from])).toEqual([['active', 0], ['created', 10], ['created', 20]]);
    const next = await createPostgresStore({ connectionString: url, batchSize: 10 });
    await next.open(k);
    // The queued jobs first; then the job of the stopped store, handed back after the restart grace (10 s), not the lease.
    expect(await finish(next)).toEqual(Array.from({ length: 30 }, (_, i) => (i + 10) % 30));
    expect(await next.queue!.status('core')).toEqual({ queued: 0, active: 0, failed: [] });
    await expectAllOnce(next, url, 30);
    await next.close();
  }, 120_000);

  it('a worker stopped while the server is down, in the middle of its batch: the next caller gets the batch', async () => {
    const url = await server.createDatabase('worker_stopped_while_down');
    const k = key('core');
    const store = await createPostgresStore({ connectionString: url, batchSize: 10 });
    await store.open(k);
    await store.put(k, makeSequences(10));
    let started: () => void = () => undefined;
    const evaluating = new Promise<void>((r) => (started = r));
    const worker = await runPostgresWorker({
      connectionString: url, pollIntervalMs: 50,
      evaluate: ({ signal }) => new Promise((resolve) => {
        started();
        signal?.addEventListener('abort', () => resolve([]), { once: true }); // stopped before its first result
      }),
    });
    await evaluating;
    server.halt('fast');
    try {
      await worker.stop(); // stops at once: nothing can be recorded or handed back
      expect(worker.stats).toEqual({ batches: 0, sequences: 0 });
    } finally {
      server.restart();
    }
    expect((await leases(url)).map((l) => l.state)).toEqual(['active']);
    expect(await finish(store)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await store.queue!.status('core')).toEqual({ queued: 0, active: 0, failed: [] });
    await expectAllOnce(store, url, 10);
    await store.close();
  }, 120_000);

  it('a fetch whose reply is lost after the server committed it: the caller hands the job back itself and gets it again', async () => {
    const url = await server.createDatabase('fetch_reply_lost');
    const k = key('core');
    const proxy = await startReplyCutProxy(url);
    const lost: string[] = [];
    const store = await createPostgresStore({ connectionString: proxy.url, batchSize: 10, onConnectionLost: ({ op }) => lost.push(op) });
    try {
      await store.open(k);
      await store.put(k, makeSequences(30));
      proxy.cutNextCommitOf('SKIP LOCKED'); // pg-boss's fetch
      const claimed = await store.claimBatch(k, 10);
      expect(proxy.cuts).toBe(1);
      expect(lost).toEqual(['claimBatch']);
      // Before: the job 0..9 stayed leased to nobody for 300 s, and the retried claim took 10..19.
      expect(claimed.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect((await leases(url)).map((l) => [l.state, l.from])).toEqual([['active', 0], ['created', 10], ['created', 20]]);
      await store.recordResults(k, claimed.map(evaluate));
      expect(await finish(store)).toEqual(Array.from({ length: 20 }, (_, i) => i + 10));
      expect(await store.queue!.status('core')).toEqual({ queued: 0, active: 0, failed: [] });
      await expectAllOnce(store, url, 30);
    } finally {
      await store.close();
      await proxy.close();
    }
  }, 120_000);

  it('a live holder keeps its job: another caller does not take it, before or after a server restart', async () => {
    const url = await server.createDatabase('live_holder');
    const k = key('core');
    const holder = await createPostgresStore({ connectionString: url, batchSize: 10 });
    // No grace after a restart: only the holder's lock can keep its job.
    const other = await createPostgresStore({ connectionString: url, batchSize: 10, restartGraceSeconds: 0 });
    try {
      await holder.open(k);
      await holder.put(k, makeSequences(10));
      const batch = await holder.claimBatch(k, 10);
      expect(batch).toHaveLength(10);
      await other.open(k);
      expect(await other.claimBatch(k, 10)).toEqual([]);
      const [lease] = await leases(url);
      expect(lease?.state).toBe('active');
      server.halt('fast');
      server.restart();
      // The holder takes its lock back on its own (it is between two calls, as while it evaluates).
      for (let i = 0; i < 600 && !(await holderAlive(url, lease!.holder!).catch(() => false)); i++) await sleep(100);
      expect(await holderAlive(url, lease!.holder!)).toBe(true);
      expect(await other.claimBatch(k, 10)).toEqual([]);
      expect(await leases(url)).toEqual([lease]);
      await holder.recordResults(k, batch.map(evaluate)); // completes the job: it is still this holder's
      expect(await other.queue!.status('core')).toEqual({ queued: 0, active: 0, failed: [] });
      await expectAllOnce(other, url, 10);
    } finally {
      await holder.close();
      await other.close();
    }
  }, 120_000);

  it('a holder cut off from the server loses its job to the next caller at once, and its late completion is a no-op', async () => {
    const url = await server.createDatabase('cut_off');
    const k = key('core');
    const proxy = await startReplyCutProxy(url);
    const cutOff = await createPostgresStore({ connectionString: proxy.url, batchSize: 10 });
    const other = await createPostgresStore({ connectionString: url, batchSize: 10 });
    try {
      await cutOff.open(k);
      await cutOff.put(k, makeSequences(10));
      const stale = await cutOff.claimBatch(k, 10);
      const [lease] = await leases(url);
      // Its connections are cut while the server runs: its lock is gone with its session, so the job goes at once.
      proxy.setDown(true);
      for (let i = 0; i < 600 && (await holderAlive(url, lease!.holder!)); i++) await sleep(100);
      await other.open(k);
      const taken = await other.claimBatch(k, 10);
      expect(taken.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const [now] = await leases(url);
      expect(now?.state).toBe('active');
      expect(now?.holder).not.toBe(lease?.holder);
      proxy.setDown(false);
      // Back, it records what it evaluated (kept once) but does not complete the job: the job is the other's now.
      await cutOff.recordResults(k, stale.map(evaluate));
      expect(await leases(url)).toEqual([now]);
      await other.recordResults(k, taken.map(evaluate));
      expect(await other.queue!.status('core')).toEqual({ queued: 0, active: 0, failed: [] });
      await expectAllOnce(other, url, 10);
    } finally {
      await cutOff.close();
      await other.close();
      await proxy.close();
    }
  }, 120_000);

  it('a holder whose old session lingers on the server takes a new id, and keeps the jobs it knows it holds', async () => {
    const url = await server.createDatabase('lingering');
    const k = key('core');
    const proxy = await startReplyCutProxy(url);
    const holder = await createPostgresStore({ connectionString: proxy.url, batchSize: 10 });
    const other = await createPostgresStore({ connectionString: url, batchSize: 10, restartGraceSeconds: 0 });
    try {
      await holder.open(k);
      await holder.put(k, makeSequences(20));
      const batch = await holder.claimBatch(k, 10);
      const [lease] = await leases(url);
      // The client loses its connections; the server keeps its sessions, so the old id stays locked.
      proxy.setDown(true, true);
      proxy.setDown(false);
      await holder.recordResults(k, batch.slice(0, 5).map(evaluate)); // reconnected
      for (let i = 0; i < 600 && (await leases(url))[0]?.holder === lease?.holder; i++) await sleep(100);
      const [moved] = await leases(url);
      expect(moved).toEqual({ ...lease, holder: moved?.holder });
      expect(moved?.holder).not.toBe(lease?.holder);
      expect(await holderAlive(url, moved!.holder!)).toBe(true);
      // The job is still the holder's: the other caller gets the next one, and the holder completes its own.
      await other.open(k);
      expect((await other.claimBatch(k, 10)).map((s) => s.index)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
      await holder.recordResults(k, batch.slice(5).map(evaluate));
      expect((await leases(url)).map((l) => l.from)).toEqual([10]);
    } finally {
      await holder.close();
      await other.close();
      await proxy.close();
    }
  }, 120_000);
});
