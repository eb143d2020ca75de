import { StoreError } from '@planner/contracts';
import { z } from 'zod';
import type { BucketPatch, BucketRecord } from './types.js';

export const BUCKET_STATUSES = ['research', 'accumulating', 'active', 'hibernating', 'paused', 'retired'] as const;

const ConfigSourceSchema = z.union([
  z.strictObject({ preset: z.string().min(1) }),
  z.strictObject({ toml: z.string() }),
  z.strictObject({ sliders: z.record(z.string(), z.number().min(0).max(1)) }),
]);

const fields = {
  kind: z.enum(['core', 'satellite']),
  config: ConfigSourceSchema,
  share: z.number().min(0).max(1),
  status: z.enum(BUCKET_STATUSES),
};

const HighWaterMarkSchema = z.strictObject({ value: z.number().min(0).refine(Number.isFinite, 'expected a finite number'), at: z.string().min(1) });

// Ids end up in queue names and log lines, so keep them plain.
export const BUCKET_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const BUCKET_ID_RULE = "1 to 64 letters, digits, '_', '.' or '-'";
const BucketRecordSchema = z.strictObject({
  id: z.string().regex(BUCKET_ID_PATTERN, { message: `expected ${BUCKET_ID_RULE}` }), ...fields, highWaterMark: HighWaterMarkSchema.optional(),
});
const BucketPatchSchema = z.strictObject(fields).partial();

function fail(what: string, error: z.ZodError): never {
  const issues = error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new StoreError(`invalid ${what}: ${issues}`, { cause: error });
}

export function parseBucketRecord(value: unknown): BucketRecord {
  const r = BucketRecordSchema.safeParse(value);
  return r.success ? (r.data as BucketRecord) : fail('bucket', r.error);
}

export function parseBucketPatch(value: unknown): BucketPatch {
  const r = BucketPatchSchema.safeParse(value);
  return r.success ? (r.data as BucketPatch) : fail('bucket update', r.error);
}

/** Applies a validated patch; `id` never changes. */
export function applyBucketPatch(record: BucketRecord, patch: BucketPatch): BucketRecord {
  return parseBucketRecord({ ...record, ...patch, id: record.id });
}

export function bucketExists(id: string): StoreError {
  return new StoreError(`bucket '${id}' already exists`);
}

export function bucketMissing(id: string): StoreError {
  return new StoreError(`bucket '${id}' does not exist`);
}

/** A `buckets` table row, the same columns in SQLite and Postgres. */
export interface BucketRow {
  id: string;
  kind: string;
  config_json: string;
  share: number;
  status: string;
  high_water_mark: number | null;
  high_water_mark_at: string | null;
}

/** The columns of a BucketRow, for SELECTs. */
export const BUCKET_COLUMNS = 'id, kind, config_json, share, status, high_water_mark, high_water_mark_at';

export function fromBucketRow(row: BucketRow): BucketRecord {
  return parseBucketRecord({
    id: row.id, kind: row.kind, config: JSON.parse(row.config_json), share: row.share, status: row.status,
    ...(row.high_water_mark === null || row.high_water_mark_at === null
      ? {} : { highWaterMark: { value: Number(row.high_water_mark), at: row.high_water_mark_at } }),
  });
}

/** A StoreError unless `value` is a finite EUR amount >= 0 and `at` a non-empty time. */
export function checkHighWaterMark(value: number, at: string): void {
  const r = HighWaterMarkSchema.safeParse({ value, at });
  if (!r.success) fail('high-water mark', r.error);
}

/** The record with its high-water mark raised to `value` when that is higher (or the first one). */
export function raisedHighWaterMark(record: BucketRecord, value: number, at: string): BucketRecord {
  if (record.highWaterMark && record.highWaterMark.value >= value) return record;
  return parseBucketRecord({ ...record, highWaterMark: { value, at } });
}
