import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, onTestFinished } from 'vitest';
import { tempDir } from './batch-helpers.js';

export interface TempStore {
  /** This test's own temporary folder, removed after the test. */
  readonly dir: string;
  /** `planner.sqlite` in `dir`; not created here (the code under test creates it). */
  readonly db: string;
}

/**
 * A fresh temporary folder and SQLite path for every test of the calling
 * file (or describe block), removed after each test. Read `dir` and `db`
 * inside tests and hooks: they change from test to test.
 */
export function useTempStore(prefix: string): TempStore {
  let dir: string | undefined;
  beforeEach(() => {
    dir = tempDir(prefix);
  });
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const current = (): string => {
    if (dir === undefined) throw new Error(`useTempStore('${prefix}'): dir and db exist only while a test runs`);
    return dir;
  };
  return {
    get dir() {
      return current();
    },
    get db() {
      return join(current(), 'planner.sqlite');
    },
  };
}

/** A temporary folder of the running test, removed when it finishes (passed or failed). Call it inside a test. */
export function testTempDir(prefix: string): string {
  const dir = tempDir(prefix);
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
