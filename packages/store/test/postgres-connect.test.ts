import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '@planner/contracts';
import { createPostgresStore, runPostgresWorker } from '../src/postgres.js';
import { startPgServer } from '../src/testing.js';

// A server that accepts connections and never answers: a firewall or a hung database.
let silent: Server;
let silentPort = 0;
const sockets: Socket[] = [];
beforeAll(async () => {
  silent = createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const addr = silent.address();
  silentPort = typeof addr === 'object' && addr ? addr.port : 0;
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  silent.close();
});

async function failure(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(StoreError);
  return e as Error;
}

describe('postgres connection failures', () => {
  it('never prints a password, given as user-info or as ?password=', async () => {
    // Port 1 on loopback: refused at once.
    for (const url of ['postgres://planner:s3cret-A@127.0.0.1:1/db', 'postgres://planner@127.0.0.1:1/db?password=s3cret-A&sslmode=disable']) {
      const e = await failure(createPostgresStore({ connectionString: url }));
      expect(e.message).toMatch(/cannot connect to postgres store/);
      expect(e.message).not.toContain('s3cret-A');
      expect(e.message).toContain('127.0.0.1:1');
    }
  });

  it('a server that never answers: a clear error after the bounded connect timeout, from the store and from a worker', async () => {
    const url = `postgres://planner:s3cret-B@127.0.0.1:${silentPort}/db`;
    const e = await failure(createPostgresStore({ connectionString: url, connectTimeoutSeconds: 2 }));
    expect(e.message).toMatch(/cannot connect to postgres store .*127\.0\.0\.1.*timeout/i);
    expect(e.message).not.toContain('s3cret-B');
    const w = await failure(runPostgresWorker({ connectionString: url, connectTimeoutSeconds: 2, evaluate: () => [] }));
    expect(w.message).toMatch(/cannot connect to postgres store .*timeout/i);
  });

  it('a wrong password: a clear error at once (no retries, nothing hangs), the password masked', async () => {
    const server = await startPgServer({ password: 'right-one' });
    try {
      const url = `postgres://postgres:wrong-one@127.0.0.1:${server.port}/postgres`;
      const e = await failure(createPostgresStore({ connectionString: url }));
      expect(e.message).toMatch(/cannot connect to postgres store .*password authentication failed for user "postgres"/);
      expect(e.message).not.toContain('wrong-one');
      const ok = await createPostgresStore({ connectionString: server.connectionString });
      await ok.close();
    } finally {
      server.stop();
    }
  }, 180_000);
});
