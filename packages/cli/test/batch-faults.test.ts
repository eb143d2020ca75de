import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Plan } from '@planner/contracts';
import { STOPPED_EXIT_CODE } from '../src/commands/batch.js';
import { monteCarloToml, runPlanner, sleep, spawnPlanner, universe30, withoutTimings, writeFile } from './batch-helpers.js';
import { useTempStore } from './temp-store.js';
import { cli } from './helpers.js';

const temp = useTempStore('faults');

function counts(): { sequences: number; evaluations: number; distinct: number } {
  const d = new Database(temp.db);
  try {
    const one = (sql: string) => d.prepare(sql).pluck().get() as number;
    return {
      sequences: one('SELECT count(*) FROM sequences'),
      evaluations: one('SELECT count(*) FROM evaluations'),
      distinct: one('SELECT count(DISTINCT sequence_hash) FROM evaluations'),
    };
  } finally {
    d.close();
  }
}

async function waitForEvaluations(atLeast: number, child: { exited: Promise<unknown> }): Promise<number> {
  let exited = false;
  void child.exited.then(() => (exited = true));
  for (let i = 0; i < 6000; i++) {
    const n = counts().evaluations;
    if (n >= atLeast) return n;
    if (exited) throw new Error('the batch process exited early');
    await sleep(10);
  }
  throw new Error('no progress');
}

/** Waits until the run has stored its sequences (one transaction) and so is evaluating them. */
async function waitForSequences(child: { exited: Promise<unknown> }): Promise<void> {
  let exited = false;
  void child.exited.then(() => (exited = true));
  for (let i = 0; i < 12000; i++) {
    if (existsSync(temp.db) && counts().sequences > 0) return;
    if (exited) throw new Error('the batch process exited early');
    await sleep(10);
  }
  throw new Error('no sequences stored');
}

const BATCH = 400;
const args = (...extra: string[]) => ['batch', '--db', temp.db, '--bucket', 'core', '--snapshot', universe30, '--batch-size', String(BATCH), ...extra];

describe('planner batch faults (sqlite, real processes)', () => {
  it('SIGKILL in the middle of a batch: the next run resumes, every sequence is evaluated once, the plan equals the uninterrupted one', async () => {
    const toml = writeFile(temp.dir, 'mc.toml', monteCarloToml(500));
    expect((await cli('bucket', 'add', 'core', '--db', temp.db, '--config', toml)).code).toBe(0);
    const victim = spawnPlanner(args('--json'));
    await waitForEvaluations(BATCH, victim);
    await sleep(60); // inside the next batch (a batch takes a few hundred ms)
    victim.proc.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    const atKill = counts();
    expect(victim.out()).toBe(''); // no plan from a killed run
    // Results are recorded per batch: the batch in flight was lost whole, the earlier ones are kept.
    expect(atKill.evaluations % BATCH).toBe(0);
    expect(atKill.evaluations).toBeGreaterThanOrEqual(BATCH);
    expect(atKill.evaluations).toBeLessThan(atKill.sequences);

    const resumed = await runPlanner(args('--json'));
    expect(resumed.code).toBe(0);
    expect(resumed.err).toContain(`${atKill.sequences}/${atKill.sequences} sequences evaluated (${atKill.sequences - atKill.evaluations} in this run, resumed)`);
    expect(counts()).toEqual({ sequences: atKill.sequences, evaluations: atKill.sequences, distinct: atKill.sequences });
    const uninterrupted = await cli('plan', universe30, '--config', toml, '--json');
    const plan = JSON.parse(resumed.out) as Plan;
    expect(withoutTimings(plan)).toEqual(withoutTimings(JSON.parse(uninterrupted.out) as Plan));
    expect(plan.funnel.feasible).toBe(atKill.sequences);
  });

  it('SIGINT stops inside the batch in hand (exit 130), keeps what it evaluated, and the same command resumes', async () => {
    const toml = writeFile(temp.dir, 'mc.toml', monteCarloToml(500));
    expect((await cli('bucket', 'add', 'core', '--db', temp.db, '--config', toml)).code).toBe(0);
    // One batch holds every sequence: a stop that waited for the batch in hand would finish the work and print the plan.
    const one = ['batch', '--db', temp.db, '--bucket', 'core', '--snapshot', universe30, '--batch-size', '100000', '--json'];
    const run = spawnPlanner(one);
    await waitForSequences(run);
    run.proc.kill('SIGINT');
    expect(await run.exited).toBe(STOPPED_EXIT_CODE);
    const stopped = counts();
    expect(run.err()).toContain(`stopped: ${stopped.evaluations}/${stopped.sequences} sequences of bucket core evaluated; run the same command to resume`);
    expect(run.out()).toBe('');
    expect(stopped.evaluations).toBeLessThan(stopped.sequences);
    const resumed = await runPlanner(one);
    expect(resumed.code).toBe(0);
    expect(resumed.err).toContain(`(${stopped.sequences - stopped.evaluations} in this run, resumed)`);
    expect(counts()).toEqual({ sequences: stopped.sequences, evaluations: stopped.sequences, distinct: stopped.sequences });
    const uninterrupted = await cli('plan', universe30, '--config', toml, '--json');
    expect(withoutTimings(JSON.parse(resumed.out) as Plan)).toEqual(withoutTimings(JSON.parse(uninterrupted.out) as Plan));
  });

  it('a configuration changed mid-run: a clean restart, and the run with the old configuration never prints a plan', async () => {
    const toml = writeFile(temp.dir, 'big.toml', monteCarloToml(500, true));
    expect((await cli('bucket', 'add', 'core', '--db', temp.db, '--config', toml)).code).toBe(0);
    const old = spawnPlanner(args('--json'));
    await waitForEvaluations(BATCH, old);
    expect((await cli('bucket', 'set-config', 'core', '--db', temp.db, '--preset', 'default')).code).toBe(0);
    const fresh = await runPlanner(args('--json'));
    expect(fresh.code).toBe(0);
    expect(fresh.err).toContain('freshly generated');
    const expected = await cli('plan', universe30, '--preset', 'default', '--json');
    expect(withoutTimings(JSON.parse(fresh.out) as Plan)).toEqual(withoutTimings(JSON.parse(expected.out) as Plan));
    // The old run notices that its work was replaced and fails; it never prints a plan.
    expect(await old.exited).toBe(1);
    expect(old.out()).toBe('');
    expect(old.err()).toMatch(/error: .*(replaced|not open for this work key)/);
    // The store holds the new work only, complete.
    const c = counts();
    expect(c.evaluations).toBe(c.sequences);
    expect(c.sequences).toBe((JSON.parse(fresh.out) as Plan).funnel.feasible);
    // And a later run of the new configuration resumes it.
    const later = await cli('batch', '--db', temp.db, '--bucket', 'core', '--snapshot', universe30, '--json');
    expect(later.err).toContain('(0 in this run, resumed)');
  });
});
