// Sequences evaluated per second with the tests' simple evaluate function, so
// the figures are the store's own overhead: sqlite (one process), postgres
// with 1 and 4 worker processes. Run: npx tsx --conditions=source bench/throughput.ts [n]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPostgresStore } from '../src/postgres.js';
import { createSqliteStore } from '../src/sqlite.js';
import { drain } from '../test/contract.js';
import { key, makeSequences } from '../test/fixtures.js';
import { startPgServer } from '../src/testing.js';
import { spawnChild } from '../test/spawn.js';

const n = Number(process.argv[2] ?? 20000);
const seqs = makeSequences(n);
const rate = (count: number, ms: number) => `${Math.round((count / ms) * 1000).toLocaleString('en')} seq/s`;

{
  const dir = mkdtempSync(join(tmpdir(), 'planner-bench-'));
  const store = createSqliteStore({ path: join(dir, 'work.db') });
  const k = key('core');
  await store.open(k);
  let t = performance.now();
  await store.put(k, seqs);
  const putMs = performance.now() - t;
  t = performance.now();
  await drain(store, k, 100);
  const ms = performance.now() - t;
  console.log(`sqlite file: put ${rate(n, putMs)}, claim+evaluate+record (batch 100) ${rate(n, ms)}`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

const server = await startPgServer();
try {
  for (const workers of [1, 4]) {
    const url = await server.createDatabase(`bench${workers}`);
    const store = await createPostgresStore({ connectionString: url, batchSize: 100 });
    const k = key('core');
    await store.open(k);
    const children = Array.from({ length: workers }, () => spawnChild('children/pg-worker.ts', [url, '0']));
    await Promise.all(children.map((c) => c.waitFor((l) => l === 'ready')));
    let t = performance.now();
    await store.put(k, seqs);
    const putMs = performance.now() - t;
    t = performance.now();
    while (!(await store.progress(k)).finished) await new Promise((r) => setTimeout(r, 20));
    const ms = performance.now() - t;
    console.log(`postgres, ${workers} worker process(es): put ${rate(n, putMs)}, evaluated ${rate(n, ms)}`);
    for (const c of children) c.proc.kill('SIGTERM');
    await Promise.all(children.map((c) => c.exited));
    await store.close();
  }
} finally {
  server.stop();
}
