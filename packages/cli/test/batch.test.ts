import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Plan } from '@planner/contracts';
import { createSqliteStore } from '@planner/store/sqlite';
import { progressLine, progressText } from '../src/commands/progress-line.js';
import { STOPPED_EXIT_CODE } from '../src/commands/batch.js';
import { defaultStoreLoaders, type StoreLoaders } from '../src/commands/store-drivers.js';
import { standardModules } from '../src/modules.js';
import { run } from '../src/program.js';
import { aggressiveToml, monteCarloToml, universe30, withoutTimings, writeFile } from './batch-helpers.js';
import { useTempStore } from './temp-store.js';
import { cli } from './helpers.js';

const temp = useTempStore('batch');

const count = (sql: string): number => {
  const d = new Database(temp.db, { readonly: true });
  try {
    return (d.prepare(sql).pluck().get() as number) ?? 0;
  } finally {
    d.close();
  }
};

describe('planner batch (sqlite)', () => {
  it('prints the same Plan JSON as planner plan, then resumes finished work without evaluating again', async () => {
    const toml = writeFile(temp.dir, 'aggressive.toml', aggressiveToml());
    expect((await cli('bucket', 'add', 'core', '--db', temp.db, '--config', toml)).code).toBe(0);
    const batch = await cli('batch', '--db', temp.db, '--bucket', 'core', '--snapshot', universe30, '--seed', '110', '--batch-size', '250', '--json');
    expect(batch.code).toBe(0);
    const plan = await cli('plan', universe30, '--config', toml, '--seed', '110', '--json');
    const got = JSON.parse(batch.out) as Plan;
    expect(withoutTimings(got)).toEqual(withoutTimings(JSON.parse(plan.out) as Plan));
    expect(batch.err).toContain(`bucket core: ${got.funnel.feasible}/${got.funnel.feasible} sequences evaluated (${got.funnel.feasible} in this run, freshly generated)`);
    expect(count('SELECT count(*) FROM evaluations')).toBe(got.funnel.feasible);
    const again = await cli('batch', '--db', temp.db, '--bucket', 'core', '--snapshot', universe30, '--seed', '110', '--json');
    expect(again.err).toContain('(0 in this run, resumed)');
    expect(withoutTimings(JSON.parse(again.out) as Plan)).toEqual(withoutTimings(got));
    // The text form is the plan command's text form.
    const text = await cli('batch', '--db', temp.db, '--bucket', 'core', '--snapshot', universe30, '--seed', '110');
    expect(text.out).toContain('(bucket core) (config aggressive, seed 110)');
    expect(text.out).toContain('Funnel: opportunities 29');
  });

  it('a changed configuration, seed or snapshot restarts the bucket\'s work; the plan follows the change', async () => {
    expect((await cli('bucket', 'add', 'core', '--db', temp.db, '--preset', 'default')).code).toBe(0);
    const first = await cli('batch', '--db', temp.db, '--bucket', 'core', '--snapshot', universe30, '--json');
    expect(first.err).toContain('freshly generated');
    expect((await cli('bucket', 'set-config', 'core', '--db', temp.db, '--preset', 'conservative')).code).toBe(0);
    const changed = await cli('batch', '--db', temp.db, '--bucket', 'core', '--snapshot', universe30, '--json');
    expect(changed.err).toContain('freshly generated');
    const conservative = await cli('plan', universe30, '--preset', 'conservative', '--json');
    expect(withoutTimings(JSON.parse(changed.out) as Plan)).toEqual(withoutTimings(JSON.parse(conservative.out) as Plan));
    expect(count('SELECT count(*) FROM sequences')).toBe((JSON.parse(changed.out) as Plan).funnel.feasible);
    const seeded = await cli('batch', '--db', temp.db, '--bucket', 'core', '--snapshot', universe30, '--seed', '5');
    expect(seeded.err).toContain('freshly generated');
    const snap = writeFile(temp.dir, 'richer.json', JSON.stringify({ ...JSON.parse(readFileSync(universe30, 'utf8')), cash: { EUR: 9000 } }));
    const richer = await cli('batch', '--db', temp.db, '--bucket', 'core', '--snapshot', snap, '--seed', '5');
    expect(richer.err).toContain('freshly generated');
  });

  it('errors: unknown bucket, bad options, missing snapshot', async () => {
    await createSqliteStore({ path: temp.db }).close();
    expect((await cli('batch', '--db', temp.db, '--bucket', 'nope', '--snapshot', universe30)).err).toContain("bucket 'nope' does not exist");
    expect((await cli('batch', '--bucket', 'core', '--snapshot', universe30)).code).toBe(2);
    expect((await cli('batch', '--db', temp.db, '--bucket', 'core', '--snapshot', universe30, '--batch-size', '0')).code).toBe(2);
    expect((await cli('batch', '--db', temp.db, '--bucket', 'core', '--snapshot', join(temp.dir, 'none.json'))).code).toBe(2);
    expect((await cli('batch', '--db', temp.db, '--snapshot', universe30)).code).not.toBe(0);
  });
});

