import { parseNaiveMs } from './naive-time.js';

// SnapshotSchema's refinements, named: the generated parser
// (snapshot-parser.generated.ts) calls the same functions zod does.

/** A bucket id, as the bucket registry of @planner/store accepts it. */
export const BUCKET_ID = /^[A-Za-z0-9_.-]{1,64}$/;

export const isBucketId = (s: string): boolean => BUCKET_ID.test(s);

export const isIsoDateTime = (s: string): boolean => parseNaiveMs(s) !== null;
