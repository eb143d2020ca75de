import { SnapshotError, StoreError } from '@planner/contracts';
import type { IncrementalStore, PlannerEventListener, PlannerModule, PortfolioSnapshot, SequenceStore } from '@planner/contracts';
import { serializeConfig } from '@planner/config';
import { createIncrementalPlanner } from '@planner/planner/incremental';
import type { IncrementalPlanner, IncrementalResult } from '@planner/planner/incremental';
import { parseBucketRecord } from '@planner/store';
import type { BucketConfigSource, BucketKind, BucketRecord, BucketRepository, BucketStatus } from '@planner/store';
import { checkShares } from './bucket-slice.js';
import { whyNotPlanned } from './bucket-status.js';
import { buildConfig, sourceHash } from './config-source.js';
import { prepareBuckets } from './plan-all.js';

/** A named slice of the portfolio with its own configuration (pipeline.md §7.1). */
export type Bucket = BucketRecord;

export interface NewBucket {
  readonly id: string;
  readonly kind: BucketKind;
  readonly config: BucketConfigSource;
  readonly share: number;
  /** Default `active` (pipeline.md §7.1). */
  readonly status?: BucketStatus;
}

export interface BucketServiceOptions {
  readonly repository: BucketRepository;
  /** Every module value a bucket's configuration may name. */
  readonly modules: readonly PlannerModule[];
  /** When given, removing a bucket also drops its stored incremental work. */
  readonly store?: SequenceStore;
  readonly strict?: boolean;
  readonly onEvent?: PlannerEventListener;
}

export interface BucketService {
  /** Validates the configuration (builds the planner) before the bucket is stored. */
  add(bucket: NewBucket): Promise<Bucket>;
  list(): Promise<Bucket[]>;
  get(id: string): Promise<Bucket | null>;
  /** Validates, then stores the new configuration; the bucket's cached planner is replaced. */
  setConfig(id: string, config: BucketConfigSource): Promise<Bucket>;
  /** Changes a bucket's share or status; shares that would add up to more than 1 are refused (ConfigError). */
  update(id: string, patch: BucketUpdate): Promise<Bucket>;
  /** Raises the bucket's stored high-water mark to `valueEur` (reached at `at`) when that is higher. */
  raiseHighWaterMark(id: string, valueEur: number, at: string): Promise<Bucket>;
  /**
   * The part of the snapshot the bucket plans: its securities, their positions
   * and trades, its cash (pipeline.md §7.5; the cash rule of the snapshot
   * format). A SnapshotError when the snapshot names unknown buckets or gives
   * the bucket no security; a ConfigError when the shares add up to more than 1.
   */
  sliceFor(id: string, snapshot: PortfolioSnapshot, source?: string): Promise<PortfolioSnapshot>;
  /** Removes the bucket, its cached planner and (with a store) its stored work. */
  remove(id: string): Promise<boolean>;
  /** The bucket's planner, built once per configuration source and cached until it changes. */
  getPlanner(id: string): Promise<IncrementalPlanner>;
  /**
   * The bucket's batch job: runs or resumes its incremental plan with its
   * cached planner, on its own slice of the snapshot (`sliceFor`) and its own
   * stored work only (pipeline.md §6.6, §7.6).
   */
  runBatch(id: string, snapshot: PortfolioSnapshot, options: BatchRunOptions): Promise<IncrementalResult>;
}

export interface BucketUpdate {
  readonly share?: number;
  readonly status?: BucketStatus;
}

export interface BatchRunOptions {
  readonly store: IncrementalStore;
  /** Sequences per batch; default 100. */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  /** Overrides the configuration's seed. */
  readonly seed?: number;
  /** Evaluate in this call (default true); false leaves the batches to workers. */
  readonly evaluate?: boolean;
  /** Wait for batches other processes hold (default true). */
  readonly wait?: boolean;
  readonly pollIntervalMs?: number;
  readonly onEvent?: PlannerEventListener;
  /** Names the snapshot in error messages. */
  readonly source?: string;
}

