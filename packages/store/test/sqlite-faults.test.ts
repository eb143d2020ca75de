import { chmodSync, closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '@planner/contracts';
import { createSqliteStore } from '../src/sqlite.js';
import { drain } from './contract.js';
import { evaluate, expectedBest, key, makeSequences, seededRandom } from './fixtures.js';
import { spawnChild } from './spawn.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'planner-sqlite-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function seeded(path: string, n: number) {
  const store = createSqliteStore({ path });
  const seqs = makeSequences(n);
  await store.open(key('core'));
  await store.put(key('core'), seqs);
  return { store, seqs };
}

describe('sqlite faults', () => {
  it('a process killed with SIGKILL mid-batch resumes: every sequence evaluated once, same best', async () => {
    const path = join(dir, 'work.db');
    const { store, seqs } = await seeded(path, 60);
    await store.close();
    const child = spawnChild('children/sqlite-runner.ts', [path, '40']);
    await child.waitFor((l) => l === 'recorded 10');
    await child.waitFor((l) => l === 'claimed 15');
    child.proc.kill('SIGKILL');
    await child.exited;
    expect(child.lines).not.toContain('recorded 15');

    const resumed = createSqliteStore({ path });
    const k = key('core');
    expect(await resumed.open(k)).toEqual({ hasSequences: true });
    expect(await resumed.progress(k)).toEqual({ total: 60, evaluated: 15, finished: false });
    expect(await drain(resumed, k)).toBe(45); // the killed batch again, nothing recorded twice
    expect(await resumed.results(k)).toEqual(seqs.map(evaluate));
    expect(await resumed.best(k)).toEqual(expectedBest(seqs));
    await resumed.close();
  });

  it('SIGKILL at seeded random points, 10 times in a row: every sequence evaluated exactly once, same results and best', async () => {
    const path = join(dir, 'work.db');
    const { store, seqs } = await seeded(path, 120);
    await store.close();
    const random = seededRandom(20261206); // a failure can be replayed
    for (let round = 0; round < 10; round++) {
      const child = spawnChild('children/sqlite-runner.ts', [path, '5']);
      // Kill after the n-th claim (mid-batch, nothing recorded for it) or after the n-th record.
      const n = 1 + Math.floor(random() * 3);
      const event = random() < 0.5 ? 'claimed ' : 'recorded ';
      let seen = 0;
      await child.waitFor((l) => l === 'finished' || (l.startsWith(event) && ++seen === n), 60_000);
      child.proc.kill('SIGKILL');
      await child.exited;
    }
    const last = spawnChild('children/sqlite-runner.ts', [path, '0']);
    await last.waitFor((l) => l === 'finished', 60_000);
    await last.exited;
    const raw = new Database(path, { readonly: true });
    const one = (sql: string) => raw.prepare(sql).pluck().get() as number;
    expect([one('SELECT count(*) FROM evaluations'), one('SELECT count(DISTINCT sequence_hash) FROM evaluations')]).toEqual([120, 120]);
    raw.close();
    const check = createSqliteStore({ path });
    const k = key('core');
    expect(await check.open(k)).toEqual({ hasSequences: true });
    expect(await check.progress(k)).toEqual({ total: 120, evaluated: 120, finished: true });
    expect(await check.results(k)).toEqual(seqs.map(evaluate));
    expect(await check.best(k)).toEqual(expectedBest(seqs));
    await check.close();
  }, 300_000);

  it('a corrupt file is a clear StoreError', async () => {
    const path = join(dir, 'work.db');
    const { store } = await seeded(path, 300);
    await store.close();
    // Overwrite the middle of the file (data and index pages) with garbage.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, 8192);
    closeSync(fd);
    expect(() => createSqliteStore({ path })).toThrow(StoreError);
    expect(() => createSqliteStore({ path })).toThrow(/corrupt/);
  });

  it('a damaged header is a clear StoreError', async () => {
    const path = join(dir, 'work.db');
    const { store } = await seeded(path, 10);
    await store.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from('this is not sqlite'), 0, 18, 0);
    closeSync(fd);
    expect(() => createSqliteStore({ path })).toThrow(/cannot open sqlite store .*(not a database|corrupt)/);
  });

  it('a file that is not a database at all is a clear StoreError', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'hello\n'.repeat(1000));
    expect(() => createSqliteStore({ path })).toThrow(StoreError);
  });

  it('a foreign SQLite database is refused and left untouched', () => {
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)');
    db.close();
    const before = { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs, files: readdirSync(dir) };
    expect(() => createSqliteStore({ path })).toThrow(/not a planner store/);
    // Checked before anything writes: not switched to WAL, not a byte changed, no -wal/-shm files left.
    expect({ bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs, files: readdirSync(dir) }).toEqual(before);
    const again = new Database(path);
    expect(again.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all()).toEqual([{ name: 'users' }]);
    again.close();
  });

  it('a store in a place this user cannot write is reported as read-only, not as corrupt', async () => {
    const path = join(dir, 'work.db');
    (await seeded(path, 5)).store.close();
    // Root writes anywhere: the child runs as `nobody`, for whom the directory and the file are read-only.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chmodSync(dir, 0o755);
    else chmodSync(dir, 0o555);
    const child = fileURLToPath(new URL('./children/sqlite-open.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', child, path], {
      encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)), ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    chmodSync(dir, 0o755);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/sqlite store '.*work\.db' cannot be written in open \(.*\): the file or its directory is read-only, or not writable by this user/);
    expect(r.stdout).not.toContain('corrupt');
  }, 120_000);

  it('a newer schema version is refused', async () => {
    const path = join(dir, 'work.db');
    (await seeded(path, 1)).store.close();
    const db = new Database(path);
    db.exec('UPDATE schema_version SET version = 7');
    db.close();
    expect(() => createSqliteStore({ path })).toThrow(/schema version 7/);
  });

  it('database gone: a missing directory or a closed store is a clear StoreError', async () => {
    expect(() => createSqliteStore({ path: join(dir, 'missing', 'work.db') })).toThrow(/cannot open sqlite store/);
    const store = createSqliteStore({ path: join(dir, 'work.db') });
    await store.close();
    await expect(store.progress(key('core'))).rejects.toThrow(/closed/);
  });

  it('a full disk is a clear StoreError, and the work stored before it is intact on the next run', async () => {
    const path = join(dir, 'work.db');
    const { store, seqs } = await seeded(path, 40);
    await store.recordResults(key('core'), (await store.claimBatch(key('core'), 20)).map(evaluate));
    await store.close();
    // SQLite's max_page_count stands in for a full disk: the write fails with SQLITE_FULL as it would there.
    const full = createSqliteStore({ path, maxSizeBytes: statSync(path).size });
    const k = key('core');
    await full.open(k);
    const more = makeSequences(2000).slice(40);
    const err = await full.put(k, more).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(/is full in put .*the work stored so far is kept, free space and run again/);
    await full.close();
    const next = createSqliteStore({ path });
    expect(await next.open(k)).toEqual({ hasSequences: true });
    expect(await next.progress(k)).toEqual({ total: 40, evaluated: 20, finished: false }); // the failed put left nothing half-written
    expect(await drain(next, k)).toBe(20);
    expect(await next.results(k)).toEqual(seqs.map(evaluate));
    await next.close();
  });

  it('a changed config key restarts cleanly, also after reopening the file', async () => {
    const path = join(dir, 'work.db');
    const { store, seqs } = await seeded(path, 20);
    await drain(store, key('core'));
    await store.close();
    const reopened = createSqliteStore({ path });
    const changed = key('core', 'p1', 'c2');
    expect(await reopened.open(changed)).toEqual({ hasSequences: false });
    await reopened.put(changed, seqs.slice(5));
    expect(await drain(reopened, changed)).toBe(15);
    expect(await reopened.best(changed)).toEqual(expectedBest(seqs.slice(5)));
    await reopened.close();
  });
});
