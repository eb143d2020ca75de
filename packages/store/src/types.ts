import type { IncrementalStore, StoredResult, WorkKey } from '@planner/contracts';

export type BucketKind = 'core' | 'satellite';

/** Bucket lifecycle (pipeline.md §7.1). */
export type BucketStatus = 'research' | 'accumulating' | 'active' | 'hibernating' | 'paused' | 'retired';

/** Where a bucket's planner configuration comes from. Exactly one key. */
export type BucketConfigSource =
  | { readonly preset: string }
  | { readonly toml: string }
  | { readonly sliders: Readonly<Record<string, number>> };

export interface BucketRecord {
  readonly id: string;
  readonly kind: BucketKind;
  readonly config: BucketConfigSource;
  /** Fraction of the portfolio, 0..1. */
  readonly share: number;
  readonly status: BucketStatus;
  /**
   * The highest value (EUR, positions + cash) the bucket has had when it was
   * planned, and the snapshot's `asOf` then; absent until the first plan
   * (pipeline.md §7.1, §7.5: drawdown is measured from it).
   */
  readonly highWaterMark?: HighWaterMark;
}

export interface HighWaterMark {
  readonly value: number;
  readonly at: string;
}

export type BucketPatch = Partial<Omit<BucketRecord, 'id' | 'highWaterMark'>>;

/** The bucket registry, kept in the same database as the bucket's stored work. */
export interface BucketRepository {
  /** Adds a bucket; a StoreError when the id exists. */
  add(bucket: BucketRecord): Promise<BucketRecord>;
  /** Every bucket, in the order they were added. */
  list(): Promise<BucketRecord[]>;
  get(id: string): Promise<BucketRecord | null>;
  /** Changes the given fields; a StoreError when the bucket does not exist. */
  update(id: string, patch: BucketPatch): Promise<BucketRecord>;
  /** False when the bucket did not exist. */
  remove(id: string): Promise<boolean>;
  /**
   * Sets the bucket's high-water mark to `value` (reached at `at`) when it is
   * higher than the stored one, atomically; returns the bucket. A StoreError
   * when the bucket does not exist.
   */
  raiseHighWaterMark(id: string, value: number, at: string): Promise<BucketRecord>;
}

/** What every backend of this package returns: the contract plus the best result and the bucket registry. */
export interface PlannerStore extends IncrementalStore {
  /**
   * The best recorded result of the bucket's current work: highest score
   * strictly above 0 (pipeline.md §6.4 step 9), ties to the lowest index.
   */
  best(key: WorkKey): Promise<StoredResult | null>;
  readonly buckets: BucketRepository;
  /** The job queue of a store whose batches are handed out by a queue (PostgreSQL); absent otherwise. */
  readonly queue?: BatchQueue;
}

/** A batch job whose retries ran out, with its last error. */
export interface FailedBatch {
  readonly from: number;
  readonly to: number;
  readonly error: string;
}

/** The queue of batch jobs of a bucket (PostgreSQL store). */
export interface BatchQueue {
  /** Jobs waiting, being evaluated, and failed for good. */
  status(bucket: string): Promise<{ readonly queued: number; readonly active: number; readonly failed: readonly FailedBatch[] }>;
  /** Queues the bucket's failed jobs again; returns how many. */
  retryFailed(bucket: string): Promise<number>;
}

/** The batch a worker evaluates. */
export interface EvaluationBatch {
  readonly key: WorkKey;
  readonly sequences: readonly import('@planner/contracts').StoredSequence[];
  /** The work's description (`setWorkData`), from which a worker rebuilds the scorer; null when none was stored. */
  readonly data: string | null;
  /**
   * Aborted when the worker stops. An evaluator may then return the results it
   * has so far (any subset of `sequences`): the worker records them and gives
   * the rest of the batch back to the queue at once.
   */
  readonly signal?: AbortSignal;
}

export type EvaluateBatch = (batch: EvaluationBatch) => readonly StoredResult[] | Promise<readonly StoredResult[]>;
