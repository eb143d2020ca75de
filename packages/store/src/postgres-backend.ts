import { StoreError } from '@planner/contracts';
import type { Sequence, StoredResult, StoredSequence, StoreProgress, WorkKey } from '@planner/contracts';
import pg from 'pg';
import PgBoss from 'pg-boss';
import {
  applyBucketPatch, BUCKET_COLUMNS, bucketExists, bucketMissing, checkHighWaterMark, fromBucketRow, parseBucketPatch, parseBucketRecord,
} from './bucket-record.js';
import type { BucketRow } from './bucket-record.js';
import { closeQuietly, HolderSession, pause } from './postgres-holder.js';
import { dbOf, HeldJobs } from './postgres-held-jobs.js';
import type { BatchJob, FetchedJob } from './postgres-held-jobs.js';
import { isConnectionError } from './postgres-errors.js';
import { preparePostgresSchema, quoteSchema } from './postgres-schema.js';
import { notCurrentError, patternType, sequencePriority, toResult } from './sequence-columns.js';
import type { ResultRow } from './sequence-columns.js';
import type { BucketRecord, BucketRepository } from './types.js';

export interface PostgresOptions {
  readonly connectionString: string;
  /** Schema of the store's tables; default `planner`. */
  readonly schema?: string;
  /** Schema of the job queue (pg-boss); default `<schema>_queue`. */
  readonly queueSchema?: string;
  /** Sequences per queued batch job; default 100. */
  readonly batchSize?: number;
  /** Lease of a batch job: after this long without completion the queue hands it out again; default 300. */
  readonly leaseSeconds?: number;
  /** Times the queue retries a failed or expired batch; default 10. */
  readonly retryLimit?: number;
  /** How often the queue looks for expired leases; default 15. */
  readonly maintenanceIntervalSeconds?: number;
  /**
   * After a server restart, how long the jobs of a holder that was connected before it are left to it,
   * seconds; default 10. A live process takes its lock back within about a second of the server's
   * return; a process that died (or was stopped) while the server was away does not, and its jobs are
   * handed to others after this grace instead of after the lease.
   */
  readonly restartGraceSeconds?: number;
  /** Connections of the pool (plus one for the holder lock); default 4. */
  readonly poolSize?: number;
  /** Bound of one connection attempt (TCP and login), seconds; default 10. */
  readonly connectTimeoutSeconds?: number;
  /** After losing the server, how long to keep retrying (with backoff) before giving up, seconds; default 60. */
  readonly reconnectSeconds?: number;
  /** Told of each retry after a lost connection (for a progress message). */
  readonly onConnectionLost?: (info: { readonly op: string; readonly error: string; readonly retryInMs: number }) => void;
  /**
   * A stop (SIGINT/SIGTERM): once aborted, an operation that lost the server
   * fails at once instead of waiting for it to come back (`isStoppedWhileReconnecting`).
   * Operations that reach the server still run, so nothing evaluated is lost.
   */
  readonly signal?: AbortSignal;
}

/** A failed batch job: its retries ran out (or it was failed for good). */
export interface FailedJob {
  readonly id: string;
  readonly from: number;
  readonly to: number;
  readonly error: string;
}

/** The bucket's jobs by state, as the queue holds them. */
export interface QueueStatus {
  readonly queued: number;
  readonly active: number;
  readonly failed: readonly FailedJob[];
}

export type { BatchJob, FetchedJob } from './postgres-held-jobs.js';


export const queueName = (bucket: string): string => `planner-batch.${bucket}`;

const INSERT_CHUNK = 2000;

/**
 * PostgreSQL tables plus the pg-boss queue that hands out batches. Shared by
 * the store and the worker. Every failure surfaces as a StoreError.
 */
export class PostgresBackend {
  private readonly S: string;
  private readonly queues = new Map<string, Promise<string>>();
  private creating: Promise<void> = Promise.resolve();
  private closed = false;
  readonly batchSize: number;
  private readonly leaseSeconds: number;
  private readonly onConnectionLost: PostgresOptions['onConnectionLost'];
  private readonly retryLimit: number;
  private lastPoolError: Error | null = null;
  private readonly queueLock: string;
  private readonly queueSchema: string;
  private readonly reconnectMs: number;
  private readonly stop = new AbortController();
  readonly where: string;
  /** The jobs this process holds, and every change of their holding. */
  readonly jobs: HeldJobs;

