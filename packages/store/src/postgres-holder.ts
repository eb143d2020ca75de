import pg from 'pg';

/**
 * A process's liveness as the database sees it: a session-level advisory lock
 * on its holder id, taken on a connection of its own. PostgreSQL drops the lock
 * with the session (process gone, connection cut, server restarted), so anyone
 * can tell from `pg_locks` that the jobs recorded under the id have no one
 * evaluating them, without waiting for a lease to run out.
 *
 * The lock is in the two-key space: `lockSpace(schema)` and the holder id.
 */
export class HolderSession {
  private client: pg.Client | null = null;
  private closed = false;
  private reconnecting: Promise<void> | null = null;
  private readonly wake = new AbortController();

  private constructor(
    private readonly config: pg.ClientConfig,
    private readonly S: string,
    readonly space: number,
    private currentId: number,
    /** Jobs this process holds now: moved to a new id when the old one cannot be taken again. */
    private readonly inHand: () => readonly string[],
  ) {}

  /** Takes a fresh holder id and its lock; throws what the connection throws. */
  static async open(config: pg.ClientConfig, S: string, schema: string, inHand: () => readonly string[]): Promise<HolderSession> {
    const session = new HolderSession(config, S, lockSpace(schema), 0, inHand);
    await session.connect();
    return session;
  }

  /** The id recorded with every job this process fetches. */
  get id(): number {
    return this.currentId;
  }

  /** The lock is held (as far as this side knows): jobs fetched now are this process's in the database's eyes. */
  get connected(): boolean {
    return this.client !== null;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...this.config, keepAlive: true });
    const lost = (): void => {
      if (this.client !== client) return;
      this.client = null;
      void closeQuietly(client);
      this.reconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      if (this.currentId === 0 || !(await this.tryLock(client, this.currentId))) await this.takeNewId(client);
    } catch (e) {
      await closeQuietly(client);
      throw e;
    }
    if (this.closed) {
      await closeQuietly(client);
      return;
    }
    this.client = client;
  }

  private async tryLock(client: pg.Client, id: number): Promise<boolean> {
    const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [this.space, id]);
    return r.rows[0]?.ok === true;
  }

  /**
   * A new id, locked. After a reconnect this happens only when the old id's lock is still held by
   * this process's old session (the server has not noticed it is gone): the jobs this process
   * knows it holds move to the new id; any other job under the old id is handed back once that
   * session ends.
   */
  private async takeNewId(client: pg.Client): Promise<void> {
    for (;;) {
      const r = await client.query<{ id: number }>(`SELECT nextval('${this.S}.holder_ids')::int AS id`);
      const id = r.rows[0]?.id as number;
      if (!(await this.tryLock(client, id))) continue; // an id of a holder still alive after the sequence cycled
      const previous = this.currentId;
      this.currentId = id;
      const jobs = this.inHand();
      if (previous !== 0 && jobs.length > 0) {
        await client.query(`UPDATE ${this.S}.job_holders SET holder = $1 WHERE holder = $2 AND job_id = ANY($3::uuid[])`, [id, previous, [...jobs]]);
      }
      return;
    }
  }

  /** Connects again with a short backoff until it holds the lock or is closed: a live holder must be back within the restart grace. */
  private reconnect(): void {
    if (this.closed || this.reconnecting) return;
    this.reconnecting = (async () => {
      let delay = 100;
      while (!this.closed && !this.client) {
        await pause(delay, this.wake.signal);
        if (this.closed) break;
        try {
          await this.connect();
        } catch {
          delay = Math.min(delay * 2, 1000);
        }
      }
    })().finally(() => {
      this.reconnecting = null;
    });
  }

  /** Ends the session: its lock is released, so what this process still holds can be handed back at once. */
  async close(): Promise<void> {
    this.closed = true;
    this.wake.abort();
    const client = this.client;
    this.client = null;
    await this.reconnecting;
    if (client) await closeQuietly(client);
  }
}

/** Closes a connection that may be broken already: then there is nothing left to close. */
export function closeQuietly(client: pg.Client): Promise<void> {
  return client.end().catch(() => undefined);
}

/** First key of the holders' advisory locks: one space per store schema, positive so it compares with `pg_locks.classid` as is. */
export function lockSpace(schema: string): number {
  // FNV-1a: the same number in every process, no round trip.
  let h = 0x811c9dc5;
  for (const ch of `planner-holder:${schema}`) {
    h ^= ch.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x7fffffff;
}

/** Waits `ms`, or less when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
