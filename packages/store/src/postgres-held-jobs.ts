import type pg from 'pg';
import type PgBoss from 'pg-boss';
import { isConnectionError } from './postgres-errors.js';
import type { HolderSession } from './postgres-holder.js';
import { dropHolders, orphanedJobs, recordHolder, releaseHolder, unknownJobs } from './postgres-job-holders.js';

/** Payload of one queued batch: a range of sequence indexes of one bucket's work. */
export interface BatchJob {
  readonly bucket: string;
  readonly portfolioHash: string;
  readonly configHash: string;
  readonly from: number;
  readonly to: number;
}

export interface FetchedJob {
  readonly id: string;
  readonly data: BatchJob;
}

export interface HeldJobsContext {
  readonly boss: PgBoss;
  readonly holder: HolderSession;
  /** Quoted store schema and queue schema. */
  readonly S: string;
  readonly Q: string;
  readonly restartGraceSeconds: number;
  /** Runs `fn` in a transaction on one pooled connection. */
  readonly tx: <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>;
}

/**
 * The batch jobs this process holds, and every change of their holding: a job
 * is fetched, completed, failed or handed back in one transaction with its
 * `job_holders` row (postgres-job-holders.ts), under this process's holder id.
 */
export class HeldJobs {
  /** Jobs fetched and not yet completed, failed or handed back: id -> queue. */
  private readonly held = new Map<string, string>();
  /** Fetches run one at a time, so no fetch is in flight while `handBackUnknown` compares. */
  private fetching: Promise<unknown> = Promise.resolve();
  /** A fetch lost its connection: it may have committed a job whose reply never came. */
  private fetchUnsure = false;

  constructor(private readonly ctx: HeldJobsContext) {}

  /** The ids of the jobs in hand. */
  inHand(): string[] {
    return [...this.held.keys()];
  }

  /**
   * One job of `queue`, leased to this process. When the queue has nothing to hand out, the jobs
   * whose holder is gone are handed back first (`orphanedJobs`), so nobody waits for their lease.
   */
  fetch(queue: string): Promise<FetchedJob | null> {
    const run = this.fetching.then(async () => {
      if (!this.ctx.holder.connected) throw holderReconnecting();
      if (this.fetchUnsure) {
        await this.handBackUnknown();
        this.fetchUnsure = false;
      }
      let job = await this.fetchAsHolder(queue);
      if (!job && (await this.handBackOrphans(queue)) > 0) job = await this.fetchAsHolder(queue);
      if (job) this.held.set(job.id, queue);
      return job;
    });
    this.fetching = run.catch(() => undefined);
    return run;
  }

  /** Completes a job this process still holds; one handed back to the queue meanwhile is left to its new holder. */
  complete(queue: string, jobId: string): Promise<void> {
    return this.asHolder(jobId, (db) => this.ctx.boss.complete(queue, jobId, undefined as unknown as object, { db }));
  }

  /**
   * Completes a job this process still holds inside the caller's transaction, so the job ends with what
   * that transaction records (its last results): no moment where its results are stored and the job is
   * still leased, which a process stopped in between would leave queued after the work was finished.
   * The caller calls `forget` once the transaction has committed.
   */
  async completeWithin(c: pg.ClientBase, queue: string, jobId: string): Promise<void> {
    if (await releaseHolder(c, this.ctx.S, jobId, this.ctx.holder.id)) {
      await this.ctx.boss.complete(queue, jobId, undefined as unknown as object, { db: dbOf(c) });
    }
  }

  /** A job completed by `completeWithin` is no longer in hand. */
  forget(jobId: string): void {
    this.held.delete(jobId);
  }

  /** Fails a job this process still holds: the queue retries it while its retries last. */
  fail(queue: string, jobId: string, message: string): Promise<void> {
    return this.asHolder(jobId, (db) => this.ctx.boss.fail(queue, jobId, { message }, { db }));
  }

  /** Back to the queue at once (cancel + resume in one transaction): the next fetch takes it. */
  giveBack(queue: string, jobId: string): Promise<void> {
    return this.asHolder(jobId, (db) => this.cancelAndResume(db, queue, [jobId]));
  }

  private async fetchAsHolder(queue: string): Promise<FetchedJob | null> {
    try {
      return await this.ctx.tx(async (c) => {
        let failed: unknown = null;
        const db = { executeSql: (text: string, values: unknown[]) => c.query(text, values).catch((e: unknown) => {
          failed = e;
          throw e;
        }) };
        const jobs = await this.ctx.boss.fetch<BatchJob>(queue, { batchSize: 1, db });
        if (failed !== null) throw failed; // pg-boss answers any failed fetch with no job
        const job = jobs[0];
        if (!job) return null;
        await recordHolder(c, this.ctx.S, job.id, queue, this.ctx.holder.id);
        return { id: job.id, data: job.data };
      });
    } catch (e) {
      // The cut may have come after the commit: the job would be this process's without its knowing.
      if (isConnectionError(e)) this.fetchUnsure = true;
      throw e;
    }
  }

  /** Hands back the queue's jobs whose holder is gone; returns how many. */
  private handBackOrphans(queue: string): Promise<number> {
    const { S, Q, holder, restartGraceSeconds } = this.ctx;
    return this.ctx.tx(async (c) => {
      const ids = await orphanedJobs(c, S, Q, queue, holder.space, restartGraceSeconds);
      if (ids.length > 0) await this.handBack(c, queue, ids);
      return ids.length;
    });
  }

  /** Hands back the jobs a lost fetch reply leased to this process without its knowing. */
  private handBackUnknown(): Promise<void> {
    return this.ctx.tx(async (c) => {
      const jobs = await unknownJobs(c, this.ctx.S, this.ctx.Q, this.ctx.holder.id, this.inHand());
      for (const queue of new Set(jobs.map((j) => j.queue))) {
        await this.handBack(c, queue, jobs.filter((j) => j.queue === queue).map((j) => j.id));
      }
    });
  }

  private async handBack(c: pg.ClientBase, queue: string, ids: string[]): Promise<void> {
    await this.cancelAndResume(dbOf(c), queue, ids);
    await dropHolders(c, this.ctx.S, ids);
  }

  private async cancelAndResume(db: PgBoss.Db, queue: string, ids: string[]): Promise<void> {
    await this.ctx.boss.cancel(queue, ids, { db });
    await this.ctx.boss.resume(queue, ids, { db });
  }

  /** Runs `fn` on the job in one transaction with releasing it, if this process still holds it (it may have been handed back). */
  private async asHolder(jobId: string, fn: (db: PgBoss.Db) => Promise<unknown>): Promise<void> {
    await this.ctx.tx(async (c) => {
      if (await releaseHolder(c, this.ctx.S, jobId, this.ctx.holder.id)) await fn(dbOf(c));
    });
    this.held.delete(jobId);
  }
}

/** pg-boss statements on the caller's connection, inside its transaction. */
export function dbOf(c: pg.ClientBase): PgBoss.Db {
  return { executeSql: (text: string, values: unknown[]) => c.query(text, values) };
}

/** A fetch while the holder's lock session is reconnecting: retried by `guard` like a lost connection. */
function holderReconnecting(): Error {
  return Object.assign(new Error('the holder session (its advisory lock) is reconnecting'), { code: 'ENOTCONN' });
}
