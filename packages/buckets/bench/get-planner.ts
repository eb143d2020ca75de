// Times BucketService.getPlanner: a cached lookup and a cold build (config parse,
// validation, createPlanner). Run: npx tsx --conditions=source bench/get-planner.ts
// Uses the stand-in modules of the tests (buckets may not import module packages).
import { performance } from 'node:perf_hooks';
import { createMemoryStore } from '@planner/store/memory';
import { createBucketService } from '../src/bucket-service.js';
import { modules } from '../test/fixtures.js';

const store = createMemoryStore();
const service = createBucketService({ repository: store.buckets, modules });
await service.add({ id: 'core', kind: 'core', config: { preset: 'default' }, share: 0.8 });
await service.add({ id: 'sat', kind: 'satellite', config: { sliders: { riskAppetite: 0.7 } }, share: 0.2 });

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return `median ${at(0.5).toFixed(4)} ms, p95 ${at(0.95).toFixed(4)} ms`;
}

for (let i = 0; i < 2000; i++) await service.getPlanner('core'); // warm-up
const cached: number[] = [];
for (let i = 0; i < 20000; i++) {
  const t = performance.now();
  await service.getPlanner('core');
  cached.push(performance.now() - t);
}

// Cold: another writer changes the stored source, so every lookup misses and rebuilds.
const sources = [{ preset: 'default' }, { preset: 'aggressive' }, { toml: '[planner]\nmax_depth = 3\n' }, { sliders: { riskAppetite: 0.3 } }] as const;
const cold: number[] = [];
for (let i = 0; i < 400; i++) {
  await store.buckets.update('core', { config: sources[i % sources.length] as (typeof sources)[number] });
  const t = performance.now();
  await service.getPlanner('core');
  cold.push(performance.now() - t);
}

console.log(`cached getPlanner: ${stats(cached)} (target < 0.1 ms)`);
console.log(`cold getPlanner:   ${stats(cold.slice(40))} (target < 20 ms)`);
