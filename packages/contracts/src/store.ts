import type { Sequence } from './domain.js';

/** Identifies one bucket's stored work: a change in either hash invalidates it. */
export interface WorkKey {
  readonly bucket: string;
  readonly portfolioHash: string;
  readonly configHash: string;
}

export interface StoredSequence {
  /** Position in evaluation order (0-based); the beam search consumes results in this order. */
  readonly index: number;
  /** Sequence hash (md5, pipeline.md §5.7). */
  readonly hash: string;
  readonly sequence: Sequence;
}

export interface StoredResult {
  readonly index: number;
  readonly hash: string;
  /** Final score, internal 0..1 scale. */
  readonly score: number;
  readonly diversificationScore: number;
  readonly riskScore: number;
  readonly transactionCost: number;
}

export interface StoreProgress {
  readonly total: number;
  readonly evaluated: number;
  /** True once every stored sequence has a result. */
  readonly finished: boolean;
}

/**
 * Persistent work of the incremental planner (pipeline.md §6). Every
 * operation is scoped to one bucket; nothing reads or writes another bucket.
 */
export interface SequenceStore {
  /**
   * Opens the bucket's work for `key`. When the stored key differs, the
   * bucket's stored sequences and results are dropped. Returns whether the
   * bucket now holds sequences for this key.
   */
  open(key: WorkKey): Promise<{ readonly hasSequences: boolean }>;
  /** Stores the generated sequences once (idempotent by hash). */
  put(key: WorkKey, sequences: readonly StoredSequence[]): Promise<void>;
  /** Up to `size` sequences without a result, lowest index first, leased to this caller. */
  claimBatch(key: WorkKey, size: number): Promise<StoredSequence[]>;
  /** Records results idempotently by hash: a result recorded twice counts once. */
  recordResults(key: WorkKey, results: readonly StoredResult[]): Promise<void>;
  /** All recorded results in index order. */
  results(key: WorkKey): Promise<StoredResult[]>;
  progress(key: WorkKey): Promise<StoreProgress>;
  /** Drops the bucket's stored work. */
  invalidate(bucket: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * What the incremental planner needs beyond `SequenceStore`: the best result,
 * the work's description (so a worker on another machine can rebuild the
 * scorer) and stored sequences by index (to assemble the plan).
 */
export interface IncrementalStore extends SequenceStore {
  /** Highest recorded score strictly above 0, ties to the lowest index; null when none. */
  best(key: WorkKey): Promise<StoredResult | null>;
  /** Stores an opaque description of the current work; dropped with the work. */
  setWorkData(key: WorkKey, data: string): Promise<void>;
  /** The description stored for `key`, or null (none, or `key` is not the bucket's current work). */
  workData(key: WorkKey): Promise<string | null>;
  /** The stored sequences with these indexes, in index order; unknown indexes are left out. */
  sequencesAt(key: WorkKey, indexes: readonly number[]): Promise<StoredSequence[]>;
}
