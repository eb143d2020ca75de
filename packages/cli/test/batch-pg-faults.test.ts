import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '@planner/contracts';
import { createPostgresStore } from '@planner/store/postgres';
import { startPgServer } from '@planner/store/testing';
import type { PgServer } from '@planner/store/testing';
import { STOPPED_EXIT_CODE } from '../src/commands/batch.js';
import { monteCarloToml, runPlanner, sleep, spawnPlanner, universe30, withoutTimings, writeFile } from './batch-helpers.js';
import type { CliChild } from './batch-helpers.js';
import { cli, scenarioDir, startCli } from './helpers.js';
import { testTempDir } from './temp-store.js';

// Stopping and failing with a PostgreSQL store, through the real `planner` processes (issue 14 point 4).
let server: PgServer;
// initdb and the first start take many seconds on a loaded machine.
beforeAll(async () => {
  server = await startPgServer();
}, 180_000);
afterAll(() => server?.stop(), 120_000);

async function sql<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text, values)).rows;
  } finally {
    await c.end();
  }
}

async function counts(url: string): Promise<{ sequences: number; evaluations: number; distinct: number }> {
  const [row] = await sql<{ s: string; e: string; d: string }>(url,
    'SELECT (SELECT count(*) FROM planner.sequences) AS s, (SELECT count(*) FROM planner.evaluations) AS e, (SELECT count(DISTINCT sequence_hash) FROM planner.evaluations) AS d');
  return { sequences: Number(row?.s), evaluations: Number(row?.e), distinct: Number(row?.d) };
}

/** The bucket's queue as the store reports it. */
async function queueOf(url: string, bucket = 'core') {
  const store = await createPostgresStore({ connectionString: url });
  try {
    return await store.queue!.status(bucket);
  } finally {
    await store.close();
  }
}

/** Waits until the run has stored its sequences (one transaction), so it is evaluating them. */
async function waitForSequences(url: string, run: CliChild): Promise<void> {
  let exited = false;
  void run.exited.then(() => (exited = true));
  for (let i = 0; i < 2400; i++) {
    if ((await counts(url).catch(() => ({ sequences: 0 }))).sequences > 0) return;
    if (exited) throw new Error(`the batch process exited early: ${run.err()}`);
    await sleep(50);
  }
  throw new Error('no sequences stored');
}

