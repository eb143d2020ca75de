import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBucketService } from '@planner/buckets';
import { parseSnapshot } from '@planner/context';
import { createSqliteStore } from '@planner/store/sqlite';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';
import { aggressiveToml, universe30, withoutTimings } from './batch-helpers.js';
import { useTempStore } from './temp-store.js';
import { scenarioDir } from './helpers.js';

const modules = standardModules();
const temp = useTempStore('isolation');

/** A scenario whose every security belongs to `bucket`. */
function snapshotOf(name: string, bucket: string) {
  const raw = JSON.parse(readFileSync(join(scenarioDir, `${name}.input.json`), 'utf8')) as { securities: { bucket?: string }[] };
  for (const s of raw.securities) s.bucket = bucket;
  return parseSnapshot(raw);
}

describe('buckets planned at once', () => {
  it('two buckets on one store, interleaved batch by batch, each get their own plan and their own stored work', async () => {
    const path = temp.db;
    const store = createSqliteStore({ path });
    const service = createBucketService({ repository: store.buckets, modules, store });
    await service.add({ id: 'core', kind: 'core', config: { toml: aggressiveToml() }, share: 0.85 });
    await service.add({ id: 'momentum_1', kind: 'satellite', config: { preset: 'aggressive' }, share: 0.15 });
    const core = parseSnapshot(readFileSync(universe30, 'utf8'));
    const sat = snapshotOf('rebalance_country_industry', 'momentum_1');
    const order: string[] = [];
    const onEvent = (e: { type: string; bucket?: string }) => e.type === 'batch-finished' && order.push(e.bucket as string);
    const [a, b] = await Promise.all([
      service.runBatch('core', core, { store, batchSize: 300, onEvent }),
      service.runBatch('momentum_1', sat, { store, batchSize: 300, onEvent }),
    ]);
    // The batches really alternated: both buckets progressed before either finished.
    const firstCoreEnd = order.lastIndexOf('core');
    const firstSatEnd = order.lastIndexOf('momentum_1');
    expect(order.indexOf('core')).toBeLessThan(firstSatEnd);
    expect(order.indexOf('momentum_1')).toBeLessThan(firstCoreEnd);
    expect(a.status).toBe('finished');
    expect(b.status).toBe('finished');
    // Each bucket plans its slice: the core 85 % of the cash, the satellite 15 %.
    const [coreSlice, satSlice] = [await service.sliceFor('core', core), await service.sliceFor('momentum_1', sat)];
    expect(coreSlice.cash.get('EUR')).toBeCloseTo(0.85 * (core.cash.get('EUR') ?? 0), 9);
    expect(satSlice.cash.get('EUR')).toBeCloseTo(0.15 * (sat.cash.get('EUR') ?? 0), 9);
    expect(withoutTimings(a.plan)).toEqual(withoutTimings(await (await service.getPlanner('core')).plan(coreSlice)));
    expect(withoutTimings(b.plan)).toEqual(withoutTimings(await (await service.getPlanner('momentum_1')).plan(satSlice)));
    const d = new Database(path, { readonly: true });
    const rows = d.prepare('SELECT bucket, count(*) AS n FROM evaluations GROUP BY bucket ORDER BY bucket').all();
    d.close();
    expect(rows).toEqual([{ bucket: 'core', n: a.progress.total }, { bucket: 'momentum_1', n: b.progress.total }]);

    // Changing one bucket's configuration restarts that bucket only.
    await service.setConfig('momentum_1', { preset: 'default' });
    const b2 = await service.runBatch('momentum_1', sat, { store });
    expect(b2.generated).toBe(true);
    const a2 = await service.runBatch('core', core, { store });
    expect(a2).toMatchObject({ generated: false, evaluated: 0 });
    expect(a2.key).toEqual(a.key);
    // Removing a bucket drops its work and nothing else.
    await service.remove('momentum_1');
    expect(await store.progress(b2.key)).toEqual({ total: 0, evaluated: 0, finished: false });
    expect((await store.progress(a.key)).finished).toBe(true);
    await store.close();
  });
});
