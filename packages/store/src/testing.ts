import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway PostgreSQL server on a free loopback port, for tests and benchmarks (`@planner/store/testing`). */
export interface PgServer {
  readonly connectionString: string;
  readonly port: number;
  /** A fresh database on this server; returns its connection string. */
  createDatabase(name: string): string;
  /** Stops the server at once (as if the machine went away). */
  kill(): void;
  stop(): void;
}

/** Finds pg_ctl/initdb: $PG_BIN, then the newest /usr/lib/postgresql/<v>/bin, then PATH. Throws when absent. */
export function findPgBin(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(join(root, v, 'bin'));
  }
  for (const dir of candidates) if (existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb'))) return dir;
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  const onPath = which.stdout.trim();
  if (which.status === 0 && onPath) return onPath.replace(/\/pg_ctl$/, '');
  // Fail, never skip: CI must run the PostgreSQL tests (.ci/run installs the package).
  throw new Error('PostgreSQL binaries (pg_ctl, initdb) not found: install them (apt-get install -y postgresql) or set PG_BIN');
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

/** Starts a server; as root it runs as the `postgres` user because initdb refuses root. */
export async function startPgServer(): Promise<PgServer> {
  const bin = findPgBin();
  const dir = mkdtempSync(join(tmpdir(), 'planner-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]): void => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(file as string, argv as string[], { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      run('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`, 'start']);
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  const base = `postgres://postgres@127.0.0.1:${port}`;
  let stopped = false;
  const stop = (mode: 'fast' | 'immediate'): void => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    connectionString: `${base}/postgres`,
    port,
    createDatabase(name) {
      const r = spawnSync(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', `CREATE DATABASE "${name}"`], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`create database ${name} failed: ${r.stderr}`);
      return `${base}/${name}`;
    },
    kill: () => stop('immediate'),
    stop: () => stop('fast'),
  };
}
