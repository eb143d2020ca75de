import { StoreError } from '@planner/contracts';
import type BetterSqlite3 from 'better-sqlite3';

/** `PRAGMA application_id` of a planner store ("PLNR"): tells our files from foreign SQLite files. */
export const SQLITE_APPLICATION_ID = 0x504c4e52;
export const SQLITE_SCHEMA_VERSION = 3;

/** Migrations by target version; index 0 creates version 1. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE schema_version (version INTEGER NOT NULL);
  INSERT INTO schema_version (version) VALUES (1);
  CREATE TABLE work (
    bucket TEXT PRIMARY KEY,
    portfolio_hash TEXT NOT NULL,
    config_hash TEXT NOT NULL
  );
  CREATE TABLE sequences (
    bucket TEXT NOT NULL,
    sequence_hash TEXT NOT NULL,
    idx INTEGER NOT NULL,
    priority REAL NOT NULL,
    depth INTEGER NOT NULL,
    pattern_type TEXT NOT NULL,
    sequence_json TEXT NOT NULL,
    PRIMARY KEY (bucket, sequence_hash),
    UNIQUE (bucket, idx)
  );
  CREATE TABLE evaluations (
    bucket TEXT NOT NULL,
    portfolio_hash TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    sequence_hash TEXT NOT NULL,
    idx INTEGER NOT NULL,
    end_score REAL NOT NULL,
    diversification_score REAL NOT NULL,
    risk_score REAL NOT NULL,
    transaction_cost REAL NOT NULL,
    PRIMARY KEY (bucket, portfolio_hash, config_hash, sequence_hash)
  );
  CREATE INDEX evaluations_by_index ON evaluations (bucket, idx);
  CREATE TABLE best_result (
    bucket TEXT PRIMARY KEY,
    portfolio_hash TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    sequence_hash TEXT NOT NULL,
    idx INTEGER NOT NULL,
    score REAL NOT NULL
  );
  CREATE TABLE buckets (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    config_json TEXT NOT NULL,
    share REAL NOT NULL,
    status TEXT NOT NULL,
    position INTEGER NOT NULL
  );
  `,
  // 2: the work's description, so a worker can rebuild the scorer from the database alone.
  `ALTER TABLE work ADD COLUMN data TEXT;`,
  // 3: each bucket's high-water mark, from which a satellite's drawdown is measured.
  `ALTER TABLE buckets ADD COLUMN high_water_mark REAL; ALTER TABLE buckets ADD COLUMN high_water_mark_at TEXT;`,
];

/**
 * Checks, reading only, that the file is ours (or empty) and intact; returns
 * its schema version (0: empty). Anything else is a StoreError: a foreign or
 * damaged file must never be read as planner work, nor be written to.
 */
export function checkSqliteFile(db: BetterSqlite3.Database, where: string): number {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const tableCount = (db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n;
  if (appId !== SQLITE_APPLICATION_ID) {
    if (appId !== 0 || tableCount > 0) {
      throw new StoreError(`sqlite store ${where} is not a planner store (foreign SQLite database, application_id ${appId})`);
    }
    return 0;
  }
  const check = db.pragma('quick_check', { simple: true }) as string;
  if (check !== 'ok') throw new StoreError(`sqlite store ${where} is corrupt: ${check}`);
  const row = db.prepare(`SELECT max(version) AS v FROM schema_version`).get() as { v: number | null } | undefined;
  const version = row?.v ?? 0;
  if (version > SQLITE_SCHEMA_VERSION) {
    throw new StoreError(`sqlite store ${where} has schema version ${version}; this version of @planner/store reads up to ${SQLITE_SCHEMA_VERSION}`);
  }
  return version;
}

/** Brings a checked file (`checkSqliteFile`) from `version` to the current schema, in one transaction. */
export function migrateSqliteSchema(db: BetterSqlite3.Database, version: number): void {
  if (version === SQLITE_SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = version; v < SQLITE_SCHEMA_VERSION; v++) {
      db.exec(MIGRATIONS[v] as string);
      if (v > 0) db.prepare(`UPDATE schema_version SET version = ?`).run(v + 1);
    }
    db.pragma(`application_id = ${SQLITE_APPLICATION_ID}`);
  })();
}
