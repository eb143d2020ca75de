import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '@planner/contracts';
import { createPostgresStore, runPostgresWorker } from '../src/postgres.js';
import { storeContract } from './contract.js';
import { evaluate, expectedBest, key, makeSequences } from './fixtures.js';
import { startPgServer } from '../src/testing.js';
import type { PgServer } from '../src/testing.js';

let server: PgServer;
let n = 0;
const freshDb = (): Promise<string> => server.createDatabase(`t${++n}`);

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
    await c.query('ALTER TABLE planner.buckets DROP COLUMN high_water_mark, DROP COLUMN high_water_mark_at; UPDATE planner.schema_version SET version = 2');
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

  it('database gone: a clear StoreError, from the store and from a worker', async () => {
    const own = await startPgServer();
    const url = await own.createDatabase('gone');
    const store = await createPostgresStore({ connectionString: url });
    const k = key('core');
    await store.open(k);
    const worker = await runPostgresWorker({ connectionString: url, pollIntervalMs: 50, evaluate: ({ sequences }) => sequences.map(evaluate) });
    own.kill();
    const err = await store.progress(k).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('PLANNER_STORE_FAILED');
    expect((err as Error).message).toMatch(/postgres store failed in progress/);
    await expect(worker.done).rejects.toThrow(StoreError);
    await store.close();
    await expect(createPostgresStore({ connectionString: url })).rejects.toThrow(/cannot connect to postgres store/);
  });
});
