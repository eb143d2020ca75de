// Does a batch cost more as work accumulates? Batches of 1 (claim, evaluate,
// record, progress, best: what planIncremental does per batch) timed at 3 000
// and at 43 000 evaluated, on one SQLite file of 45 000 sequences.
// Run: npx tsx --conditions=source bench/progress-scaling.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PlannerStore } from '../src/types.js';
import { createSqliteStore } from '../src/sqlite.js';
import { evaluate, key, makeSequences } from '../test/fixtures.js';

const TOTAL = 45_000;
const MEASURED = 1_000;
const k = key('core');

async function batchesOfOne(store: PlannerStore, count: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < count; i++) {
    const batch = await store.claimBatch(k, 1);
    await store.recordResults(k, batch.map(evaluate));
    await store.progress(k);
    await store.best(k);
  }
  return (count / (performance.now() - t)) * 1000;
}

async function evaluateUpTo(store: PlannerStore, evaluated: number): Promise<void> {
  while ((await store.progress(k)).evaluated < evaluated) {
    const batch = await store.claimBatch(k, Math.min(2000, evaluated - (await store.progress(k)).evaluated));
    await store.recordResults(k, batch.map(evaluate));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'planner-progress-bench-'));
try {
  const store = createSqliteStore({ path: join(dir, 'work.db') });
  await store.open(k);
  await store.put(k, makeSequences(TOTAL));
  const rows: string[] = [];
  for (const at of [3_000, 43_000]) {
    await evaluateUpTo(store, at);
    rows.push(`| ${at.toLocaleString('en')} evaluated | ${Math.round(await batchesOfOne(store, MEASURED))} batches/s |`);
  }
  await store.close();
  console.log(`| batch size 1, sqlite file, ${TOTAL.toLocaleString('en')} sequences | throughput |\n| --- | ---: |\n${rows.join('\n')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
