export type {
  BatchQueue, BucketConfigSource, BucketKind, FailedBatch, BucketPatch, BucketRecord, BucketRepository, BucketStatus, EvaluateBatch, EvaluationBatch, HighWaterMark,
  PlannerStore,
} from './types.js';
export { BUCKET_ID_PATTERN, BUCKET_ID_RULE, BUCKET_STATUSES, parseBucketPatch, parseBucketRecord } from './bucket-record.js';
export { patternType, sequencePriority } from './sequence-columns.js';