  private constructor(
    private readonly pool: pg.Pool,
    readonly boss: PgBoss,
    private readonly holder: HolderSession,
    schema: string,
    options: PostgresOptions,
  ) {
    this.S = quoteSchema(schema);
    this.queueSchema = options.queueSchema ?? `${schema}_queue`;
    this.queueLock = `planner-queues:${this.queueSchema}`;
    this.where = describeConnection(options.connectionString);
    this.reconnectMs = (options.reconnectSeconds ?? 60) * 1000;
    this.batchSize = options.batchSize ?? 100;
    this.jobs = new HeldJobs({
      boss, holder, S: this.S, Q: quoteSchema(this.queueSchema), restartGraceSeconds: options.restartGraceSeconds ?? 10, tx: (fn) => this.tx(fn),
    });
    this.leaseSeconds = options.leaseSeconds ?? 300;
    this.onConnectionLost = options.onConnectionLost;
    this.retryLimit = options.retryLimit ?? 10;
    pool.on('error', (e) => {
      // An idle client lost its server; the next query reports it.
      this.lastPoolError = e;
    });
    if (options.signal?.aborted) this.interrupt();
    else options.signal?.addEventListener('abort', () => this.interrupt(), { once: true });
  }

  /** Ends every wait for a lost server now, and the next ones at once (a stop; see `PostgresOptions.signal`). */
  interrupt(): void {
    this.stop.abort();
  }

