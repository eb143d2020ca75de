export type {
  BucketConfigSource, BucketKind, BucketPatch, BucketRecord, BucketRepository, BucketStatus, EvaluateBatch, EvaluationBatch, HighWaterMark,
  PlannerStore,
} from './types.js';
export { BUCKET_STATUSES, parseBucketPatch, parseBucketRecord } from './bucket-record.js';
export { patternType, sequencePriority } from './sequence-columns.js';
