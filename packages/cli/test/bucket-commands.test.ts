import { join } from 'node:path';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '@planner/store/sqlite';
import { aggressiveToml, writeFile } from './batch-helpers.js';
import { useTempStore } from './temp-store.js';
import { cli, here } from './helpers.js';

const temp = useTempStore('buckets');

describe('planner bucket', () => {
  it('a bad bucket id is bad input: exit 2 and the rule, not a raw pattern', async () => {
    for (const args of [['bucket', 'add', 'bad id', '--db', temp.db, '--preset', 'default'], ['bucket', 'show', 'a/b', '--db', temp.db],
      ['batch', '--db', temp.db, '--bucket', 'x'.repeat(65), '--snapshot', here('../examples/portfolio.json')]]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/(bucket id|--bucket): expected 1 to 64 letters, digits, '_', '\.' or '-', found "/);
      expect(r.err).not.toContain('A-Za-z');
    }
    expect(existsSync(temp.db)).toBe(false); // refused before any store is created
  });

  it('--no-evaluate and --retry-failed need a PostgreSQL store (there are no SQLite workers)', async () => {
    expect((await cli('bucket', 'add', 'core', '--db', temp.db, '--preset', 'default')).code).toBe(0);
    const r = await cli('batch', '--db', temp.db, '--bucket', 'core', '--snapshot', here('../examples/portfolio.json'), '--no-evaluate');
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toContain('--no-evaluate needs --pg');
    const retry = await cli('batch', '--db', temp.db, '--bucket', 'core', '--snapshot', here('../examples/portfolio.json'), '--retry-failed');
    expect(retry).toMatchObject({ code: 2 });
    expect(retry.err).toContain('--retry-failed needs --pg');
  });

  it('add, list, show, set-config and remove', async () => {
    const toml = writeFile(temp.dir, 'aggressive.toml', aggressiveToml());
    expect(await cli('bucket', 'add', 'core', '--db', temp.db, '--config', toml)).toMatchObject({ code: 0, out: 'added bucket core (core, share 1, toml)\n' });
    // The shares may add up to at most 1.
    expect(await cli('bucket', 'add', 'momentum_1', '--db', temp.db, '--preset', 'conservative', '--share', '0.15')).toMatchObject({
      code: 2, err: "error: invalid configuration: 1 issue(s)\n  share: expected the buckets' shares to add up to at most 1, found 1.15 (core 1 + momentum_1 0.15)\n",
    });
    expect(await cli('bucket', 'set', 'core', '--db', temp.db, '--share', '0.85')).toMatchObject({ code: 0, out: 'bucket core: share 0.85, status active\n' });
    expect((await cli('bucket', 'add', 'momentum_1', '--db', temp.db, '--preset', 'conservative', '--share', '0.15')).out)
      .toBe('added bucket momentum_1 (satellite, share 0.15, preset conservative)\n');
    expect((await cli('bucket', 'set', 'momentum_1', '--db', temp.db, '--share', '0.2')).code).toBe(2);
    expect((await cli('bucket', 'set', 'momentum_1', '--db', temp.db, '--status', 'sleeping')).err).toContain('--status: expected one of research, accumulating');
    expect((await cli('bucket', 'set', 'momentum_1', '--db', temp.db)).code).toBe(2);
    expect((await cli('bucket', 'set', 'momentum_1', '--db', temp.db, '--status', 'paused')).out).toBe('bucket momentum_1: share 0.15, status paused\n');
    expect((await cli('bucket', 'set', 'momentum_1', '--db', temp.db, '--status', 'active')).code).toBe(0);
    const list = await cli('bucket', 'list', '--db', temp.db);
    expect(list.out).toBe(
      'id          kind       share  status  config\n'
      + 'core        core        0.85  active  toml\n'
      + 'momentum_1  satellite   0.15  active  preset conservative\n',
    );
    const show = await cli('bucket', 'show', 'core', '--db', temp.db);
    expect(show.out).toContain('planner: aggressive (max_depth 7, beam_width 20, seed 0)');
    expect(show.out).toContain('[sequence_generators.enhanced_combinatorial]');
    const set = await cli('bucket', 'set-config', 'momentum_1', '--db', temp.db, '--preset', 'aggressive');
    expect(set).toMatchObject({ code: 0, out: 'bucket momentum_1 now plans with preset aggressive\n' });
    expect((await cli('bucket', 'show', 'momentum_1', '--db', temp.db)).out).toContain('config: preset aggressive');
    expect(await cli('bucket', 'remove', 'momentum_1', '--db', temp.db)).toMatchObject({ code: 0, out: 'removed bucket momentum_1\n' });
    expect((await cli('bucket', 'list', '--db', temp.db)).out).not.toContain('momentum_1');
    // The registry is the store's: readable without the CLI.
    const store = createSqliteStore({ path: temp.db });
    expect((await store.buckets.list()).map((b) => b.id)).toEqual(['core']);
    await store.close();
  });

  it('a bucket configured by sliders (as the web page stores it) is listed and shown with its sliders', async () => {
    expect((await cli('bucket', 'add', 'core', '--db', temp.db, '--preset', 'default')).code).toBe(0);
    const store = createSqliteStore({ path: temp.db });
    await store.buckets.update('core', { config: { sliders: { riskAppetite: 0.9 } } });
    await store.close();
    expect((await cli('bucket', 'list', '--db', temp.db)).out).toContain('core  core      1  active  sliders {"riskAppetite":0.9}\n');
    const show = await cli('bucket', 'show', 'core', '--db', temp.db);
    expect(show.code, show.err).toBe(0);
    expect(show.out).toContain('config: sliders {"riskAppetite":0.9}\n');
    expect(show.out).toMatch(/^planner: .* \(max_depth \d+, beam_width \d+, seed 0\)$/m);
  });

  it('an empty registry says so', async () => {
    await createSqliteStore({ path: temp.db }).close();
    expect(await cli('bucket', 'list', '--db', temp.db)).toMatchObject({ code: 0, out: 'no buckets\n' });
  });

  it('a --db file that does not exist is refused by every command but bucket add, and nothing is created', async () => {
    const typo = join(temp.dir, 'plannr.sqlite');
    const commands: string[][] = [
      ['bucket', 'list'], ['bucket', 'show', 'core'], ['bucket', 'remove', 'core'],
      ['bucket', 'set-config', 'core', '--preset', 'default'],
      ['batch', '--bucket', 'core', '--snapshot', here('../examples/portfolio.json')],
    ];
    for (const args of commands) {
      const r = await cli(...args, '--db', typo);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(`--db: expected an existing SQLite store, found no file ${JSON.stringify(typo)}`);
      expect(existsSync(typo), args.join(' ')).toBe(false);
    }
    expect((await cli('bucket', 'add', 'core', '--db', typo, '--preset', 'default')).code).toBe(0);
    expect(existsSync(typo)).toBe(true);
    expect((await cli('bucket', 'list', '--db', typo)).out).toContain('core');
  });

  it('a --db or --pg no command should open is refused before anything is created (bucket add reported a bucket in a store that was gone)', async () => {
    const folder = join(temp.dir, 'a-folder.sqlite');
    mkdirSync(folder);
    const cases: [string[], string][] = [
      [['--db', ''], '  --db: expected a SQLite file name, found "" (the store would be gone when the command ends)'],
      [['--db', ':memory:'], '  --db: expected a SQLite file name, found ":memory:" (the store would be gone when the command ends)'],
      [['--db', folder], `  --db: expected a SQLite file, found the directory ${JSON.stringify(folder)}`],
      [['--pg', 'notaurl'], '  --pg: expected a connection URL (postgres://user@host:5432/database) or a socket directory, found "notaurl"'],
    ];
    for (const [store, line] of cases) {
      for (const args of [['bucket', 'add', 'core', '--preset', 'default'], ['bucket', 'list'], ['worker']]) {
        if (args[0] === 'worker' && store[0] === '--db') continue;
        const r = await cli(...args, ...store);
        expect([r.code, r.out], `${args.join(' ')} ${store.join(' ')}`).toEqual([2, '']);
        expect(r.err).toBe(`error: invalid configuration: 1 issue(s)\n${line}\n`);
      }
    }
    expect(readdirSync(temp.dir).sort()).toEqual(['a-folder.sqlite']);
  });

  it('a --config file it cannot read is worded as plan --config words it (it was the system error: ENOENT, EISDIR)', async () => {
    const folder = join(temp.dir, 'conf.d');
    mkdirSync(folder);
    const utf16 = join(temp.dir, 'utf16.toml');
    writeFileSync(utf16, Uint8Array.from([0xff, 0xfe, 0x61, 0x00]));
    const cases: [string, string][] = [
      [join(temp.dir, 'missing.toml'), 'file not found'],
      [folder, 'expected a file, found a directory'],
      [utf16, 'expected UTF-8 text, found UTF-16 (byte-order mark FF FE): save the file as UTF-8'],
    ];
    for (const [file, reason] of cases) {
      for (const args of [['bucket', 'add', 'core'], ['bucket', 'set-config', 'core']]) {
        const r = await cli(...args, '--db', temp.db, '--config', file);
        expect([r.code, r.out]).toEqual([2, '']);
        expect(r.err).toBe(`error: invalid configuration in ${file}: 1 issue(s)\n  (root): ${reason}\n`);
      }
    }
  });

  it('a --config that extends a file is stored resolved (the stored text has no directory)', async () => {
    writeFile(temp.dir, 'base.toml', 'extends = "aggressive"\n[planner]\nbeam_width = 12\n');
    const mine = writeFile(temp.dir, 'mine.toml', 'extends = "./base.toml"\n[planner]\nmax_depth = 3\n');
    expect((await cli('bucket', 'add', 'core', '--db', temp.db, '--config', mine)).code).toBe(0);
    const show = await cli('bucket', 'show', 'core', '--db', temp.db);
    expect(show.out).toContain('planner: aggressive (max_depth 3, beam_width 12, seed 0)');
    expect(show.out).not.toContain('extends');
  });

  it('rejects bad input with exit code 2 and stores nothing', async () => {
    const bad = writeFile(temp.dir, 'bad.toml', '[planner]\nmax_depth = "deep"\n');
    const cases: string[][] = [
      ['bucket', 'add', 'core', '--preset', 'default'], // no store
      ['bucket', 'add', 'core', '--db', temp.db, '--pg', 'postgres://x', '--preset', 'default'],
      ['bucket', 'add', 'core', '--db', temp.db], // no config
      ['bucket', 'add', 'core', '--db', temp.db, '--preset', 'default', '--config', bad],
      ['bucket', 'add', 'core', '--db', temp.db, '--config', bad],
      ['bucket', 'add', 'core', '--db', temp.db, '--preset', 'nope'],
      ['bucket', 'add', 'core', '--db', temp.db, '--config', join(temp.dir, 'missing.toml')],
      ['bucket', 'add', 'sat', '--db', temp.db, '--preset', 'default', '--share', '1.5'],
      ['bucket', 'add', 'sat', '--db', temp.db, '--preset', 'default', '--kind', 'moon'],
    ];
    for (const args of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(/^error: /);
    }
    expect((await cli('bucket', 'list', '--db', temp.db)).out).toBe('no buckets\n');
  });

  it('unknown buckets, duplicates and a second core bucket are errors (exit 1)', async () => {
    expect((await cli('bucket', 'add', 'core', '--db', temp.db, '--preset', 'default')).code).toBe(0);
    expect((await cli('bucket', 'add', 'sat', '--db', temp.db, '--preset', 'default')).code).toBe(0);
    const dup = await cli('bucket', 'add', 'sat', '--db', temp.db, '--preset', 'conservative');
    expect(dup).toMatchObject({ code: 1, err: "error: bucket 'sat' already exists\n" });
    expect((await cli('bucket', 'add', 'core2', '--db', temp.db, '--preset', 'default', '--kind', 'core')).err).toContain('already a core bucket');
    for (const sub of [['show', 'nope'], ['remove', 'nope'], ['set-config', 'nope', '--preset', 'default']]) {
      const r = await cli('bucket', ...sub, '--db', temp.db);
      expect(r.code, sub.join(' ')).toBe(1);
      expect(r.err).toContain("bucket 'nope' does not exist");
    }
  });
});
