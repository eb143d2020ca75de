import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteStore, SQLITE_SCHEMA_VERSION } from '../src/sqlite.js';
import { storeContract } from './contract.js';
import { evaluate, key, makeSequences } from './fixtures.js';

storeContract('sqlite :memory:', async () => createSqliteStore({ path: ':memory:' }));

let dir: string | undefined;
storeContract(
  'sqlite file',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'planner-store-'));
    return createSqliteStore({ path: join(dir, 'work.db') });
  },
  async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
);

describe('sqlite schema migration', () => {
  it('opens a version 1 file: its work is kept and gains a description column', async () => {
    const d = mkdtempSync(join(tmpdir(), 'planner-store-v1-'));
    try {
      const path = join(d, 'v1.db');
      const store = createSqliteStore({ path });
      await store.open(key('core'));
      await store.put(key('core'), makeSequences(3));
      await store.close();
      // Turn the file back into version 1, as the first release wrote it.
      const db = new Database(path);
      db.exec(`ALTER TABLE work DROP COLUMN data; ALTER TABLE buckets DROP COLUMN high_water_mark;
        ALTER TABLE buckets DROP COLUMN high_water_mark_at; UPDATE schema_version SET version = 1;`);
      db.close();
      const reopened = createSqliteStore({ path });
      expect(await reopened.open(key('core'))).toEqual({ hasSequences: true });
      await reopened.setWorkData(key('core'), 'described');
      expect(await reopened.workData(key('core'))).toBe('described');
      await reopened.close();
      const check = new Database(path);
      expect(check.prepare('SELECT max(version) AS v FROM schema_version').get()).toEqual({ v: SQLITE_SCHEMA_VERSION });
      check.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('opens a version 2 file: its buckets are kept and gain a high-water mark', async () => {
    const d = mkdtempSync(join(tmpdir(), 'planner-store-v2-'));
    try {
      const path = join(d, 'v2.db');
      const store = createSqliteStore({ path });
      const core = { id: 'core', kind: 'core', config: { preset: 'default' }, share: 1, status: 'active' } as const;
      await store.buckets.add(core);
      await store.close();
      const db = new Database(path);
      db.exec('ALTER TABLE buckets DROP COLUMN high_water_mark; ALTER TABLE buckets DROP COLUMN high_water_mark_at; UPDATE schema_version SET version = 2;');
      db.close();
      const reopened = createSqliteStore({ path });
      expect(await reopened.buckets.list()).toEqual([core]);
      expect((await reopened.buckets.raiseHighWaterMark('core', 10, '2026-01-02T00:00:00')).highWaterMark).toEqual({ value: 10, at: '2026-01-02T00:00:00' });
      await reopened.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('sqlite progress', () => {
  it('keeps its counts as it writes: after its own batches, progress() counts no rows (it used to count every evaluation each time)', async () => {
    const statements: string[] = [];
    const store = createSqliteStore({ path: ':memory:', onStatement: (sql) => statements.push(sql) });
    const k = key('core');
    const seqs = makeSequences(200);
    await store.open(k);
    await store.put(k, seqs);
    expect(await store.progress(k)).toEqual({ total: 200, evaluated: 0, finished: false }); // counted once here
    statements.length = 0;
    let progress;
    for (let batch; (batch = await store.claimBatch(k, 10)).length > 0; ) {
      await store.recordResults(k, batch.map(evaluate));
      progress = await store.progress(k);
    }
    expect(progress).toEqual({ total: 200, evaluated: 200, finished: true });
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((sql) => /count\s*\(/i.test(sql))).toEqual([]);
    await store.close();
  });

  it('counts as it writes, and sees what another connection wrote to the same file', async () => {
    const d = mkdtempSync(join(tmpdir(), 'planner-store-progress-'));
    try {
      const path = join(d, 'work.db');
      const k = key('core');
      const seqs = makeSequences(30);
      const own = createSqliteStore({ path });
      await own.open(k);
      await own.put(k, seqs.slice(0, 20));
      expect(await own.progress(k)).toEqual({ total: 20, evaluated: 0, finished: false });
      await own.put(k, seqs); // 10 new, 20 already there
      await own.recordResults(k, seqs.slice(0, 5).map(evaluate));
      await own.recordResults(k, seqs.slice(0, 5).map(evaluate)); // counted once
      expect(await own.progress(k)).toEqual({ total: 30, evaluated: 5, finished: false });
      const other = createSqliteStore({ path });
      await other.recordResults(k, seqs.slice(5).map(evaluate));
      await other.close();
      expect(await own.progress(k)).toEqual({ total: 30, evaluated: 30, finished: true });
      await own.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
