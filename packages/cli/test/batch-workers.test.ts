import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBucketService } from '@planner/buckets';
import { parseConfig } from '@planner/config';
import type { Plan, StoredResult } from '@planner/contracts';
import { parseSnapshot } from '@planner/context';
import { createPlanner } from '@planner/planner';
import { createPostgresStore } from '@planner/store/postgres';
import { startPgServer } from '@planner/store/testing';
import type { PgServer } from '@planner/store/testing';
import { standardModules } from '../src/modules.js';
import { monteCarloToml, sleep, sliceFile, spawnPlanner, taggedCopy, tempDir, universe30, withoutTimings, writeFile } from './batch-helpers.js';
import { cli, scenarioDir, startCli } from './helpers.js';
import { testTempDir } from './temp-store.js';

const modules = standardModules();
const snapshot = parseSnapshot(readFileSync(universe30, 'utf8'));
// Monte Carlo with 100 paths over the aggressive search: about 3 800 sequences in about 40 jobs, enough
// for four workers to share. Whether four are faster than one is a benchmark's question
// (bench/batch-throughput.ts), not a test's: it depends on the machine's load.
const toml = monteCarloToml(100);
const BATCH = 100;

let server: PgServer;
// initdb and the first start take many seconds on a loaded machine.
beforeAll(async () => {
  server = await startPgServer();
}, 180_000);
afterAll(() => server?.stop(), 120_000);

interface RunStats {
  readonly total: number;
  readonly best: StoredResult | null;
  readonly perWorker: { batches: number; sequences: number }[];
  readonly rows: { rows: number; distinct: number };
  readonly plan: Plan;
}

