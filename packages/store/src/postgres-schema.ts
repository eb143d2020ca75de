import { StoreError } from '@planner/contracts';
import type pg from 'pg';

export const POSTGRES_SCHEMA_VERSION = 4;

/** Migrations by target version; index 0 creates version 1. `S` is the quoted schema name. */
const MIGRATIONS: readonly ((s: string) => string)[] = [
  (S) => `
  CREATE TABLE ${S}.schema_version (version integer NOT NULL);
  INSERT INTO ${S}.schema_version (version) VALUES (1);
  CREATE TABLE ${S}.work (
    bucket text PRIMARY KEY,
    portfolio_hash text NOT NULL,
    config_hash text NOT NULL
  );
  CREATE TABLE ${S}.sequences (
    bucket text NOT NULL,
    sequence_hash text NOT NULL,
    idx integer NOT NULL,
    priority double precision NOT NULL,
    depth integer NOT NULL,
    pattern_type text NOT NULL,
    sequence_json text NOT NULL,
    PRIMARY KEY (bucket, sequence_hash),
    UNIQUE (bucket, idx)
  );
  CREATE TABLE ${S}.evaluations (
    bucket text NOT NULL,
    portfolio_hash text NOT NULL,
    config_hash text NOT NULL,
    sequence_hash text NOT NULL,
    idx integer NOT NULL,
    end_score double precision NOT NULL,
    diversification_score double precision NOT NULL,
    risk_score double precision NOT NULL,
    transaction_cost double precision NOT NULL,
    PRIMARY KEY (bucket, portfolio_hash, config_hash, sequence_hash)
  );
  CREATE INDEX evaluations_by_index ON ${S}.evaluations (bucket, idx);
  CREATE TABLE ${S}.best_result (
    bucket text PRIMARY KEY,
    portfolio_hash text NOT NULL,
    config_hash text NOT NULL,
    sequence_hash text NOT NULL,
    idx integer NOT NULL,
    score double precision NOT NULL
  );
  CREATE TABLE ${S}.buckets (
    id text PRIMARY KEY,
    kind text NOT NULL,
    config_json text NOT NULL,
    share double precision NOT NULL,
    status text NOT NULL,
    position bigserial NOT NULL
  );
  `,
  // 2: the work's description, so a worker on any machine can rebuild the scorer.
  (S) => `ALTER TABLE ${S}.work ADD COLUMN data text;`,
  // 3: each bucket's high-water mark, from which a satellite's drawdown is measured.
  (S) => `ALTER TABLE ${S}.buckets ADD COLUMN high_water_mark double precision, ADD COLUMN high_water_mark_at text;`,
  // 4: who holds each leased batch job (postgres-holder.ts), so a job whose holder is gone is handed back at once.
  (S) => `
  CREATE TABLE ${S}.job_holders (
    job_id uuid PRIMARY KEY,
    queue text NOT NULL,
    holder integer NOT NULL,
    server_start timestamptz NOT NULL
  );
  CREATE INDEX job_holders_by_queue ON ${S}.job_holders (queue);
  CREATE INDEX job_holders_by_holder ON ${S}.job_holders (holder);
  CREATE SEQUENCE ${S}.holder_ids AS integer CYCLE;
  `,
];

export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(schema)) throw new StoreError(`invalid postgres schema name '${schema}' (lower-case letters, digits, _)`);
  return `"${schema}"`;
}

/**
 * Creates or migrates the store's tables under an advisory lock (many workers
 * may start at once). A schema holding foreign tables, or one written by a
 * newer version, is a StoreError.
 */
export async function preparePostgresSchema(client: pg.PoolClient, schema: string): Promise<void> {
  const S = quoteSchema(schema);
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`planner-store:${schema}`]);
    const tables = (await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [schema],
    )).rows.map((r) => r.table_name);
    let version = 0;
    if (tables.length > 0) {
      if (!tables.includes('schema_version')) {
        throw new StoreError(`postgres schema '${schema}' holds tables that are not a planner store (${tables.slice(0, 5).join(', ')})`);
      }
      version = (await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${S}.schema_version`)).rows[0]?.v ?? 0;
    }
    if (version > POSTGRES_SCHEMA_VERSION) {
      throw new StoreError(`postgres schema '${schema}' has version ${version}; this version of @planner/store reads up to ${POSTGRES_SCHEMA_VERSION}`);
    }
    if (version < POSTGRES_SCHEMA_VERSION) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${S}`);
      for (let v = version; v < POSTGRES_SCHEMA_VERSION; v++) {
        await client.query((MIGRATIONS[v] as (s: string) => string)(S));
        if (v > 0) await client.query(`UPDATE ${S}.schema_version SET version = $1`, [v + 1]);
      }
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
