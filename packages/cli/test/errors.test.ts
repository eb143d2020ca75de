import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, here, spawnCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'planner-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('CLI errors (spawned)', () => {
  it('a bad config: exit 2, file, path and line on stderr, no stack trace', () => {
    const path = file('bad.toml', '[planner]\nmax_depth = 0\n');
    const r = spawnCli('config', 'validate', path);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`invalid configuration in ${path}`);
    expect(r.err).toContain('planner.max_depth (line 2): expected a value at least 1, found 0');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
  });

  it('a bad snapshot: exit 2 with the path of the field', () => {
    const path = file('bad.json', JSON.stringify({ asOf: '2026-01-02T12:00:00Z', baseCurrency: 'EUR', cash: {}, fxRates: {}, securities: [{ symbol: 'A' }], positions: [], targets: {} }));
    const r = spawnCli('plan', path);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`invalid snapshot in ${path}`);
    expect(r.err).toContain('securities[0].');
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('CLI errors (in-process)', () => {
  it('malformed TOML names the line', async () => {
    const path = file('syntax.toml', '[planner]\nname = "x\n');
    const r = await cli('config', 'validate', path);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\(line 2\): malformed TOML/);
  });

  it('an unknown module lists the known ones', async () => {
    const r = await cli('config', 'validate', file('unknown.toml', '[filters.nope]\n'));
    expect(r.code).toBe(2);
    expect(r.err).toContain("filters.nope (line 1): unknown filter 'nope' (known: correlation_aware, diversity, eligibility, recently_traded)");
  });

  it('a missing file', async () => {
    const r = await cli('snapshot', 'validate', join(dir, 'missing.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('missing.json');
    expect(r.err).toContain('file not found');
  });

  it('a directory given as the snapshot or the configuration is named as one (not EISDIR)', async () => {
    const r = await cli('plan', dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: invalid snapshot in ${dir}: 1 issue(s)\n  (root): expected a file, found a directory\n`);
    const config = await cli('plan', here('../examples/portfolio.json'), '--config', dir, '--json');
    expect(config.code).toBe(2);
    expect(config.out).toBe('');
    expect(config.err).toBe(`error: invalid configuration in ${dir}: 1 issue(s)\n  (root): expected a file, found a directory\n`);
  });

  it('--preset and --config together, an unknown preset, a bad seed', async () => {
    expect((await cli('config', 'show', '--preset', 'default', '--config', 'x.toml')).err).toContain('either --preset or --config');
    const unknown = await cli('config', 'show', '--preset', 'bold');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown preset 'bold' (known: aggressive, conservative, default)");
    for (const bad of ['x', '-1', '1.5', '1e999', '', ' 5', '1e3', '0x10', '9007199254740992']) {
      const seed = await cli('plan', here('../examples/portfolio.json'), '--seed', bad, '--json');
      expect([seed.code, seed.out]).toEqual([2, '']);
      expect(seed.err).toBe(`error: invalid configuration: 1 issue(s)\n  planner.seed: --seed: expected an integer from 0 to 9007199254740991, found ${JSON.stringify(bad)}\n`);
    }
    expect((await cli('plan', here('../examples/portfolio.json'), '--seed', '9007199254740991', '--json')).code).toBe(0);
  });

  it('bench with --runs 0 or a word: exit 2, no stack trace', async () => {
    for (const runs of ['0', 'abc', '-3', '1.5', '1e3', '0x10', ' 5', '']) {
      const r = await cli('bench', here('../examples/portfolio.json'), '--runs', runs);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--runs: expected an integer at least 1, found "${runs}"`);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('bench - is refused (exit 2, no stack trace): it read standard input twice, and its fresh processes got none', async () => {
    for (const extra of [[], ['--cold', '--processes', '1'], ['--warm-processes', '2']]) {
      const r = await cli('bench', '-', '--runs', '1', '--json', ...extra);
      expect([r.code, r.out]).toEqual([2, '']);
      expect(r.err).toBe('error: invalid configuration: 1 issue(s)\n  (root): bench: expected a snapshot file, found - (the bench reads the snapshot more than once, and in fresh processes)\n');
    }
  });

  it('an unknown command is a usage error', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(1);
    expect(r.err).toContain("unknown command 'frobnicate'");
  });
});