describe('planner batch and worker, PostgreSQL: a stop costs nothing', () => {
  it('SIGINT inside the batch in hand: exit 130, what was evaluated is kept, the job is given back, and a rerun finishes it at once', async () => {
    const url = await server.createDatabase('sigint');
    const toml = writeFile(testTempDir('sigint'), 'mc.toml', monteCarloToml(500));
    expect((await cli('bucket', 'add', 'core', '--pg', url, '--config', toml)).code).toBe(0);
    // One job holds every sequence: a stop that waited for the batch in hand would finish the work and print the plan.
    const args = ['batch', '--pg', url, '--bucket', 'core', '--snapshot', universe30, '--batch-size', '100000', '--json'];
    const run = spawnPlanner(args);
    await waitForSequences(url, run);
    run.proc.kill('SIGINT');
    expect(await run.exited).toBe(STOPPED_EXIT_CODE);
    expect(run.out()).toBe('');
    const stopped = await counts(url);
    expect(run.err()).toContain(`stopped: ${stopped.evaluations}/${stopped.sequences} sequences of bucket core evaluated; run the same command to resume`);
    expect(stopped.evaluations).toBeLessThan(stopped.sequences);
    // The job is queued again, not leased: the rerun does not wait out the 300 s lease.
    expect(await queueOf(url)).toEqual({ queued: 1, active: 0, failed: [] });
    const resumed = await runPlanner(args);
    expect(resumed.code).toBe(0);
    expect(resumed.err).toContain(`(${stopped.sequences - stopped.evaluations} in this run, resumed)`);
    expect(await counts(url)).toEqual({ sequences: stopped.sequences, evaluations: stopped.sequences, distinct: stopped.sequences });
    const expected = JSON.parse((await cli('plan', universe30, '--config', toml, '--json')).out) as Plan;
    expect(withoutTimings(JSON.parse(resumed.out) as Plan)).toEqual(withoutTimings(expected));
  }, 300_000);

  it('SIGTERM on a worker inside its batch: it stops at once (exit 0), keeps what it evaluated, and the next worker takes the job now', async () => {
    const url = await server.createDatabase('worker_sigterm');
    const toml = writeFile(testTempDir('worker-sigterm'), 'mc.toml', monteCarloToml(500));
    expect((await cli('bucket', 'add', 'core', '--pg', url, '--config', toml)).code).toBe(0);
    const queued = spawnPlanner(['batch', '--pg', url, '--bucket', 'core', '--snapshot', universe30, '--batch-size', '100000', '--no-evaluate', '--json']);
    await queued.waitFor((l) => l.startsWith('! waiting for `planner worker` processes: 1 batch queued'));
    const victim = spawnPlanner(['worker', '--pg', url]);
    await victim.waitFor((l) => l.startsWith('! worker ready'));
    for (let active = 0; active === 0; ) {
      active = (await queueOf(url)).active;
      if (active === 0) await sleep(50);
    }
    victim.proc.kill('SIGTERM');
    expect(await victim.exited).toBe(0);
    const stopped = await counts(url);
    // Stopped inside its only batch: no batch finished, the evaluated sequences recorded.
    expect(victim.err()).toContain(`worker stopped: 0 batches, ${stopped.evaluations} sequences`);
    expect(stopped.evaluations).toBeLessThan(stopped.sequences);
    expect(await queueOf(url)).toEqual({ queued: 1, active: 0, failed: [] });
    const next = spawnPlanner(['worker', '--pg', url]);
    expect(await queued.exited).toBe(0);
    const done = next.waitFor((l) => l.startsWith('! worker stopped:'));
    next.proc.kill('SIGTERM');
    expect(await done).toBe(`! worker stopped: 1 batches, ${stopped.sequences - stopped.evaluations} sequences`);
    expect(await counts(url)).toEqual({ sequences: stopped.sequences, evaluations: stopped.sequences, distinct: stopped.sequences });
    const expected = JSON.parse((await cli('plan', universe30, '--config', toml, '--json')).out) as Plan;
    expect(withoutTimings(JSON.parse(queued.out()) as Plan)).toEqual(withoutTimings(expected));
  }, 300_000);

  it('SIGTERM on a worker waiting for a lost server, and SIGINT on a batch: both stop at once, not after the 60 s reconnect window; the rerun takes their jobs back at once', async () => {
    const url = await server.createDatabase('lost_server');
    const toml = writeFile(testTempDir('lost-server'), 'mc.toml', monteCarloToml(500));
    expect((await cli('bucket', 'add', 'core', '--pg', url, '--config', toml)).code).toBe(0);
    const worker = spawnPlanner(['worker', '--pg', url]);
    await worker.waitFor((l) => l.startsWith('! worker ready'));
    const args = ['batch', '--pg', url, '--bucket', 'core', '--snapshot', universe30, '--batch-size', '50', '--json'];
    const batch = spawnPlanner(args);
    await waitForSequences(url, batch);
    // Some job is in hand when the server goes: the stopped processes cannot give it back.
    while ((await queueOf(url)).active === 0) await sleep(50);
    server.halt('fast');
    try {
      await worker.waitFor((l) => l.startsWith('! postgres: lost the connection'));
      await batch.waitFor((l) => l.startsWith('! postgres: lost the connection'));
      worker.proc.kill('SIGTERM');
      batch.proc.kill('SIGINT');
      // Before the fix both waited out the reconnect window and then failed (exit 1).
      expect(await worker.exited).toBe(0);
      expect(worker.err()).toMatch(/worker stopped: \d+ batches, \d+ sequences\n$/);
      expect(await batch.exited).toBe(STOPPED_EXIT_CODE);
      expect(batch.err()).toMatch(/stopped: postgres store '.*': stopped while waiting for the lost server \(in .*\); run the same command to resume\n$/);
      expect(batch.out()).toBe('');
    } finally {
      server.restart();
    }
    // Their jobs are still leased (300 s) to processes that are gone; the rerun hands them back once the
    // server's restart grace (10 s) has passed, so it finishes long before the lease (and this test's timeout).
    expect((await queueOf(url)).active).toBeGreaterThan(0);
    const resumed = await runPlanner(args);
    expect(resumed.code).toBe(0);
    expect(await queueOf(url)).toEqual({ queued: 0, active: 0, failed: [] });
    const done = await counts(url);
    expect(done).toEqual({ sequences: done.sequences, evaluations: done.sequences, distinct: done.sequences });
    const expected = JSON.parse((await cli('plan', universe30, '--config', toml, '--json')).out) as Plan;
    expect(withoutTimings(JSON.parse(resumed.out) as Plan)).toEqual(withoutTimings(expected));
  }, 240_000);
});

