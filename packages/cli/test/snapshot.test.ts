import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scenarioDir } from './helpers.js';

const inputs = readdirSync(scenarioDir).filter((f) => f.endsWith('.input.json'));

describe('planner snapshot validate', () => {
  it('has the nine scenarios', () => expect(inputs).toHaveLength(9));

  it.each(inputs)('accepts %s', async (name) => {
    const r = await cli('snapshot', 'validate', join(scenarioDir, name));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valid snapshot \(\d+ securities, \d+ positions\)/);
  });

  const base = JSON.parse(readFileSync(join(scenarioDir, 'low_cash_needs_sells.input.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'planner-snap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cases: [string, (s: any) => void, string][] = [
    ['negative price', (s) => { s.securities[1].price = -3; }, 'securities[1].price'],
    ['negative quantity', (s) => { s.positions[0].quantity = -1; }, 'positions[0].quantity'],
    ['position in an unknown security', (s) => { s.positions[0].symbol = 'NOPE.US'; }, 'positions[0].symbol'],
    ['missing asOf', (s) => { delete s.asOf; }, 'asOf'],
  ];
  it.each(cases)('rejects a snapshot with a %s, naming the path', async (_what, mutate, path) => {
    const s = structuredClone(base);
    mutate(s);
    const file = join(dir, `${path.replace(/\W/g, '_')}.json`);
    writeFileSync(file, JSON.stringify(s));
    const r = await cli('snapshot', 'validate', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(file);
    expect(r.err).toContain(`  ${path}`);
  });
});
