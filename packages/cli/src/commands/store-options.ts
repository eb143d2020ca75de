import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError } from '@planner/contracts';
import type { PlannerStore } from '@planner/store';
import { defaultStoreLoaders, loadStoreModule, type StoreLoaders } from './store-drivers.js';

export interface StoreChoice {
  readonly db?: string;
  readonly pg?: string;
}

/** Adds `--db FILE.sqlite` and `--pg URL` (exactly one is required). */
export function withStoreOptions(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'SQLite file of the buckets and their stored work (must exist; `bucket add` creates it)')
    .option('--pg <url>', 'PostgreSQL connection string (many worker processes)');
}

/**
 * Opens the chosen store, loading it (and its driver) now; with PostgreSQL,
 * `batchSize` is the size of the queued batch jobs. A missing `--db` file is
 * refused unless `create` (only `bucket add` creates a store): a misspelt
 * name must not start an empty one.
 */
export async function openStore(
  choice: StoreChoice, batchSize?: number, loaders: StoreLoaders = defaultStoreLoaders,
  options: { create?: boolean; onConnectionLost?: (info: ConnectionLost) => void; signal?: AbortSignal } = {},
): Promise<PlannerStore> {
  if ((choice.db === undefined) === (choice.pg === undefined)) {
    throw new ConfigError([{ path: '', message: 'give exactly one of --db FILE.sqlite or --pg URL' }]);
  }
  checkStoreChoice(choice);
  if (choice.db !== undefined) {
    const { createSqliteStore } = await loadStoreModule('sqlite', loaders.sqlite);
    if (options.create !== true && !existsSync(choice.db)) {
      throw new ConfigError([{
        path: '--db',
        message: `expected an existing SQLite store, found no file ${JSON.stringify(choice.db)} (check the name; 'planner bucket add' creates a store)`,
      }]);
    }
    return createSqliteStore({ path: choice.db });
  }
  const { createPostgresStore } = await loadStoreModule('postgres', loaders.postgres);
  return createPostgresStore({
    connectionString: choice.pg as string,
    ...(batchSize === undefined ? {} : { batchSize }),
    ...(options.onConnectionLost ? { onConnectionLost: options.onConnectionLost } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/**
 * Refuses a store no command should open (exit 2, before any driver loads):
 * an empty `--db` or `:memory:` (SQLite opens a temporary or in-memory
 * database, so `bucket add` would report a bucket that is gone when it ends),
 * a directory, and a `--pg` that is neither a URL nor a socket path (the
 * driver would read it as a path under the host "base").
 */
export function checkStoreChoice(choice: StoreChoice): void {
  const refuse = (path: string, message: string): never => {
    throw new ConfigError([{ path, message }]);
  };
  const { db, pg } = choice;
  if (db !== undefined) {
    if (db.trim() === '' || db === ':memory:') refuse('--db', `expected a SQLite file name, found ${JSON.stringify(db)} (the store would be gone when the command ends)`);
    if (existsSync(db) && statSync(db).isDirectory()) refuse('--db', `expected a SQLite file, found the directory ${JSON.stringify(db)}`);
  }
  if (pg !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(pg) && !pg.startsWith('/')) {
    refuse('--pg', `expected a connection URL (postgres://user@host:5432/database) or a socket directory, found ${JSON.stringify(pg)}`);
  }
}

/** What the PostgreSQL store reports while it retries after losing its server. */
export interface ConnectionLost {
  readonly op: string;
  readonly error: string;
  readonly retryInMs: number;
}

/** A stderr line for a lost connection (the store retries with backoff, then gives up with an error). */
export const connectionLostLine = (i: ConnectionLost): string =>
  `postgres: lost the connection in ${i.op} (${i.error}); reconnecting in ${(i.retryInMs / 1000).toFixed(1)} s\n`;

/** A bucket id as the stores accept it; anything else is bad input (exit 2), named with the rule. */
export async function parseBucketId(text: string, what = 'bucket id'): Promise<string> {
  const { BUCKET_ID_PATTERN, BUCKET_ID_RULE } = await import('@planner/store');
  if (!BUCKET_ID_PATTERN.test(text)) {
    throw new ConfigError([{ path: what, message: `${what}: expected ${BUCKET_ID_RULE}, found ${JSON.stringify(text)}` }]);
  }
  return text;
}

/** A positive integer option (`--batch-size`, `--concurrency`). */
export function parsePositive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  // Digits only, as --seed: Number() would also take ' 5', '1e3' and '0x10'.
  const n = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new ConfigError([{ path: '', message: `${name}: expected an integer at least 1, found ${JSON.stringify(text)}` }]);
  }
  return n;
}
