import type { BucketRecord, BucketStatus } from '@planner/store';

/** `is_trading_allowed` (pipeline.md §7.1): only buckets with these statuses are planned. */
export const TRADING_STATUSES: readonly BucketStatus[] = ['active', 'accumulating'];

/**
 * The one status rule of planning (pipeline.md §7.1 `is_trading_allowed`,
 * §7.5 step 1): null when the bucket may be planned, else why not. `runBatch`
 * refuses such a bucket with this message, `planAllBuckets` skips it with it.
 */
export function whyNotPlanned(bucket: Pick<BucketRecord, 'id' | 'status'>): string | null {
  if (TRADING_STATUSES.includes(bucket.status)) return null;
  return `bucket '${bucket.id}' is ${bucket.status}: only active and accumulating buckets are planned (change its status to plan it)`;
}
