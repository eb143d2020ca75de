import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { here } from './helpers.js';
import { testTempDir } from './temp-store.js';

const root = here('../../../');
const script = join(root, 'tooling/check-test-fixtures.mjs');

function check(dir?: string) {
  const r = spawnSync(process.execPath, [script, ...(dir ? [dir] : [])], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function copyTree(): string {
  const dir = testTempDir('fixtures');
  cpSync(join(root, 'packages'), join(dir, 'packages'), {
    recursive: true,
    filter: (src) => !/[/\\](node_modules|dist|scenarios)([/\\]|$)/.test(src),
  });
  return dir;
}

describe('tooling/check-test-fixtures.mjs', () => {
  it('the real tree passes: every fixture builder lives in @planner/testkit', () => {
    const r = check();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('fails on a package that builds its own security or no-draw random source, not on inline test data', () => {
    const dir = copyTree();
    writeFileSync(
      join(dir, 'packages/filters/test/planted.ts'),
      [
        'export function mySecurity(symbol: string) {',
        "  return { symbol, name: symbol, productType: 'EQUITY', currency: 'EUR', price: 1, country: '', industry: '',",
        '    allowBuy: true, allowSell: true, minLot: 1, priorityMultiplier: 1, metrics: {} };',
        '}',
        "const fail = () => { throw new Error('draw'); };",
        'export const silent = { random: fail, randint: fail, choices: fail, gauss: fail };',
        "it('inline', () => { const c = { side: 'BUY', symbol: 'A', name: 'A', quantity: 1, price: 1, valueEur: 1, currency: 'EUR', priority: 1, reason: '', tags: [] }; });",
      ].join('\n'),
    );
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('2 builder(s)');
    expect(r.err).toContain('packages/filters/test/planted.ts: mySecurity builds a Security (use @planner/testkit)');
    expect(r.err).toContain('packages/filters/test/planted.ts: silent builds a RandomSource (use @planner/testkit)');
  });
});
