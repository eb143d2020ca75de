import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '@planner/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, here, scenarioDir } from './helpers.js';

// Issue 14 point 5: hostile or broken input files get a clear error (exit 2),
// never NaN, a silently changed plan, an endless read or raw control bytes.
const dir = mkdtempSync(join(tmpdir(), 'planner-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = here('../examples/portfolio.json');
const exampleText = readFileSync(example, 'utf8');
const write = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const withSnapshot = (edit: (s: Record<string, any>) => void): string => {
  const s = JSON.parse(exampleText) as Record<string, any>;
  edit(s);
  return JSON.stringify(s);
};

describe('overflow: derived values must be finite', () => {
  it.each([
    ['a held quantity of 1e308', (s: Record<string, any>) => { s.positions[0].quantity = 1e308; }, /positions\[0\]: expected a market value in EUR that is finite/],
    ['a held price of 1e308', (s: Record<string, any>) => {
      const i = s.securities.findIndex((x: { symbol: string }) => x.symbol === s.positions[0].symbol);
      s.securities[i].price = 1e308;
      s.securities[i].minLot = 10;
    }, /securities\[\d+\]\.price: expected a price whose lot value in EUR is finite/],
    ['cash summing to Infinity', (s: Record<string, any>) => { s.cash = { EUR: 1e308, USD: 1e308 }; s.fxRates.USD ??= 1.08; }, /cash: expected balances whose sum in EUR is finite, found a sum of Infinity/],
  ])('%s is refused', async (_, edit, message) => {
    const r = await cli('plan', write('overflow.json', withSnapshot(edit)));
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('transaction_cost_fixed = 1e308 is refused', async () => {
    const r = await cli('plan', example, '--config', write('cost.toml', 'extends = "default"\n[planner]\ntransaction_cost_fixed = 1e308\n'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/planner\.transaction_cost_fixed \(line 3\): expected a value at most 1000000000000, found 1e\+308/);
  });
});

describe('keys named like built-ins', () => {
  const scenario = readFileSync(join(scenarioDir, 'rebalance_country_industry.input.json'), 'utf8');
  const steps = (p: Plan) => p.steps.map((s) => [s.side, s.symbol, s.quantity]);

  it('a country group keyed __proto__ is kept: the plan is that of the same group under another name', async () => {
    const renamed = write('proto.json', scenario.replaceAll('"UK"', '"__proto__"'));
    const a = await cli('plan', join(scenarioDir, 'rebalance_country_industry.input.json'), '--seed', '7', '--json');
    const b = await cli('plan', renamed, '--seed', '7', '--json');
    expect(b.code, b.err).toBe(0);
    const [pa, pb] = [JSON.parse(a.out) as Plan, JSON.parse(b.out) as Plan];
    expect(steps(pb)).toEqual(steps(pa));
    expect([pb.currentScore, pb.endStateScore]).toEqual([pa.currentScore, pa.endStateScore]);
  });

  it('a __proto__ weight is validated like any other', async () => {
    const r = await cli('plan', write('proto-neg.json', scenario.replace('"UK": 0.1', '"__proto__": -0.1')));
    expect(r.code).toBe(2);
    expect(r.err).toContain('targets.countries.__proto__: expected a number >= 0, found -0.1');
  });

  it('a digit-only group name is kept in its place: the plan is that of the same group under another name', async () => {
    const a = await cli('plan', join(scenarioDir, 'rebalance_country_industry.input.json'), '--seed', '7', '--json');
    const b = await cli('plan', write('digits.json', scenario.replaceAll('"UK"', '"10"')), '--seed', '7', '--json');
    expect(b.code, b.err).toBe(0);
    const [pa, pb] = [JSON.parse(a.out) as Plan, JSON.parse(b.out) as Plan];
    expect(steps(pb)).toEqual(steps(pa));
    expect([pb.currentScore, pb.endStateScore]).toEqual([pa.currentScore, pa.endStateScore]);
  });
});

describe('unbounded input', () => {
  it('planner plan /dev/zero stops at once with a clear message', async () => {
    const r = await cli('plan', '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.err).toContain('expected UTF-8 text, found NUL bytes');
  });

  it('a file above the size limit is refused; --max-input-mb raises the limit', async () => {
    const big = write('big.json', `${' '.repeat(1_200_000)}${exampleText}`);
    const r = await cli('plan', big, '--max-input-mb', '1');
    expect(r.code).toBe(2);
    expect(r.err).toContain('larger than the size limit of 1048576 bytes (1.0 MiB); raise it with --max-input-mb');
    expect((await cli('plan', big, '--max-input-mb', '2')).code).toBe(0);
    expect((await cli('snapshot', 'validate', big, '--max-input-mb', '0')).err).toContain('--max-input-mb: expected a number of MiB above 0, found "0"');
  });
});

describe('messages', () => {
  it('a JSON file with a byte-order mark is accepted, as a TOML file with one is', async () => {
    expect((await cli('snapshot', 'validate', write('bom.json', `\uFEFF${exampleText}`))).code).toBe(0);
    const toml = write('bom.toml', '\uFEFFextends = "default"\n[planner]\nmax_depth = 3\n');
    expect((await cli('config', 'validate', toml)).code).toBe(0);
  });

  it('a UTF-16 file is named as such, and no NUL byte is printed', async () => {
    const r = await cli('snapshot', 'validate', write('utf16.json', Buffer.from(`\uFEFF${exampleText}`, 'utf16le')));
    expect(r.code).toBe(2);
    expect(r.err).toContain('expected UTF-8 text, found UTF-16 (byte-order mark FF FE): save the file as UTF-8');
    expect(r.err).not.toContain('\u0000');
  });

  it('a UTF-16 configuration file is named as such too (the plugin step leaves the read error to the configuration step)', async () => {
    const toml = write('utf16.toml', Buffer.from('\uFEFFextends = "default"\n', 'utf16le'));
    for (const argv of [['plan', example, '--config', toml], ['config', 'validate', toml]]) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toContain('expected UTF-8 text, found UTF-16 (byte-order mark FF FE): save the file as UTF-8');
    }
  });

  it('5,000 unknown keys: the known keys are listed once and the message is capped', async () => {
    const snapshot = withSnapshot((s) => { for (let i = 0; i < 5000; i++) s[`extra${i}`] = 1; });
    const r = await cli('snapshot', 'validate', write('unknown.json', snapshot));
    expect(r.code).toBe(2);
    expect(r.err.length).toBeLessThan(20_000);
    expect(r.err).toContain('5000 issue(s)');
    expect(r.err).toContain('... and 4950 more issue(s)');
    expect(r.err.match(/asOf, baseCurrency/g)).toHaveLength(1);
    const toml = `extends = "default"\n[planner]\n${Array.from({ length: 5000 }, (_, i) => `extra_${i} = 1`).join('\n')}\n`;
    const c = await cli('config', 'validate', write('unknown.toml', toml));
    expect(c.code).toBe(2);
    expect(c.err.length).toBeLessThan(20_000);
    expect(c.err.match(/max_depth, max_opportunities_per_category/g)).toHaveLength(1);
  });

  it('control characters of a TOML name are printed escaped, not sent to the terminal', async () => {
    const toml = write('ansi.toml', 'extends = "default"\n[planner]\nname = "\\u001b[31mRED\\u001b[0m\\r"\n');
    const r = await cli('config', 'validate', toml);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("valid configuration '\\x1b[31mRED\\x1b[0m\\x0d'");
    expect(r.out).not.toMatch(/[\u001b\r]/);
    const plan = await cli('plan', example, '--config', toml);
    expect(plan.out + plan.err).not.toMatch(/[\u001b\r]/);
  });

  it('a bidi override in a name is printed as its code, so it cannot reorder the line', async () => {
    const toml = write('bidi.toml', 'extends = "default"\n[planner]\nname = "abc\u202edef"\n');
    const r = await cli('config', 'validate', toml);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("valid configuration 'abc\\u202edef'");
  });
});
