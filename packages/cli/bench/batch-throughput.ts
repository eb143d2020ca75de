// Batch throughput of incremental planning with the real planner: sequences
// evaluated per second (evaluation phase; generation and storing excluded) for
// SQLite (one `planIncremental` process) and PostgreSQL with 1 and 4
// `planner worker` processes. Run from packages/cli:
//   npx tsx --conditions=source bench/batch-throughput.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBucketService } from '@planner/buckets';
import { parseSnapshot } from '@planner/context';
import { createPostgresStore } from '@planner/store/postgres';
import { createSqliteStore } from '@planner/store/sqlite';
import { startPgServer } from '@planner/store/testing';
import { standardModules } from '../src/modules.js';
import { aggressiveToml, monteCarloToml, sleep, spawnPlanner, universe30 } from '../test/batch-helpers.js';

const modules = standardModules();
const snapshot = parseSnapshot(readFileSync(universe30, 'utf8'));
const BATCH = 250;
const wide = (toml: string) => toml.replace(
  '[sequence_generators.enhanced_combinatorial]\nenabled = true\n',
  '[sequence_generators.enhanced_combinatorial]\nenabled = true\n\n[sequence_generators.enhanced_combinatorial.params]\nmax_combinations = 1000\nmax_candidates = 30\n',
);
const configs: readonly [string, string][] = [
  ['aggressive, stochastic (wide search)', wide(aggressiveToml())],
  ['aggressive, Monte Carlo 300 paths (wide search)', monteCarloToml(300, true)],
];

const rows: string[] = [];
const row = (config: string, backend: string, n: number, ms: number) =>
  rows.push(`| ${config} | ${backend} | ${n} | ${(ms / 1000).toFixed(1)} | ${Math.round((n / ms) * 1000).toLocaleString('en')} |`);

for (const [name, toml] of configs) {
  const dir = mkdtempSync(join(tmpdir(), 'planner-batch-bench-'));
  try {
    const store = createSqliteStore({ path: join(dir, 'planner.sqlite') });
    const service = createBucketService({ repository: store.buckets, modules, store });
    await service.add({ id: 'core', kind: 'core', config: { toml }, share: 1 });
    let evalStart = 0;
    const r = await service.runBatch('core', snapshot, {
      store, batchSize: BATCH, onEvent: (e) => {
        if (e.type === 'stage-finished' && e.stage === 'feasibility') evalStart = performance.now();
      },
    });
    // The evaluation phase: from the end of generation to the last recorded batch (storing the sequences included).
    row(name, 'sqlite, 1 process', r.progress.total, performance.now() - evalStart);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const server = await startPgServer();
try {
  let db = 0;
  for (const [name, toml] of configs) {
    for (const workers of [1, 4]) {
      const url = await server.createDatabase(`bench_${db++}`);
      const store = await createPostgresStore({ connectionString: url, batchSize: BATCH });
      const service = createBucketService({ repository: store.buckets, modules, store });
      await service.add({ id: 'core', kind: 'core', config: { toml }, share: 1 });
      const children = Array.from({ length: workers }, () => spawnPlanner(['worker', '--pg', url]));
      await Promise.all(children.map((c) => c.waitFor((l) => l.startsWith('! worker ready'))));
      const queued = await service.runBatch('core', snapshot, { store, batchSize: BATCH, evaluate: false, wait: false });
      const t0 = performance.now();
      while (!(await store.progress(queued.key)).finished) await sleep(250); // counting rows costs the server CPU: look rarely
      row(name, `postgres, ${workers} worker${workers > 1 ? 's' : ''}`, queued.progress.total, performance.now() - t0);
      for (const c of children) c.proc.kill('SIGTERM');
      await Promise.all(children.map((c) => c.exited));
      await store.close();
    }
  }
} finally {
  server.stop();
}

console.log(`universe_30, batch size ${BATCH}, ${cpus().length} CPU(s) ${cpus()[0]?.model ?? ''}\n`);
console.log('| configuration | backend | sequences | seconds | sequences/s |\n| --- | --- | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
