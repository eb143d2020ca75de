export type { BatchRunOptions, Bucket, BucketService, BucketServiceOptions, NewBucket } from './bucket-service.js';
export { createBucketService } from './bucket-service.js';
export { buildConfig, canonicalSource, sourceHash } from './config-source.js';
export type { BucketConfigSource, BucketKind, BucketRepository, BucketStatus } from '@planner/store';
export { createWorkEvaluator } from './work-evaluator.js';
export type { WorkEvaluatorOptions } from './work-evaluator.js';