async function runWorkers(workers: number): Promise<RunStats> {
  const url = await server.createDatabase(`workers_${workers}`);
  const store = await createPostgresStore({ connectionString: url, batchSize: BATCH });
  try {
    const service = createBucketService({ repository: store.buckets, modules, store });
    await service.add({ id: 'core', kind: 'core', config: { toml }, share: 1 });
    const children = Array.from({ length: workers }, () => spawnPlanner(['worker', '--pg', url]));
    await Promise.all(children.map((c) => c.waitFor((l) => l.startsWith('! worker ready'))));
    // Generate and queue the work; the workers take the batches from here on.
    const queued = await service.runBatch('core', snapshot, { store, batchSize: BATCH, evaluate: false, wait: false });
    expect(queued.status).toBe('pending');
    let progress = await store.progress(queued.key);
    while (!progress.finished) {
      await sleep(250); // counting rows costs the server CPU the workers need: look rarely
      progress = await store.progress(queued.key);
    }
    const stopped = children.map((c) => c.waitFor((l) => l.startsWith('! worker stopped:'), 60_000));
    for (const c of children) c.proc.kill('SIGTERM');
    const perWorker = (await Promise.all(stopped)).map((l) => {
      const m = /worker stopped: (\d+) batches, (\d+) sequences/.exec(l);
      return { batches: Number(m?.[1]), sequences: Number(m?.[2]) };
    });
    for (const c of children) expect(await c.exited).toBe(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const r = await client.query<{ rows: string; distinct: string }>(
      'SELECT count(*) AS rows, count(DISTINCT sequence_hash) AS distinct FROM planner.evaluations',
    );
    await client.end();
    // The plan: `planner batch` finds the work finished and assembles it.
    const batch = await cli('batch', '--pg', url, '--bucket', 'core', '--snapshot', universe30, '--batch-size', String(BATCH), '--json');
    expect(batch.code).toBe(0);
    expect(batch.err).toContain('(0 in this run, resumed)');
    return {
      total: progress.total, best: await store.best(queued.key), perWorker,
      rows: { rows: Number(r.rows[0]?.rows), distinct: Number(r.rows[0]?.distinct) }, plan: JSON.parse(batch.out) as Plan,
    };
  } finally {
    await store.close();
  }
}

describe('planner worker: PostgreSQL, one bucket', () => {
  it('four worker processes: every sequence evaluated exactly once, the best and the plan of one worker and of plan()', async () => {
    const one = await runWorkers(1);
    const four = await runWorkers(4);
    for (const run of [one, four]) {
      expect(run.rows).toEqual({ rows: run.total, distinct: run.total });
      expect(run.perWorker.reduce((s, w) => s + w.sequences, 0)).toBe(run.total);
      expect(run.perWorker.reduce((s, w) => s + w.batches, 0)).toBe(Math.ceil(run.total / BATCH));
    }
    // The queue shares the work (how evenly depends on the machine, so only "more than one" is asserted).
    expect(four.perWorker.filter((w) => w.batches > 0).length).toBeGreaterThan(1);
    expect(four.total).toBe(one.total);
    expect(four.best).toEqual(one.best);
    const full = await createPlanner({ config: parseConfig(toml, { modules }), modules }).plan(snapshot);
    expect(withoutTimings(one.plan)).toEqual(withoutTimings(full));
    expect(withoutTimings(four.plan)).toEqual(withoutTimings(one.plan));
  }, 300_000);

  it('the database restarted mid-run: planner batch does not crash, reconnects and prints the plan of plan()', async () => {
    const url = await server.createDatabase('restart');
    const toml = writeFile(testTempDir('restart'), 'mc.toml', monteCarloToml(100));
    expect((await cli('bucket', 'add', 'core', '--pg', url, '--config', toml)).code).toBe(0);
    const run = spawnPlanner(['batch', '--pg', url, '--bucket', 'core', '--snapshot', universe30, '--batch-size', '50', '--json']);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    // Wait until some batches are recorded, then stop the server (every connection is cut) and start it again.
    for (;;) {
      const r = await c.query<{ n: string }>('SELECT count(*) AS n FROM planner.evaluations').catch(() => ({ rows: [{ n: '0' }] }));
      if (Number(r.rows[0]?.n) >= 100) break;
      await sleep(100);
    }
    await c.end();
    server.halt('fast');
    await sleep(1500);
    server.restart();
    expect(await run.exited).toBe(0);
    expect(run.err()).toMatch(/postgres: lost the connection in \S+/);
    expect(run.err()).not.toMatch(/Unhandled|at .*\.js:\d+/);
    const expected = JSON.parse((await cli('plan', universe30, '--config', toml, '--json')).out) as Plan;
    expect(withoutTimings(JSON.parse(run.out()) as Plan)).toEqual(withoutTimings(expected));
    // Below the store's 300 s lease: a halt that cuts a job fetch the server had committed used to leave
    // that job leased to nobody until the lease ended (a fresh-clone run once finished only after it).
    // The fetch now records its holder in its transaction, and the batch hands such a job back itself.
  }, 240_000);

  // In-process (batch and worker in the test's process, SIGTERM emitted to it): the processes and their signals are the other tests'.
  it('planner batch --no-evaluate with no worker says it waits, and how much is queued; a worker started later finishes it', async () => {
    const url = await server.createDatabase('waiting');
    const sat = join(scenarioDir, 'rebalance_country_industry.input.json');
    expect((await cli('bucket', 'add', 'core', '--pg', url, '--preset', 'default')).code).toBe(0);
    const batch = startCli('batch', '--pg', url, '--bucket', 'core', '--snapshot', sat, '--batch-size', '20', '--no-evaluate', '--json');
    const waiting = await batch.errLine(/^waiting for `planner worker` processes:/);
    expect(waiting).toMatch(/: \d+ batch(es)? queued, none being evaluated$/);
    const show = await cli('bucket', 'show', 'core', '--pg', url);
    expect(show.out).toMatch(/^queue: [1-9]\d* batches queued, 0 being evaluated, 0 failed$/m);
    const worker = startCli('worker', '--pg', url, '--concurrency', '2');
    expect(await worker.errLine(/^worker ready/)).toBe('worker ready (concurrency 2)');
    const finished = await batch.done;
    expect(finished.code, finished.err).toBe(0);
    const plan = JSON.parse(finished.out) as Plan;
    const expected = JSON.parse((await cli('plan', sat, '--preset', 'default', '--json')).out) as Plan;
    expect(withoutTimings(plan)).toEqual(withoutTimings(expected));
    process.emit('SIGTERM');
    const stopped = await worker.done;
    expect(stopped.code, stopped.err).toBe(0);
    expect(stopped.err).toContain(`worker stopped: ${Math.ceil(plan.funnel.feasible / 20)} batches, ${plan.funnel.feasible} sequences\n`);
    expect(process.listenerCount('SIGTERM') + process.listenerCount('SIGINT')).toBe(0);
  }, 300_000);

  it('planner batch --no-evaluate on two buckets at once: two workers serve both, each bucket gets its own plan', async () => {
    const url = await server.createDatabase('two_buckets');
    const dir = tempDir('two-buckets');
    const sat = taggedCopy(dir, join(scenarioDir, 'rebalance_country_industry.input.json'), 'sat');
    expect((await cli('bucket', 'add', 'core', '--pg', url, '--preset', 'aggressive', '--share', '0.8')).code).toBe(0);
    expect((await cli('bucket', 'add', 'sat', '--pg', url, '--preset', 'default', '--kind', 'satellite', '--share', '0.2')).code).toBe(0);
    const workers = [spawnPlanner(['worker', '--pg', url]), spawnPlanner(['worker', '--pg', url, '--concurrency', '2'])];
    await Promise.all(workers.map((c) => c.waitFor((l) => l.startsWith('! worker ready'))));
    const runs = [
      spawnPlanner(['batch', '--pg', url, '--bucket', 'core', '--snapshot', universe30, '--batch-size', '100', '--no-evaluate', '--json']),
      spawnPlanner(['batch', '--pg', url, '--bucket', 'sat', '--snapshot', sat, '--batch-size', '20', '--no-evaluate', '--json']),
    ];
    expect(await Promise.all(runs.map((r) => r.exited))).toEqual([0, 0]);
    for (const r of runs) expect(r.err()).toMatch(/\(0 in this run, freshly generated\)/);
    const [core, satellite] = runs.map((r) => JSON.parse(r.out()) as Plan);
    // Each bucket plans its own part: the core 80 % of universe_30's cash, the satellite 20 % of its snapshot's.
    const registry = [{ id: 'core', share: 0.8 }, { id: 'sat', share: 0.2 }];
    const expectedCore = JSON.parse((await cli('plan', sliceFile(dir, universe30, 'core', registry), '--preset', 'aggressive', '--json')).out) as Plan;
    const expectedSat = JSON.parse((await cli('plan', sliceFile(dir, sat, 'sat', registry), '--preset', 'default', '--json')).out) as Plan;
    expect(withoutTimings(core)).toEqual(withoutTimings(expectedCore));
    expect(withoutTimings(satellite)).toEqual(withoutTimings(expectedSat));
    const stopped = workers.map((c) => c.waitFor((l) => l.startsWith('! worker stopped:'), 60_000));
    for (const c of workers) c.proc.kill('SIGTERM');
    const evaluated = (await Promise.all(stopped)).map((l) => Number(/(\d+) sequences/.exec(l)?.[1]));
    expect(evaluated.reduce((a, b) => a + b, 0)).toBe(core!.funnel.feasible + satellite!.funnel.feasible);
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