describe('planner worker, PostgreSQL: a restarted database', () => {
  it('the database restarted while workers evaluate: the worker process reconnects and the run finishes with the plan of plan()', async () => {
    const url = await server.createDatabase('worker_restart');
    const toml = writeFile(testTempDir('worker-restart'), 'mc.toml', monteCarloToml(100));
    expect((await cli('bucket', 'add', 'core', '--pg', url, '--config', toml)).code).toBe(0);
    const worker = spawnPlanner(['worker', '--pg', url]);
    await worker.waitFor((l) => l.startsWith('! worker ready'));
    const run = spawnPlanner(['batch', '--pg', url, '--bucket', 'core', '--snapshot', universe30, '--batch-size', '50', '--no-evaluate', '--json']);
    for (;;) {
      if ((await counts(url).catch(() => ({ evaluations: 0 }))).evaluations >= 100) break;
      await sleep(100);
    }
    server.halt('fast');
    await worker.waitFor((l) => l.startsWith('! postgres: lost the connection'));
    server.restart();
    // Before the fix the worker died with "Unhandled 'error' event", and the run waited for workers forever.
    expect(await run.exited).toBe(0);
    const stopped = worker.waitFor((l) => l.startsWith('! worker stopped:'));
    worker.proc.kill('SIGTERM');
    await stopped;
    expect(await worker.exited).toBe(0);
    expect(worker.err()).not.toMatch(/Unhandled|at .*\.js:\d+/);
    const c = await counts(url);
    expect(c).toEqual({ sequences: c.sequences, evaluations: c.sequences, distinct: c.sequences });
    const expected = JSON.parse((await cli('plan', universe30, '--config', toml, '--json')).out) as Plan;
    expect(withoutTimings(JSON.parse(run.out()) as Plan)).toEqual(withoutTimings(expected));
  }, 300_000);
});

describe('planner batch and bucket show, PostgreSQL: failed batches end to end', () => {
  it('a batch whose retries ran out: batch and bucket show name it with its error; --retry-failed queues it again and the run finishes', async () => {
    const url = await server.createDatabase('failed');
    const snapshot = join(scenarioDir, 'rebalance_country_industry.input.json');
    expect((await cli('bucket', 'add', 'core', '--pg', url, '--preset', 'default')).code).toBe(0);
    const args = ['batch', '--pg', url, '--bucket', 'core', '--snapshot', snapshot, '--batch-size', '20', '--json'];
    // In-process (batch and worker in the test's process): nothing here depends on the processes or their signals.
    const run = startCli(...args, '--no-evaluate');
    const waiting = await run.errLine(/^waiting for `planner worker` processes:/);
    const jobs = Number(/: (\d+) batch/.exec(waiting)?.[1]);
    expect(jobs).toBeGreaterThan(1);
    // A worker that cannot rebuild the work (its description is gone) fails every batch until the retries run out.
    const [saved] = await sql<{ data: string }>(url, 'SELECT data FROM planner.work WHERE bucket = $1', ['core']);
    await sql(url, 'UPDATE planner.work SET data = NULL WHERE bucket = $1', ['core']);
    const worker = startCli('worker', '--pg', url);
    await worker.errLine(/^worker ready/);
    const failed = await run.done;
    expect(failed.code).toBe(1);
    expect(failed.out).toBe('');
    const cause = "bucket 'core': no work description is stored with the work";
    expect(failed.err).toContain(`error: ${jobs} batches of bucket core failed for good (retries ran out): sequences 0-19: ${cause}; sequences 20-`);
    expect(failed.err).toMatch(/; fix the cause and run again with --retry-failed\n$/);
    process.emit('SIGTERM');
    const stopped = await worker.done;
    expect(stopped.code).toBe(0);
    expect(stopped.err).toContain('worker stopped: 0 batches, 0 sequences\n');

    const show = await cli('bucket', 'show', 'core', '--pg', url);
    expect(show.code).toBe(0);
    expect(show.out).toContain(`queue: 0 batches queued, 0 being evaluated, ${jobs} failed\n`);
    expect(show.out).toContain(`  failed: sequences 0-19: ${cause} (planner batch --retry-failed queues it again)\n`);

    // The cause fixed, --retry-failed queues the batches again and this run evaluates them.
    await sql(url, 'UPDATE planner.work SET data = $2 WHERE bucket = $1', ['core', saved?.data]);
    const retried = await cli(...args, '--retry-failed');
    expect(retried.code).toBe(0);
    expect(retried.err).toContain(`queued ${jobs} failed batches of bucket core again`);
    const expected = JSON.parse((await cli('plan', snapshot, '--preset', 'default', '--json')).out) as Plan;
    expect(withoutTimings(JSON.parse(retried.out) as Plan)).toEqual(withoutTimings(expected));
    const c = await counts(url);
    expect(c).toEqual({ sequences: expected.funnel.feasible, evaluations: expected.funnel.feasible, distinct: expected.funnel.feasible });
    expect((await cli('bucket', 'show', 'core', '--pg', url)).out).toContain('queue: 0 batches queued, 0 being evaluated, 0 failed\n');
  }, 300_000);
});
