import { ConfigError, StoreError } from '@planner/contracts';
import { createMemoryStore } from '@planner/store/memory';
import { createSqliteStore } from '@planner/store/sqlite';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBucketService } from '../src/bucket-service.js';
import type { BucketService } from '../src/bucket-service.js';
import { canonicalSource, sourceHash } from '../src/config-source.js';
import { modules } from './fixtures.js';

const TOML = '[planner]\nname = "satellite_toml"\nmax_depth = 3\n';

describe('bucket service', () => {
  let service: BucketService;
  let store: ReturnType<typeof createMemoryStore>;
  beforeEach(() => {
    store = createMemoryStore();
    service = createBucketService({ repository: store.buckets, modules, store });
  });

  it('adds buckets with each kind of config source and builds their planners', async () => {
    await service.add({ id: 'core', kind: 'core', config: { preset: 'default' }, share: 0.8 });
    await service.add({ id: 'sat_toml', kind: 'satellite', config: { toml: TOML }, share: 0.1, status: 'research' });
    await service.add({ id: 'sat_sliders', kind: 'satellite', config: { sliders: { riskAppetite: 1, positionSpread: 0 } }, share: 0.1 });
    expect((await service.list()).map((b) => [b.id, b.status])).toEqual([['core', 'active'], ['sat_toml', 'research'], ['sat_sliders', 'active']]);
    expect((await service.getPlanner('core')).config.planner.name).toBe('default');
    expect((await service.getPlanner('sat_toml')).config.planner.maxDepth).toBe(3);
    const sliders = (await service.getPlanner('sat_sliders')).config.planner;
    expect(sliders.priorityThreshold).toBeCloseTo(0.2, 12); // 0.5 - 0.3 * risk (pipeline.md §7.4)
    expect(sliders.maxOpportunitiesPerCategory).toBe(2); // int(2 + 8 * spread)
  });

  it('rejects an invalid configuration before storing anything', async () => {
    await expect(service.add({ id: 's', kind: 'satellite', config: { toml: '[planner]\nmax_depth = "deep"\n' }, share: 0.1 }))
      .rejects.toThrow(ConfigError);
    await expect(service.add({ id: 's', kind: 'satellite', config: { preset: 'no_such_preset' }, share: 0.1 })).rejects.toThrow(ConfigError);
    await expect(service.add({ id: 's', kind: 'satellite', config: { sliders: { boldness: 0.5 } }, share: 0.1 })).rejects.toThrow(/unknown slider 'boldness'/);
    await expect(service.add({ id: 's', kind: 'satellite', config: { toml: '[opportunity_calculators.momentum]\nenabled = true\n' }, share: 0.1 }))
      .rejects.toThrow(/momentum/);
    expect(await service.list()).toEqual([]);
  });

  it('validates the bucket fields and keeps one core bucket', async () => {
    await expect(service.add({ id: 'x', kind: 'satellite', config: { preset: 'default' }, share: 1.5 })).rejects.toThrow(StoreError);
    await service.add({ id: 'core', kind: 'core', config: { preset: 'default' }, share: 0.8 });
    await expect(service.add({ id: 'core2', kind: 'core', config: { preset: 'default' }, share: 0.1 })).rejects.toThrow(/already a core bucket/);
    await expect(service.add({ id: 'core', kind: 'satellite', config: { preset: 'default' }, share: 0.1 })).rejects.toThrow(/already exists/);
  });

  it('caches the planner until the bucket\'s config changes', async () => {
    await service.add({ id: 'core', kind: 'core', config: { preset: 'default' }, share: 0.8 });
    const a = await service.getPlanner('core');
    expect(await service.getPlanner('core')).toBe(a);
    await service.setConfig('core', { preset: 'default' }); // same source: an equal planner, rebuilt once here
    const b = await service.getPlanner('core');
    expect(await service.getPlanner('core')).toBe(b);
    await service.setConfig('core', { toml: TOML });
    const c = await service.getPlanner('core');
    expect(c).not.toBe(b);
    expect(c.config.planner.name).toBe('satellite_toml');
  });

  it('a config changed by another process (same repository) is picked up', async () => {
    await service.add({ id: 'core', kind: 'core', config: { preset: 'default' }, share: 0.8 });
    const a = await service.getPlanner('core');
    await store.buckets.update('core', { config: { preset: 'conservative' } });
    const b = await service.getPlanner('core');
    expect(b).not.toBe(a);
    expect(b.config.planner.name).toBe('conservative');
  });

  it('one bucket\'s changes never touch another bucket\'s planner or stored work', async () => {
    await service.add({ id: 'core', kind: 'core', config: { preset: 'default' }, share: 0.8 });
    await service.add({ id: 'sat', kind: 'satellite', config: { toml: TOML }, share: 0.2 });
    const core = await service.getPlanner('core');
    const sat = await service.getPlanner('sat');
    const k = { bucket: 'core', portfolioHash: 'p', configHash: 'c' };
    await store.open(k);
    await store.open({ ...k, bucket: 'sat' });
    await store.put({ ...k, bucket: 'sat' }, []);
    await service.setConfig('sat', { sliders: { riskAppetite: 0.3 } });
    expect(await service.getPlanner('core')).toBe(core);
    expect(await service.getPlanner('sat')).not.toBe(sat);
    await store.put(k, [{ index: 0, hash: 'h0', sequence: [] }]);
    expect(await service.remove('sat')).toBe(true);
    expect(await service.get('sat')).toBeNull();
    expect((await store.progress(k)).total).toBe(1); // core's work kept
    expect(await store.open({ ...k, bucket: 'sat' })).toEqual({ hasSequences: false });
    expect(await service.getPlanner('core')).toBe(core);
    await expect(service.getPlanner('sat')).rejects.toThrow(/does not exist/);
  });

  it('works on the sqlite registry too', async () => {
    const sqlite = createSqliteStore({ path: ':memory:' });
    const s = createBucketService({ repository: sqlite.buckets, modules, store: sqlite });
    await s.add({ id: 'core', kind: 'core', config: { sliders: { position_spread: 1 } }, share: 1 });
    expect((await s.getPlanner('core')).config.planner.maxOpportunitiesPerCategory).toBe(10);
    await sqlite.close();
  });
});

describe('config source hash', () => {
  it('is the same for equal sources whatever the slider key order, and differs otherwise', () => {
    const entries = fc.uniqueArray(fc.tuple(fc.constantFrom('riskAppetite', 'holdDuration', 'entryStyle', 'positionSpread'), fc.double({ min: 0, max: 1, noNaN: true })), { selector: (e) => e[0], minLength: 1 });
    fc.assert(fc.property(entries, (list) => {
      const a = Object.fromEntries(list);
      const b = Object.fromEntries([...list].reverse());
      expect(sourceHash({ sliders: a })).toBe(sourceHash({ sliders: b }));
      const changed = { ...a, [list[0]![0]]: list[0]![1] === 0.5 ? 0.25 : 0.5 };
      expect(sourceHash({ sliders: changed })).not.toBe(sourceHash({ sliders: a }));
    }), { seed: 42 });
    expect(sourceHash({ preset: 'default' })).not.toBe(sourceHash({ toml: 'default' }));
    expect(canonicalSource({ toml: 'a' })).toBe('{"toml":"a"}');
  });
});
