import type pg from 'pg';

/**
 * The `job_holders` table: which holder (postgres-holder.ts) each leased batch
 * job was fetched by, and on which run of the server. A row is written in the
 * transaction of the fetch, so a job whose fetch reply was lost still names its
 * holder, and removed in the transaction that completes, fails or hands back
 * the job. `S` is the quoted store schema, `Q` the quoted queue schema.
 */

export function recordHolder(c: pg.ClientBase, S: string, jobId: string, queue: string, holder: number): Promise<unknown> {
  return c.query(
    `INSERT INTO ${S}.job_holders (job_id, queue, holder, server_start) VALUES ($1, $2, $3, pg_postmaster_start_time())
     ON CONFLICT (job_id) DO UPDATE SET queue = excluded.queue, holder = excluded.holder, server_start = excluded.server_start`,
    [jobId, queue, holder],
  );
}

/** Removes the job's row if `holder` still holds it; false when the job was handed back to the queue meanwhile. */
export async function releaseHolder(c: pg.ClientBase, S: string, jobId: string, holder: number): Promise<boolean> {
  const r = await c.query(`DELETE FROM ${S}.job_holders WHERE job_id = $1 AND holder = $2`, [jobId, holder]);
  return (r.rowCount ?? 0) > 0;
}

export async function dropHolders(c: pg.ClientBase, S: string, jobIds: readonly string[]): Promise<void> {
  await c.query(`DELETE FROM ${S}.job_holders WHERE job_id = ANY($1::uuid[])`, [[...jobIds]]);
}

/**
 * Active jobs of `queue` whose holder's lock is held by no session: the holder's process is gone,
 * or its connection is. Fetched on this server run: at once. Fetched before the server restarted:
 * once `graceSeconds` have passed since the start, which a live holder uses to take its lock back.
 * Row-locked (SKIP LOCKED: two callers never hand back the same job) until the transaction ends.
 */
export async function orphanedJobs(c: pg.ClientBase, S: string, Q: string, queue: string, space: number, graceSeconds: number): Promise<string[]> {
  const r = await c.query<{ id: string }>(
    `WITH alive AS (
       SELECT objid::int8 AS holder FROM pg_locks
       WHERE locktype = 'advisory' AND objsubid = 2 AND granted AND classid::int8 = $2
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
     )
     SELECT h.job_id AS id FROM ${S}.job_holders h
     JOIN ${Q}.job j ON j.name = h.queue AND j.id = h.job_id AND j.state = 'active'
     WHERE h.queue = $1 AND h.holder NOT IN (SELECT holder FROM alive)
       AND (h.server_start = pg_postmaster_start_time() OR now() >= pg_postmaster_start_time() + $3 * interval '1 second')
     ORDER BY h.job_id
     FOR UPDATE OF h SKIP LOCKED`,
    [queue, space, graceSeconds],
  );
  return r.rows.map((row) => row.id);
}

/** Active jobs recorded under `holder` that its process does not know it holds (their fetch reply was lost), row-locked. */
export async function unknownJobs(
  c: pg.ClientBase, S: string, Q: string, holder: number, known: readonly string[],
): Promise<{ id: string; queue: string }[]> {
  const r = await c.query<{ id: string; queue: string }>(
    `SELECT h.job_id AS id, h.queue FROM ${S}.job_holders h
     JOIN ${Q}.job j ON j.name = h.queue AND j.id = h.job_id AND j.state = 'active'
     WHERE h.holder = $1 AND NOT (h.job_id = ANY($2::uuid[]))
     ORDER BY h.job_id
     FOR UPDATE OF h`,
    [holder, [...known]],
  );
  return r.rows;
}