describe('planner batch stopped (sqlite, in-process)', () => {
  it('a stop request (SIGINT) after the first batch: exit 130, what is kept and how to resume; the same command then finishes it', async () => {
    const toml = writeFile(temp.dir, 'mc.toml', monteCarloToml(100));
    expect((await cli('bucket', 'add', 'core', '--db', temp.db, '--config', toml)).code).toBe(0);
    // The signal arrives at a known point: right after the first batch's results are recorded.
    const stopAfterFirstBatch: StoreLoaders = {
      ...defaultStoreLoaders,
      sqlite: async () => {
        const sqlite = await defaultStoreLoaders.sqlite();
        return {
          ...sqlite,
          createSqliteStore: (options) => {
            const store = sqlite.createSqliteStore(options);
            let sent = false;
            return {
              ...store,
              async recordResults(key, results) {
                await store.recordResults(key, results);
                if (!sent) process.emit('SIGINT');
                sent = true;
              },
            };
          },
        };
      },
    };
    const args = ['batch', '--db', temp.db, '--bucket', 'core', '--snapshot', universe30, '--batch-size', '50', '--json'];
    let out = '';
    let err = '';
    const code = await run(args, { out: (s) => { out += s; }, err: (s) => { err += s; } }, standardModules(), stopAfterFirstBatch);
    expect(code).toBe(STOPPED_EXIT_CODE);
    expect(out).toBe('');
    const evaluated = count('SELECT count(*) FROM evaluations');
    const total = count('SELECT count(*) FROM sequences');
    expect(evaluated).toBe(50);
    expect(err).toContain(`stopped: ${evaluated}/${total} sequences of bucket core evaluated; run the same command to resume\n`);
    expect(process.listenerCount('SIGINT') + process.listenerCount('SIGTERM')).toBe(0);
    const resumed = await cli(...args);
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toContain(`${total}/${total} sequences evaluated (${total - evaluated} in this run, resumed)`);
  }, 120_000);
});

describe('progress line', () => {
  const event = { type: 'batch-finished', bucket: 'core', done: 1200, total: 4000, bestScore: 71.234, rate: 1520.4 } as const;

  it('shows a bar, done/total, the best score so far and the rate', () => {
    expect(progressText(event)).toBe('[#######.................] 1200/4000 30.0%  best 71.23  1520 seq/s');
    expect(progressText({ ...event, done: 0, bestScore: null, rate: 0 })).toBe('[........................] 0/4000 0.0%  best -  0 seq/s');
    expect(progressText({ ...event, done: 0, total: 0 })).toBe('[........................] 0/0 0.0%  best 71.23  1520 seq/s');
  });

  it('draws in place on a TTY only', () => {
    let tty = '';
    const line = progressLine((s) => (tty += s), true);
    line.onEvent(event);
    line.onEvent({ ...event, done: 4000 });
    line.end();
    expect(tty).toBe(`\r\u001b[2K${progressText(event)}\r\u001b[2K${progressText({ ...event, done: 4000 })}\n`);
    let pipe = '';
    const quiet = progressLine((s) => (pipe += s), false);
    quiet.onEvent(event);
    quiet.end();
    expect(pipe).toBe('');
  });
});
