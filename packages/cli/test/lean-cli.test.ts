import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStoreModule, type StoreLoaders } from '../src/commands/store-drivers.js';
import { standardModules } from '../src/modules.js';
import { isOneShotPlan } from '../src/one-shot-tiering.js';
import { runPlan } from '../src/plan-program.js';
import { run } from '../src/program.js';
import { cli, here } from './helpers.js';

const example = here('../examples/portfolio.json');
const cliPackage = JSON.parse(readFileSync(here('../package.json'), 'utf8')) as { version: string };

// Importing a driver from a directory outside the workspace fails exactly as it
// does on a machine where the driver is not installed. Node's own loader, in a
// child process, produces the error (vitest's resolves from the workspace).
const outside = mkdtempSync(join(tmpdir(), 'planner-no-driver-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

/** A loader that fails with the error of an ES import of the package from outside (ERR_MODULE_NOT_FOUND). */
function importsMissing(pkg: string): () => Promise<never> {
  const script = `import(${JSON.stringify(pkg)}).then(() => console.log('{}'), (e) => console.log(JSON.stringify({ code: e.code, message: e.message })))`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: outside, encoding: 'utf8' });
  const { code, message } = JSON.parse(r.stdout) as { code: string; message: string };
  return () => Promise.reject(Object.assign(new Error(message), { code }));
}

async function runWith(stores: StoreLoaders, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } }, standardModules(), stores);
  return { code, out, err };
}

describe('a store command whose driver is missing', () => {
  const missing: StoreLoaders = { sqlite: importsMissing('better-sqlite3'), postgres: importsMissing('pg') };

  it('bucket --db names better-sqlite3 and how to install it', async () => {
    const r = await runWith(missing, 'bucket', 'list', '--db', join(outside, 'x.sqlite'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: the SQLite store \(--db\) needs the package better-sqlite3, which is not installed: run `npm install better-sqlite3`/);
  });

  it('batch --pg names pg and pg-boss', async () => {
    const r = await runWith(missing, 'batch', '--pg', 'postgres://nowhere/x', '--bucket', 'core', '--snapshot', example);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/needs the package pg, which is not installed: run `npm install pg pg-boss`/);
  });

  it('worker names pg and pg-boss', async () => {
    const r = await runWith(missing, 'worker', '--pg', 'postgres://nowhere/x');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/PostgreSQL store .* needs the package pg, which is not installed/);
  });

  it('plan does not need any driver', async () => {
    const r = await runWith(missing, 'plan', example, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).steps.length).toBeGreaterThan(0);
  });

  it('names pg-boss when only pg-boss is missing', async () => {
    const load = importsMissing('pg-boss');
    await expect(loadStoreModule('postgres', load)).rejects.toThrow(/PostgreSQL store .* needs the package pg-boss, which is not installed: run `npm install pg pg-boss`.*Cannot find package 'pg-boss'/);
  });

  it('a loader that fails with something other than an Error: its text is the message, exit 1', async () => {
    const r = await runWith({ sqlite: () => Promise.reject('disk on fire'), postgres: importsMissing('pg') }, 'bucket', 'list', '--db', join(outside, 'x.sqlite'));
    expect(r).toEqual({ code: 1, out: '', err: 'error: disk on fire\n' });
  });

  it('other failures of a loader pass through unchanged', async () => {
    const boom = new Error('disk on fire');
    await expect(loadStoreModule('sqlite', () => Promise.reject(boom))).rejects.toBe(boom);
  });
});

describe('one-shot tuning', () => {
  it('applies to `planner plan` only: bench, batch and worker run long and keep V8\'s defaults', () => {
    expect(isOneShotPlan(['plan', example])).toBe(true);
    // Root options may come first: `planner --plugin x plan` is a one-shot plan too.
    expect(isOneShotPlan(['--plugin', './momentum.js', 'plan', example])).toBe(true);
    expect(isOneShotPlan(['--plugin=./momentum.js', '--plugin', 'other', 'plan', example])).toBe(true);
    for (const argv of [['bench', example], ['batch', '--bucket', 'plan'], ['worker'], ['--plugin', 'plan', 'bench', example], ['--bogus', 'plan'], []]) {
      expect(isOneShotPlan(argv), argv.join(' ')).toBe(false);
    }
  });
});

describe('the plan-only build (what a plain `planner plan` loads)', () => {
  const planOnly = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runPlan(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
    return { code, out, err };
  };

  it('prints the same plan as the whole command', async () => {
    const strip = (text: string) => ({ ...JSON.parse(text), timings: undefined });
    const whole = await cli('plan', example, '--json', '--preset', 'aggressive');
    const r = await planOnly('plan', example, '--json', '--preset', 'aggressive');
    expect(r.code).toBe(0);
    expect(strip(r.out)).toEqual(strip(whole.out));
  });

  it('refuses --buckets and --html (which the bin sends to the whole command) before planning, naming the option', async () => {
    expect(await planOnly('plan', example, '--html', join(outside, 'r.html'))).toEqual({ code: 1, out: '', err: expect.stringMatching(/error: --html is not part of the plan-only build/) });
    expect(await planOnly('plan', example, '--buckets', '--db', join(outside, 'b.sqlite'))).toEqual({ code: 1, out: '', err: expect.stringMatching(/error: --buckets is not part of the plan-only build/) });
  });
});

describe('--version and stdin', () => {
  it('--version prints the package version', async () => {
    const r = await cli('--version');
    expect(r).toEqual({ code: 0, out: `${cliPackage.version}\n`, err: '' });
  });

  it('`-` reads the snapshot from standard input and prints the same plan as the file', async () => {
    const tsx = here('../../../node_modules/.bin/tsx');
    const r = spawnSync(tsx, ['--conditions=source', here('../src/bin.ts'), 'plan', '-', '--json'], { input: readFileSync(example), encoding: 'utf8' });
    expect(r.status).toBe(0);
    const fromFile = await cli('plan', example, '--json');
    const strip = (text: string) => ({ ...JSON.parse(text), timings: undefined });
    expect(strip(r.stdout)).toEqual(strip(fromFile.out));
  });

  it('a bad snapshot on standard input is reported as stdin', async () => {
    const tsx = here('../../../node_modules/.bin/tsx');
    const r = spawnSync(tsx, ['--conditions=source', here('../src/bin.ts'), 'plan', '-'], { input: '{"cash": 1', encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/stdin/);
  });
});
