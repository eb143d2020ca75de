import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../src/sqlite.js';
import { storeContract } from './contract.js';

storeContract('sqlite :memory:', async () => createSqliteStore({ path: ':memory:' }));

let dir: string | undefined;
storeContract(
  'sqlite file',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'planner-store-'));
    return createSqliteStore({ path: join(dir, 'work.db') });
  },
  async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
);
