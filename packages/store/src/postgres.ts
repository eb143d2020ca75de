export { createPostgresStore } from './postgres-store.js';
export type { PostgresStoreOptions } from './postgres-store.js';
export { runPostgresWorker } from './postgres-worker.js';
export type { PostgresWorker, PostgresWorkerOptions } from './postgres-worker.js';
export { POSTGRES_SCHEMA_VERSION } from './postgres-schema.js';
export type { PlannerStore, EvaluateBatch, EvaluationBatch } from './types.js';
