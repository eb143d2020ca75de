import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPostgresStore } from '../src/postgres.js';
import { evaluate, expectedBest, key, makeSequences, seededRandom } from './fixtures.js';
import { startPgServer } from '../src/testing.js';
import type { PgServer } from '../src/testing.js';
import { spawnChild } from './spawn.js';
import type { Child } from './spawn.js';

let server: PgServer;
// initdb and the first start take many seconds on a loaded machine.
beforeAll(async () => {
  server = await startPgServer();
}, 180_000);
afterAll(() => server?.stop(), 120_000);

type PostgresStore = Awaited<ReturnType<typeof createPostgresStore>>;

/** Polls a fresh connection to the test database every 100 ms, for up to a minute, until `done` says so. */
async function waitUntil(url: string, done: (store: PostgresStore) => Promise<boolean>, what: string): Promise<void> {
  const store = await createPostgresStore({ connectionString: url });
  try {
    for (let i = 0; i < 600; i++) {
      if (await done(store)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(what);
  } finally {
    await store.close();
  }
}

const waitFinished = (url: string, k = key('core')) =>
  waitUntil(url, async (store) => (await store.progress(k)).finished, 'work did not finish');

/**
 * Every result can be recorded while a killed worker's job (recorded, not completed) is still leased:
 * its lease must expire and a live worker complete it, which on a quiet machine comes after the last
 * result. So a test that checks the queue waits for it to drain.
 */
const waitDrained = (url: string, bucket = 'core') =>
  waitUntil(url, async (store) => {
    const status = await store.queue!.status(bucket);
    return status.queued === 0 && status.active === 0;
  }, 'the queue did not drain');

async function countsInDb(url: string): Promise<{ rows: number; distinct: number; maxPerHash: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const r = await c.query<{ rows: string; distinct: string; max: string }>(
    `SELECT count(*) AS rows, count(DISTINCT sequence_hash) AS distinct,
       coalesce((SELECT max(n) FROM (SELECT count(*) AS n FROM planner.evaluations GROUP BY bucket, sequence_hash) x), 0) AS max
     FROM planner.evaluations`,
  );
  await c.end();
  const row = r.rows[0]!;
  return { rows: Number(row.rows), distinct: Number(row.distinct), maxPerHash: Number(row.max) };
}

async function stopAll(children: Child[]): Promise<{ batches: number; sequences: number }[]> {
  // A worker installs its SIGTERM handler once it is ready; on a quiet machine the others can finish
  // all the work before the last one gets there, and SIGTERM would then kill it before it reports.
  await Promise.all(children.map((c) => c.waitFor((l) => l === 'ready', 60_000)));
  const stats = children.map((c) => c.waitFor((l) => l.startsWith('stats '), 60_000));
  for (const c of children) c.proc.kill('SIGTERM');
  return (await Promise.all(stats)).map((l) => JSON.parse(l.slice(6)) as { batches: number; sequences: number });
}

describe('postgres faults', () => {
  it('four workers on one database: each sequence evaluated exactly once', async () => {
    const url = await server.createDatabase('four');
    const seqs = makeSequences(400);
    const store = await createPostgresStore({ connectionString: url, batchSize: 10 });
    await store.open(key('core'));
    await store.put(key('core'), seqs);
    await store.close();
    const workers = Array.from({ length: 4 }, () => spawnChild('children/pg-worker.ts', [url, '5']));
    await waitFinished(url);
    const stats = await stopAll(workers);
    expect(stats.reduce((s, x) => s + x.sequences, 0)).toBe(400);
    expect(stats.reduce((s, x) => s + x.batches, 0)).toBe(40);
    expect(stats.filter((x) => x.batches > 0).length).toBeGreaterThan(1); // the work was shared
    expect(await countsInDb(url)).toEqual({ rows: 400, distinct: 400, maxPerHash: 1 });
    const check = await createPostgresStore({ connectionString: url });
    expect(await check.results(key('core'))).toEqual(seqs.map(evaluate));
    expect(await check.best(key('core'))).toEqual(expectedBest(seqs));
    await check.close();
  });

  it('a worker killed with SIGKILL mid-batch: its batch goes to the survivor without waiting for the lease, every sequence once, same best', async () => {
    const url = await server.createDatabase('killed');
    const seqs = makeSequences(120);
    // The default lease (300 s, longer than this test may take): the dead worker's lock went with its
    // session, so the survivor takes the batch back as soon as the queue has nothing else.
    const store = await createPostgresStore({ connectionString: url, batchSize: 10 });
    await store.open(key('core'));
    await store.put(key('core'), seqs);
    await store.close();
    const victim = spawnChild('children/pg-worker.ts', [url, '60000']); // never finishes a batch
    const line = await victim.waitFor((l) => l.startsWith('evaluating '));
    const survivor = spawnChild('children/pg-worker.ts', [url, '20']);
    await survivor.waitFor((l) => l === 'ready');
    victim.proc.kill('SIGKILL');
    await victim.exited;
    const killedFrom = Number(line.split(' ')[1]);
    await waitFinished(url);
    const [stats] = await stopAll([survivor]);
    expect(stats?.sequences).toBe(120); // including the batch the dead worker held
    expect(survivor.lines).toContain(`evaluating ${killedFrom} 10`);
    expect(await countsInDb(url)).toEqual({ rows: 120, distinct: 120, maxPerHash: 1 });
    const check = await createPostgresStore({ connectionString: url });
    expect(await check.results(key('core'))).toEqual(seqs.map(evaluate));
    expect(await check.best(key('core'))).toEqual(expectedBest(seqs));
    await check.close();
  });

  it('SIGKILL of a worker at seeded random points, 5 times in a row: each sequence recorded exactly once, same results and best', async () => {
    // Five rounds, not the ten of the SQLite test: each round starts a worker process and its queue
    // (seconds on a loaded 2-core machine), and each kill leaves a leased job the survivors wait out.
    const url = await server.createDatabase('killed_often');
    const seqs = makeSequences(300);
    const store = await createPostgresStore({ connectionString: url, batchSize: 10, leaseSeconds: 2 });
    await store.open(key('core'));
    await store.put(key('core'), seqs);
    await store.close();
    const random = seededRandom(20261206);
    for (let round = 0; round < 5; round++) {
      const child = spawnChild('children/pg-worker.ts', [url, '100', '2']);
      // Kill after the n-th batch started (mid-evaluation, nothing recorded) or after the n-th was
      // recorded (its job not yet completed): both leave a leased job behind.
      const n = 1 + Math.floor(random() * 3);
      const event = random() < 0.5 ? 'evaluating ' : 'recorded ';
      let seen = 0;
      await child.waitFor((l) => l.startsWith(event) && ++seen === n, 60_000);
      child.proc.kill('SIGKILL');
      await child.exited;
    }
    expect((await countsInDb(url)).rows).toBeLessThan(300); // the rounds left work for the last worker
    const last = spawnChild('children/pg-worker.ts', [url, '0', '2']);
    await waitFinished(url);
    await waitDrained(url);
    await stopAll([last]);
    expect(await countsInDb(url)).toEqual({ rows: 300, distinct: 300, maxPerHash: 1 });
    const check = await createPostgresStore({ connectionString: url });
    expect(await check.results(key('core'))).toEqual(seqs.map(evaluate));
    expect(await check.best(key('core'))).toEqual(expectedBest(seqs));
    expect(await check.queue!.status('core')).toEqual({ queued: 0, active: 0, failed: [] });
    await check.close();
  }, 300_000);

  it('SIGTERM mid-batch: the worker stops at once, keeps what it evaluated, and gives the job back (no lease to wait out)', async () => {
    const url = await server.createDatabase('stopped_mid_batch');
    const seqs = makeSequences(30);
    const store = await createPostgresStore({ connectionString: url, batchSize: 10 }); // the default lease: 300 s
    const k = key('core');
    await store.open(k);
    await store.put(k, seqs);
    const victim = spawnChild('children/pg-worker.ts', [url, '10000']); // one sequence a second
    await victim.waitFor((l) => l === 'evaluated 2', 60_000);
    victim.proc.kill('SIGTERM');
    expect(await victim.exited).toBe(0);
    const stats = JSON.parse(victim.lines.find((l) => l.startsWith('stats '))!.slice(6)) as { batches: number; sequences: number };
    // Stopped inside its first batch: no batch finished, the evaluated part recorded.
    expect(stats.batches).toBe(0);
    expect(stats.sequences).toBeGreaterThanOrEqual(3);
    expect(stats.sequences).toBeLessThan(10);
    expect((await store.progress(k)).evaluated).toBe(stats.sequences);
    // Nothing leased: the job is queued again now, not in 300 s.
    expect(await store.queue!.status('core')).toEqual({ queued: 3, active: 0, failed: [] });
    const next = spawnChild('children/pg-worker.ts', [url, '0']);
    await waitFinished(url);
    const [after] = await stopAll([next]);
    expect(next.lines[next.lines.findIndex((l) => l.startsWith('evaluating '))]).toBe(`evaluating ${stats.sequences} ${10 - stats.sequences}`);
    expect(after?.sequences).toBe(30 - stats.sequences);
    expect(await countsInDb(url)).toEqual({ rows: 30, distinct: 30, maxPerHash: 1 });
    expect(await store.results(k)).toEqual(seqs.map(evaluate));
    expect(await store.best(k)).toEqual(expectedBest(seqs));
    await store.close();
  }, 120_000);

  it('SIGTERM while the worker waits for a lost server: it stops at once with its stats (exit 0), not after the reconnect window', async () => {
    const url = await server.createDatabase('lost_server');
    const worker = spawnChild('children/pg-worker.ts', [url]); // reconnectSeconds: the default 60
    await worker.waitFor((l) => l === 'ready', 60_000);
    server.halt('fast');
    try {
      await worker.waitFor((l) => l.startsWith('lost '), 60_000);
      worker.proc.kill('SIGTERM');
      // Before the fix, stop() waited for the 60 s reconnect window, then the worker failed (exit 2).
      expect(await worker.exited).toBe(0);
      expect(worker.lines.find((l) => l.startsWith('stats '))).toBe('stats {"batches":0,"sequences":0}');
    } finally {
      server.restart();
    }
  }, 120_000);

  it('the connection cut while the work is first stored: put does not crash, retries its transaction, stores and queues everything once', async () => {
    const url = await server.createDatabase('put_cut');
    const lost: string[] = [];
    const store = await createPostgresStore({ connectionString: url, batchSize: 1000, onConnectionLost: ({ op }) => lost.push(op) });
    const k = key('core');
    await store.open(k);
    const put = store.put(k, makeSequences(60_000)); // 30 statements in one transaction: long enough to be caught
    // Cut the connection that stores the rows, in the middle of its transaction (as a server restart does).
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    let cut = 0;
    for (let i = 0; i < 6000 && cut === 0; i++) {
      const r = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND state IN ('active', 'idle in transaction') AND query LIKE 'INSERT INTO %sequences%'`,
      );
      cut = r.rowCount ?? 0;
      if (cut === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await admin.end();
    await put; // before the fix: "Unhandled 'error' event" from the checked-out client ended the process
    expect(cut).toBe(1);
    expect(lost).toContain('put');
    expect(await store.progress(k)).toEqual({ total: 60_000, evaluated: 0, finished: false });
    expect(await store.queue!.status('core')).toEqual({ queued: 60, active: 0, failed: [] });
    await store.close();
  }, 120_000);

  it('a changed config key mid-run: stale batches are dropped, the new work is clean', async () => {
    const url = await server.createDatabase('rekey');
    const seqs = makeSequences(60);
    const store = await createPostgresStore({ connectionString: url, batchSize: 10 });
    await store.open(key('core'));
    await store.put(key('core'), seqs);
    await store.claimBatch(key('core'), 10); // held by this caller when the key changes
    const next = key('core', 'p1', 'c2');
    expect(await store.open(next)).toEqual({ hasSequences: false });
    await store.put(next, seqs.slice(0, 25));
    await store.recordResults(key('core'), seqs.slice(0, 10).map(evaluate)); // late, for the old key
    const worker = spawnChild('children/pg-worker.ts', [url, '0']);
    await waitFinished(url, next);
    await stopAll([worker]);
    expect(await store.results(next)).toEqual(seqs.slice(0, 25).map(evaluate));
    expect(await countsInDb(url)).toEqual({ rows: 25, distinct: 25, maxPerHash: 1 });
    await store.close();
  });
});
