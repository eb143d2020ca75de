import { StoreError } from '@planner/contracts';

// The store commands (bucket, batch, worker) load their store and its database
// driver only when they run, so `planner plan` never loads better-sqlite3, pg or
// pg-boss, and a user who only plans needs none of them installed.

/** Which packages a store needs, named in the error when one is missing. */
export const STORE_DRIVERS = {
  sqlite: { what: 'the SQLite store (--db)', packages: ['better-sqlite3'] },
  postgres: { what: 'the PostgreSQL store (--pg) and `planner worker`', packages: ['pg', 'pg-boss'] },
} as const;

export type StoreKind = keyof typeof STORE_DRIVERS;

function isModuleNotFound(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND');
}

/**
 * Runs `load` (a dynamic import of a store module); when a module is missing,
 * throws a StoreError that names the driver packages to install.
 */
export async function loadStoreModule<T>(kind: StoreKind, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!isModuleNotFound(error)) throw error;
    const { what, packages } = STORE_DRIVERS[kind];
    const missing = packages.find((p) => error.message.includes(`'${p}'`));
    const names = packages.join(' ');
    throw new StoreError(
      `${what} needs ${missing === undefined ? `the package(s) ${packages.join(', ')}` : `the package ${missing}`}, which is not installed: ` +
        `run \`npm install ${names}\` (or \`pnpm add ${names}\`) next to @planner/cli. (${error.message.split('\n')[0]})`,
      { cause: error },
    );
  }
}

/** The store modules, loaded on first use; tests replace them to simulate a missing driver. */
export interface StoreLoaders {
  readonly sqlite: () => Promise<typeof import('@planner/store/sqlite')>;
  readonly postgres: () => Promise<typeof import('@planner/store/postgres')>;
}

export const defaultStoreLoaders: StoreLoaders = {
  sqlite: () => import('@planner/store/sqlite'),
  postgres: () => import('@planner/store/postgres'),
};