interface CacheEntry {
  readonly hash: string;
  readonly planner: IncrementalPlanner;
}

export function createBucketService(options: BucketServiceOptions): BucketService {
  const { repository, modules } = options;
  // One entry per bucket id: nothing here is shared between buckets but the stateless modules.
  const cache = new Map<string, CacheEntry>();

  function build(id: string, source: BucketConfigSource): CacheEntry {
    const config = buildConfig(id, source, modules);
    const planner = createIncrementalPlanner({
      config,
      modules,
      ...(options.strict !== undefined ? { strict: options.strict } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    return { hash: sourceHash(source), planner };
  }

  async function requireBucket(id: string): Promise<Bucket> {
    const bucket = await repository.get(id);
    if (!bucket) throw new StoreError(`bucket '${id}' does not exist`);
    return bucket;
  }

  return {
    async add(input) {
      const record = parseBucketRecord({ status: 'active', ...input });
      const existing = await repository.list();
      if (record.kind === 'core') {
        const core = existing.find((b) => b.kind === 'core');
        if (core) throw new StoreError(`bucket '${record.id}': there is already a core bucket ('${core.id}')`);
      }
      if (!existing.some((b) => b.id === record.id)) checkShares([...existing, record]);
      const entry = build(record.id, record.config);
      const stored = await repository.add(record);
      cache.set(record.id, entry);
      return stored;
    },
    list: () => repository.list(),
    get: (id) => repository.get(id),
    async setConfig(id, config) {
      await requireBucket(id);
      const entry = build(id, config);
      const stored = await repository.update(id, { config });
      cache.set(id, entry);
      return stored;
    },
    async update(id, patch) {
      const all = await repository.list();
      if (!all.some((b) => b.id === id)) throw new StoreError(`bucket '${id}' does not exist`);
      if (patch.share !== undefined) checkShares(all.map((b) => (b.id === id ? { ...b, share: patch.share as number } : b)));
      return repository.update(id, patch);
    },
    raiseHighWaterMark: (id, valueEur, at) => repository.raiseHighWaterMark(id, valueEur, at),
    async sliceFor(id, snapshot, source) {
      const all = await repository.list();
      if (!all.some((b) => b.id === id)) throw new StoreError(`bucket '${id}' does not exist`);
      const p = prepareBuckets(snapshot, all, source).prepared.find((x) => x.bucket.id === id);
      if (!p || p.slice.securities.length === 0) {
        throw new SnapshotError([{ path: 'securities', message: `expected at least one security of bucket '${id}' (a security's "bucket", absent = core), found none` }], source);
      }
      return p.slice;
    },
    async remove(id) {
      cache.delete(id);
      const removed = await repository.remove(id);
      if (options.store) await options.store.invalidate(id);
      return removed;
    },
    async runBatch(id, snapshot, o) {
      const bucket = await requireBucket(id);
      const refused = whyNotPlanned(bucket);
      if (refused !== null) throw new StoreError(refused);
      const planner = await this.getPlanner(id);
      const slice = await this.sliceFor(id, snapshot, o.source);
      return planner.planIncremental(slice, {
        store: o.store,
        bucket: id,
        // Stored with the work, so a worker on another machine rebuilds exactly this configuration.
        configText: serializeConfig(planner.config, { modules }),
        ...(o.batchSize !== undefined ? { batchSize: o.batchSize } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
        ...(o.evaluate !== undefined ? { evaluate: o.evaluate } : {}),
        ...(o.wait !== undefined ? { wait: o.wait } : {}),
        ...(o.pollIntervalMs !== undefined ? { pollIntervalMs: o.pollIntervalMs } : {}),
        ...(o.onEvent ? { onEvent: o.onEvent } : {}),
      });
    },
    async getPlanner(id) {
      const bucket = await requireBucket(id);
      const hash = sourceHash(bucket.config);
      const hit = cache.get(id);
      if (hit && hit.hash === hash) return hit.planner;
      const entry = build(id, bucket.config);
      cache.set(id, entry);
      return entry.planner;
    },
  };
}