  static async connect(options: PostgresOptions): Promise<PostgresBackend> {
    const schema = options.schema ?? 'planner';
    quoteSchema(schema);
    checkOptions(options); // before any connection is opened
    const where = describeConnection(options.connectionString);
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 4,
      connectionTimeoutMillis: (options.connectTimeoutSeconds ?? 10) * 1000,
    });
    pool.on('error', () => undefined);
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
      // A checked-out client that loses its server emits 'error': without a listener that kills the process.
      client.on('error', () => undefined);
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw new StoreError(`cannot connect to postgres store ${where}: ${(e as Error).message}`, { cause: e });
    }
    try {
      await preparePostgresSchema(client, schema);
    } catch (e) {
      client.release();
      await pool.end().catch(() => undefined);
      if (e instanceof StoreError) throw e;
      throw new StoreError(`cannot prepare postgres store ${where}: ${(e as Error).message}`, { cause: e });
    }
    client.release();
    let holder: HolderSession;
    const inHand: { ids: () => readonly string[] } = { ids: () => [] };
    try {
      holder = await HolderSession.open(
        { connectionString: options.connectionString, connectionTimeoutMillis: (options.connectTimeoutSeconds ?? 10) * 1000 },
        quoteSchema(schema), schema, () => inHand.ids(),
      );
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw new StoreError(`cannot connect to postgres store ${where}: ${(e as Error).message}`, { cause: e });
    }
    const boss = new PgBoss({
      db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
      schema: options.queueSchema ?? `${schema}_queue`,
      schedule: false,
      supervise: true,
      migrate: true,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 15,
    });
    boss.on('error', () => undefined);
    try {
      await startQueueOnce(options, boss.start.bind(boss), options.queueSchema ?? `${schema}_queue`);
    } catch (e) {
      await holder.close();
      await pool.end().catch(() => undefined);
      throw new StoreError(`cannot start the job queue of postgres store ${where}: ${(e as Error).message}`, { cause: e });
    }
    const backend = new PostgresBackend(pool, boss, holder, schema, options);
    inHand.ids = () => backend.jobs.inHand();
    return backend;
  }

  /**
   * Runs one store operation. A lost connection (server restarted, network
   * gone) is retried with backoff for up to `reconnectSeconds`: the pool
   * connects anew, and every operation is safe to repeat (idempotent writes,
   * transactions rolled back). Anything else, or a server gone for longer, is a
   * StoreError.
   */
  async guard<T>(op: string, fn: () => Promise<T>): Promise<T> {
    const started = Date.now();
    let delay = 250;
    for (;;) {
      if (this.closed) throw new StoreError('postgres store is closed');
      try {
        return await fn();
      } catch (e) {
        if (e instanceof StoreError) throw e;
        const cause = (e as Error).message || this.lastPoolError?.message || String(e);
        if (!isConnectionError(e)) throw new StoreError(`postgres store failed in ${op}: ${cause}`, { cause: e });
        if (this.stop.signal.aborted) throw stoppedWhileReconnecting(this.where, op, cause, e);
        const left = this.reconnectMs - (Date.now() - started);
        if (left <= 0 || this.closed) {
          throw new StoreError(
            `postgres store ${this.where}: lost the server in ${op} and could not reconnect within ${Math.round(this.reconnectMs / 1000)} s: ${cause}`,
            { cause: e },
          );
        }
        const wait = Math.min(delay, left);
        this.onConnectionLost?.({ op, error: cause, retryInMs: wait });
        await pause(wait, this.stop.signal);
        if (this.stop.signal.aborted) throw stoppedWhileReconnecting(this.where, op, cause, e);
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  /** A pooled client with an error listener while checked out; a broken one is dropped from the pool. */
  private async withClient<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    let broken: Error | undefined;
    const onError = (e: Error): void => {
      broken = e;
      this.lastPoolError = e;
    };
    c.on('error', onError);
    try {
      return await fn(c);
    } catch (e) {
      if (isConnectionError(e)) broken ??= e as Error;
      throw e;
    } finally {
      c.off('error', onError);
      c.release(broken);
    }
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(async (c) => {
      try {
        await c.query('BEGIN');
        const out = await fn(c);
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  private async currentIs(c: pg.ClientBase | pg.Pool, key: WorkKey, lock = ''): Promise<boolean> {
    const r = await c.query(`SELECT 1 FROM ${this.S}.work WHERE bucket = $1 AND portfolio_hash = $2 AND config_hash = $3 ${lock}`, [
      key.bucket, key.portfolioHash, key.configHash,
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  /** The bucket has work (under any key). */
  async hasWork(bucket: string, c: pg.ClientBase | pg.Pool = this.pool): Promise<boolean> {
    return ((await c.query(`SELECT 1 FROM ${this.S}.work WHERE bucket = $1`, [bucket])).rowCount ?? 0) > 0;
  }

  isCurrent(key: WorkKey): Promise<boolean> {
    return this.currentIs(this.pool, key);
  }

  ensureQueue(bucket: string): Promise<string> {
    const name = queueName(bucket);
    let q = this.queues.get(name);
    if (!q) {
      // One creation at a time per process (it holds a connection while it waits for the lock).
      q = this.creating.then(() => this.createQueue(name)).then(() => name);
      this.creating = q.then(() => undefined, () => undefined);
      this.queues.set(name, q);
      q.catch(() => this.queues.delete(name));
    }
    return q;
  }

  private async createQueue(name: string): Promise<void> {
    if (await this.boss.getQueue(name)) return;
    // Creating a queue adds a partition and foreign keys to pg-boss's tables: two processes
    // creating two queues at once deadlock in PostgreSQL. One creator at a time, database-wide.
    await this.withClient(async (c) => {
      await c.query('SELECT pg_advisory_lock(hashtext($1))', [this.queueLock]);
      try {
        await this.boss.createQueue(name, { name, policy: 'standard', expireInSeconds: this.leaseSeconds, retryLimit: this.retryLimit, retryDelay: 0 });
      } finally {
        await c.query('SELECT pg_advisory_unlock(hashtext($1))', [this.queueLock]);
      }
    });
  }

  /** Makes `key` the bucket's work; a changed key drops the bucket's rows and queued batches. */
  async open(key: WorkKey): Promise<{ hasSequences: boolean; changed: boolean }> {
    const S = this.S;
    const out = await this.tx(async (c) => {
      const row = await c.query<{ portfolio_hash: string; config_hash: string }>(
        `SELECT portfolio_hash, config_hash FROM ${S}.work WHERE bucket = $1 FOR UPDATE`, [key.bucket]);
      const cur = row.rows[0];
      const changed = !cur || cur.portfolio_hash !== key.portfolioHash || cur.config_hash !== key.configHash;
      if (changed) {
        await this.deleteWork(c, key.bucket);
        await c.query(`INSERT INTO ${S}.work (bucket, portfolio_hash, config_hash, data) VALUES ($1, $2, $3, NULL)
          ON CONFLICT (bucket) DO UPDATE SET portfolio_hash = excluded.portfolio_hash, config_hash = excluded.config_hash, data = NULL`,
        [key.bucket, key.portfolioHash, key.configHash]);
      }
      const n = await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${S}.sequences WHERE bucket = $1`, [key.bucket]);
      return { hasSequences: Number(n.rows[0]?.n ?? 0) > 0, changed: changed && cur !== undefined };
    });
    const queue = await this.ensureQueue(key.bucket);
    if (out.changed) await this.boss.purgeQueue(queue);
    return out;
  }

  private async deleteWork(c: pg.ClientBase, bucket: string): Promise<void> {
    const S = this.S;
    await c.query(`DELETE FROM ${S}.sequences WHERE bucket = $1`, [bucket]);
    await c.query(`DELETE FROM ${S}.evaluations WHERE bucket = $1`, [bucket]);
    await c.query(`DELETE FROM ${S}.best_result WHERE bucket = $1`, [bucket]);
  }

  async invalidate(bucket: string): Promise<void> {
    await this.tx(async (c) => {
      await this.deleteWork(c, bucket);
      await c.query(`DELETE FROM ${this.S}.work WHERE bucket = $1`, [bucket]);
    });
    await this.boss.purgeQueue(await this.ensureQueue(bucket));
  }

  /** Stores new sequences and, in the same transaction, queues one batch job per `batchSize` index range. */
  async put(key: WorkKey, sequences: readonly StoredSequence[]): Promise<void> {
    const queue = await this.ensureQueue(key.bucket);
    await this.tx(async (c) => {
      if (!(await this.currentIs(c, key, 'FOR SHARE'))) {
        throw notCurrentError('put', key.bucket, await this.hasWork(key.bucket, c));
      }
      const added: number[] = [];
      for (let i = 0; i < sequences.length; i += INSERT_CHUNK) {
        const chunk = sequences.slice(i, i + INSERT_CHUNK);
        const r = await c.query<{ idx: number }>(
          `INSERT INTO ${this.S}.sequences (bucket, sequence_hash, idx, priority, depth, pattern_type, sequence_json)
           SELECT $1, * FROM unnest($2::text[], $3::int[], $4::float8[], $5::int[], $6::text[], $7::text[])
           ON CONFLICT (bucket, sequence_hash) DO NOTHING RETURNING idx`,
          [key.bucket, chunk.map((s) => s.hash), chunk.map((s) => s.index), chunk.map((s) => sequencePriority(s.sequence)),
            chunk.map((s) => s.sequence.length), chunk.map((s) => patternType(s.sequence)), chunk.map((s) => JSON.stringify(s.sequence))],
        );
        for (const row of r.rows) added.push(row.idx);
      }
      if (added.length === 0) return;
      // One job per index range; a range only covers rows this call added, so chunked puts never overlap.
      const ranges = new Map<number, { from: number; to: number }>();
      for (const idx of added) {
        const g = Math.floor(idx / this.batchSize);
        const r = ranges.get(g);
        if (!r) ranges.set(g, { from: idx, to: idx + 1 });
        else {
          r.from = Math.min(r.from, idx);
          r.to = Math.max(r.to, idx + 1);
        }
      }
      const jobs: PgBoss.JobInsert<BatchJob>[] = [...ranges.entries()].map(([g, r]) => ({
        name: queue,
        data: { bucket: key.bucket, portfolioHash: key.portfolioHash, configHash: key.configHash, from: r.from, to: r.to },
        // The queue serves the highest priority first: lowest indexes first.
        priority: -g,
        expireInSeconds: this.leaseSeconds,
        retryLimit: this.retryLimit,
        retryDelay: 0,
      }));
      await this.boss.insert(jobs, { db: dbOf(c) });
    });
  }


  /** One job of the bucket's queue, leased to this process (`HeldJobs.fetch`). */
  async fetchJob(bucket: string): Promise<FetchedJob | null> {
    return this.jobs.fetch(await this.ensureQueue(bucket));
  }

  /** Completes a job this process still holds. */
  complete(bucket: string, jobId: string): Promise<void> {
    return this.jobs.complete(queueName(bucket), jobId);
  }

  /** Hands a leased job back to the queue at once: the next fetch takes it. */
  giveBack(bucket: string, jobId: string): Promise<void> {
    return this.jobs.giveBack(queueName(bucket), jobId);
  }

  /** The bucket's jobs by state; failed ones with their last error. */
  async queueStatus(bucket: string): Promise<QueueStatus> {
    const q = quoteSchema(this.queueSchema);
    const r = await this.pool.query<{ id: string; state: string; data: BatchJob; output: { message?: string } | null }>(
      `SELECT id, state, data, output FROM ${q}.job WHERE name = $1 AND state IN ('created', 'retry', 'active', 'failed')
       ORDER BY (data->>'from')::int`,
      [queueName(bucket)],
    );
    let queued = 0;
    let active = 0;
    const failed: FailedJob[] = [];
    for (const row of r.rows) {
      if (row.state === 'active') active++;
      else if (row.state === 'failed') {
        failed.push({ id: row.id, from: row.data.from, to: row.data.to, error: row.output?.message ?? JSON.stringify(row.output) });
      } else queued++;
    }
    return { queued, active, failed };
  }

  /**
   * Queues the bucket's failed jobs again (each gets one more retry); returns how many. Cancelled jobs
   * go back too: a give-back (cancel, then resume) cut between its two steps leaves one cancelled.
   */
  async retryFailed(bucket: string): Promise<number> {
    const { failed } = await this.queueStatus(bucket);
    if (failed.length > 0) await this.boss.retry(queueName(bucket), failed.map((f) => f.id));
    const q = quoteSchema(this.queueSchema);
    const cancelled = await this.pool.query<{ id: string }>(`SELECT id FROM ${q}.job WHERE name = $1 AND state = 'cancelled'`, [queueName(bucket)]);
    if (cancelled.rows.length > 0) await this.boss.resume(queueName(bucket), cancelled.rows.map((r) => r.id));
    return failed.length;
  }

  fail(bucket: string, jobId: string, error: unknown): Promise<void> {
    return this.jobs.fail(queueName(bucket), jobId, error instanceof Error ? error.message : String(error));
  }

  /** The job's sequences that have no result yet, in index order; bounded by the range on both tables so it costs O(batch). */
  async pendingInRange(job: BatchJob): Promise<StoredSequence[]> {
    const r = await this.pool.query<{ idx: number; sequence_hash: string; sequence_json: string }>(
      `SELECT s.idx, s.sequence_hash, s.sequence_json FROM ${this.S}.sequences s
       WHERE s.bucket = $1 AND s.idx >= $4 AND s.idx < $5 AND s.idx NOT IN (SELECT e.idx FROM ${this.S}.evaluations e
         WHERE e.bucket = $1 AND e.portfolio_hash = $2 AND e.config_hash = $3 AND e.idx >= $4 AND e.idx < $5)
       ORDER BY s.idx`,
      [job.bucket, job.portfolioHash, job.configHash, job.from, job.to],
    );
    return r.rows.map((row) => ({ index: row.idx, hash: row.sequence_hash, sequence: JSON.parse(row.sequence_json) as Sequence }));
  }

  /**
   * Idempotent by (bucket, work key, sequence hash); results of replaced work are dropped. The jobs of
   * `completing` (held by this process, their last results among these) are completed in the same
   * transaction: a stop between the two cannot leave a finished job in the queue.
   */
  async record(key: WorkKey, results: readonly StoredResult[], completing: readonly string[] = []): Promise<void> {
    if (results.length === 0 && completing.length === 0) return;
    const queue = queueName(key.bucket);
    await this.tx(async (c) => {
      await this.insertResults(c, key, results);
      for (const id of completing) await this.jobs.completeWithin(c, queue, id);
    });
    for (const id of completing) this.jobs.forget(id);
  }

  private async insertResults(c: pg.PoolClient, key: WorkKey, results: readonly StoredResult[]): Promise<void> {
    if (results.length === 0) return;
    const S = this.S;
    // FOR SHARE waits for a concurrent open() that replaces the key.
    if (!(await this.currentIs(c, key, 'FOR SHARE'))) return;
    const r = await c.query<{ idx: number; sequence_hash: string; end_score: number }>(
      `INSERT INTO ${S}.evaluations (bucket, portfolio_hash, config_hash, sequence_hash, idx, end_score, diversification_score, risk_score, transaction_cost)
       SELECT s.bucket, $2, $3, s.sequence_hash, s.idx, r.score, r.div, r.risk, r.cost
       FROM unnest($4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[]) AS r(hash, score, div, risk, cost)
       JOIN ${S}.sequences s ON s.bucket = $1 AND s.sequence_hash = r.hash
       ON CONFLICT DO NOTHING RETURNING idx, sequence_hash, end_score`,
      [key.bucket, key.portfolioHash, key.configHash, results.map((x) => x.hash), results.map((x) => x.score),
        results.map((x) => x.diversificationScore), results.map((x) => x.riskScore), results.map((x) => x.transactionCost)],
    );
    let best: { idx: number; sequence_hash: string; end_score: number } | null = null;
    for (const row of r.rows) {
      if (!(row.end_score > 0)) continue;
      if (!best || row.end_score > best.end_score || (row.end_score === best.end_score && row.idx < best.idx)) best = row;
    }
    if (!best) return;
    await c.query(
      `INSERT INTO ${S}.best_result AS b (bucket, portfolio_hash, config_hash, sequence_hash, idx, score) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (bucket) DO UPDATE SET portfolio_hash = excluded.portfolio_hash, config_hash = excluded.config_hash,
         sequence_hash = excluded.sequence_hash, idx = excluded.idx, score = excluded.score
       WHERE excluded.score > b.score OR (excluded.score = b.score AND excluded.idx < b.idx)`,
      [key.bucket, key.portfolioHash, key.configHash, best.sequence_hash, best.idx, best.end_score],
    );
  }

  /** False when `key` is not the bucket's current work. */
  async setWorkData(key: WorkKey, data: string): Promise<boolean> {
    const r = await this.pool.query(`UPDATE ${this.S}.work SET data = $4 WHERE bucket = $1 AND portfolio_hash = $2 AND config_hash = $3`, [
      key.bucket, key.portfolioHash, key.configHash, data,
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  async workData(key: WorkKey): Promise<string | null> {
    const r = await this.pool.query<{ data: string | null }>(
      `SELECT data FROM ${this.S}.work WHERE bucket = $1 AND portfolio_hash = $2 AND config_hash = $3`,
      [key.bucket, key.portfolioHash, key.configHash],
    );
    return r.rows[0]?.data ?? null;
  }

  async sequencesAt(key: WorkKey, indexes: readonly number[]): Promise<StoredSequence[]> {
    const r = await this.pool.query<{ idx: number; sequence_hash: string; sequence_json: string }>(
      `SELECT s.idx, s.sequence_hash, s.sequence_json FROM ${this.S}.sequences s
       JOIN ${this.S}.work w ON w.bucket = s.bucket AND w.portfolio_hash = $2 AND w.config_hash = $3
       WHERE s.bucket = $1 AND s.idx = ANY($4::int[]) ORDER BY s.idx`,
      [key.bucket, key.portfolioHash, key.configHash, [...indexes]],
    );
    return r.rows.map((row) => ({ index: row.idx, hash: row.sequence_hash, sequence: JSON.parse(row.sequence_json) as Sequence }));
  }

  async results(key: WorkKey): Promise<StoredResult[]> {
    const r = await this.pool.query<ResultRow>(
      `SELECT e.idx, e.sequence_hash, e.end_score, e.diversification_score, e.risk_score, e.transaction_cost
       FROM ${this.S}.evaluations e JOIN ${this.S}.work w ON w.bucket = e.bucket AND w.portfolio_hash = e.portfolio_hash AND w.config_hash = e.config_hash
       WHERE e.bucket = $1 AND e.portfolio_hash = $2 AND e.config_hash = $3 ORDER BY e.idx`,
      [key.bucket, key.portfolioHash, key.configHash],
    );
    return r.rows.map(toResult);
  }

  async progress(key: WorkKey): Promise<StoreProgress> {
    const r = await this.pool.query<{ current: boolean; total: string; evaluated: string }>(
      `SELECT EXISTS (SELECT 1 FROM ${this.S}.work WHERE bucket = $1 AND portfolio_hash = $2 AND config_hash = $3) AS current,
        (SELECT count(*) FROM ${this.S}.sequences WHERE bucket = $1) AS total,
        (SELECT count(*) FROM ${this.S}.evaluations WHERE bucket = $1 AND portfolio_hash = $2 AND config_hash = $3) AS evaluated`,
      [key.bucket, key.portfolioHash, key.configHash],
    );
    const row = r.rows[0];
    if (!row?.current) return { total: 0, evaluated: 0, finished: false };
    const total = Number(row.total);
    const evaluated = Number(row.evaluated);
    return { total, evaluated, finished: total > 0 && evaluated === total };
  }

  async best(key: WorkKey): Promise<StoredResult | null> {
    const r = await this.pool.query<ResultRow>(
      `SELECT e.idx, e.sequence_hash, e.end_score, e.diversification_score, e.risk_score, e.transaction_cost
       FROM ${this.S}.best_result b JOIN ${this.S}.evaluations e ON e.bucket = b.bucket AND e.portfolio_hash = b.portfolio_hash
         AND e.config_hash = b.config_hash AND e.sequence_hash = b.sequence_hash
       WHERE b.bucket = $1 AND b.portfolio_hash = $2 AND b.config_hash = $3`,
      [key.bucket, key.portfolioHash, key.configHash],
    );
    const row = r.rows[0];
    return row ? toResult(row) : null;
  }

  /** Buckets that hold work, for workers that serve every bucket. */
  async workBuckets(): Promise<string[]> {
    const r = await this.pool.query<{ bucket: string }>(`SELECT bucket FROM ${this.S}.work ORDER BY bucket`);
    return r.rows.map((x) => x.bucket);
  }

  /** Raw counts for tests and diagnostics. */
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(text.replaceAll('{schema}', this.S), values);
  }

  bucketRepository(): BucketRepository {
    const S = this.S;
    const g = <T>(op: string, fn: () => Promise<T>) => this.guard(`buckets.${op}`, fn);
    const get = async (id: string): Promise<BucketRecord | null> => {
      const r = await this.pool.query<BucketRow>(`SELECT ${BUCKET_COLUMNS} FROM ${S}.buckets WHERE id = $1`, [id]);
      return r.rows[0] ? fromBucketRow(r.rows[0]) : null;
    };
    return {
      add: async (bucket) => {
        const b = parseBucketRecord(bucket);
        return g('add', async () => {
          const r = await this.pool.query(
            `INSERT INTO ${S}.buckets (id, kind, config_json, share, status, high_water_mark, high_water_mark_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
            [b.id, b.kind, JSON.stringify(b.config), b.share, b.status, b.highWaterMark?.value ?? null, b.highWaterMark?.at ?? null],
          );
          if ((r.rowCount ?? 0) === 0) throw bucketExists(b.id);
          return b;
        });
      },
      list: () => g('list', async () =>
        (await this.pool.query<BucketRow>(`SELECT ${BUCKET_COLUMNS} FROM ${S}.buckets ORDER BY position`)).rows.map(fromBucketRow)),
      get: (id) => g('get', () => get(id)),
      update: async (id, patch) => {
        const p = parseBucketPatch(patch);
        return g('update', async () => {
          const cur = await get(id);
          if (!cur) throw bucketMissing(id);
          const next = applyBucketPatch(cur, p);
          await this.pool.query(`UPDATE ${S}.buckets SET kind = $2, config_json = $3, share = $4, status = $5 WHERE id = $1`, [
            id, next.kind, JSON.stringify(next.config), next.share, next.status,
          ]);
          return next;
        });
      },
      remove: (id) => g('remove', async () => ((await this.pool.query(`DELETE FROM ${S}.buckets WHERE id = $1`, [id])).rowCount ?? 0) > 0),
      raiseHighWaterMark: (id, value, at) => g('raiseHighWaterMark', async () => {
        checkHighWaterMark(value, at);
        // One statement: only a higher value wins, also against a concurrent plan.
        await this.pool.query(
          `UPDATE ${S}.buckets SET high_water_mark = $2, high_water_mark_at = $3
           WHERE id = $1 AND (high_water_mark IS NULL OR high_water_mark < $2)`, [id, value, at]);
        const b = await get(id);
        if (!b) throw bucketMissing(id);
        return b;
      }),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.boss.stop({ graceful: false, close: false, wait: true }).catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    await this.holder.close(); // last: what is still in hand can be handed back by anyone from now on
  }
}

const stopErrors = new WeakSet<object>();

function stoppedWhileReconnecting(where: string, op: string, cause: string, error: unknown): StoreError {
  const e = new StoreError(`postgres store ${where}: stopped while waiting for the lost server (in ${op}: ${cause})`, { cause: error });
  stopErrors.add(e);
  return e;
}

/** Options that would fail later, or silently, are refused before anything connects. */
function checkOptions(options: PostgresOptions): void {
  const size = options.batchSize ?? 100;
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new StoreError(`postgres store: batchSize must be a whole number >= 1, got ${String(options.batchSize)}`);
  }
  const grace = options.restartGraceSeconds ?? 10;
  if (typeof grace !== 'number' || !Number.isFinite(grace) || grace < 0) {
    throw new StoreError(`postgres store: restartGraceSeconds must be a number of seconds >= 0, got ${String(options.restartGraceSeconds)}`);
  }
}

/** The error of an operation ended by a stop while it waited for a lost server: a stop, not a failure. */
export function isStoppedWhileReconnecting(e: unknown): boolean {
  return typeof e === 'object' && e !== null && stopErrors.has(e);
}

/** The connection string without its password (user-info or `?password=`), for messages. */
export function describeConnection(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    if (u.password) u.password = '***';
    for (const name of [...u.searchParams.keys()]) if (name.toLowerCase() === 'password') u.searchParams.set(name, '***');
    return `'${u.toString()}'`;
  } catch {
    return '(connection string)';
  }
}

/**
 * Starts pg-boss while holding a session advisory lock on its queue schema.
 * pg-boss installs its schema when `start` finds none, and that install is not
 * idempotent (CREATE TYPE, CREATE TABLE): two processes starting on a fresh
 * database both found nothing, and the second one's install failed
 * ("duplicate key value violates unique constraint pg_namespace_nspname_index"
 * or "type job_state already exists"), because its own advisory lock is taken
 * after that check. Under this lock the second start checks after the first
 * committed, and finds the schema. The lock is held on a connection of its own:
 * pg-boss runs on the pool, which may have a single connection.
 */
async function startQueueOnce(options: PostgresOptions, start: () => Promise<unknown>, queueSchema: string): Promise<void> {
  const lock = new pg.Client({
    connectionString: options.connectionString,
    connectionTimeoutMillis: (options.connectTimeoutSeconds ?? 10) * 1000,
  });
  // A connection lost while starting: the start's own queries report it; the lock went with the session.
  lock.on('error', closeQuietly.bind(null, lock));
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`planner-queue-start:${queueSchema}`]);
    await start();
  } finally {
    // Ending the session releases the lock, also when the start failed.
    await closeQuietly(lock);
  }
}
