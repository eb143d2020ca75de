import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AllBucketsPlan } from '@planner/buckets';
import type { Plan } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { addReadmeBuckets, sliceFile, withoutTimings, writeFile } from './batch-helpers.js';
import { useTempStore } from './temp-store.js';
import { cli, here } from './helpers.js';

// The README's two-bucket example: core (aggressive, share 0.85) and the
// satellite momentum_1 (conservative, share 0.15) on examples/two-buckets.json.
const example = here('../examples/two-buckets.json');
const SATELLITE = new Set(['AAPL.US', 'MSFT.US', 'NVDA.US', 'ASML.EU', 'SAP.EU', 'NOKIA.EU', 'JPM.US']);

const temp = useTempStore('plan-buckets');

describe('planner plan --buckets', () => {
  it('plans each bucket on its own part of the portfolio, the satellite with its share of the cash only', async () => {
    await addReadmeBuckets(temp.db);
    const r = await cli('plan', example, '--buckets', '--db', temp.db, '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as AllBucketsPlan;
    const [core, sat] = result.buckets;
    expect([core!.id, sat!.id]).toEqual(['core', 'momentum_1']);
    // 6000 EUR cash, 500 reserve: the satellite holds 15 % of both, the core 85 %.
    expect(sat!.cash.balances).toEqual({ EUR: 900 });
    expect(sat!.plan!.availableCashEur).toBeCloseTo(825, 9);
    expect(core!.plan!.availableCashEur).toBeCloseTo(4675, 9);
    expect(sat!.plan!.steps.length).toBeGreaterThan(0);
    for (const s of sat!.plan!.steps) expect(SATELLITE.has(s.symbol), s.symbol).toBe(true);
    for (const s of core!.plan!.steps) expect(SATELLITE.has(s.symbol), s.symbol).toBe(false);
    // Each bucket's plan is its own planner's plan of its slice.
    const registry = [{ id: 'core', share: 0.85 }, { id: 'momentum_1', share: 0.15 }];
    const expectedSat = JSON.parse((await cli('plan', sliceFile(temp.dir, example, 'momentum_1', registry), '--preset', 'conservative', '--json')).out) as Plan;
    const expectedCore = JSON.parse((await cli('plan', sliceFile(temp.dir, example, 'core', registry), '--preset', 'aggressive', '--json')).out) as Plan;
    expect(withoutTimings(sat!.plan)).toEqual(withoutTimings(expectedSat));
    expect(withoutTimings(core!.plan)).toEqual(withoutTimings(expectedCore));
    // The aggregate: core's steps, then the satellite's, prefixed and tagged.
    expect(result.aggregate.map((a) => [a.bucket, a.symbol, a.reason, a.tags.at(-1)])).toEqual([
      ...core!.plan!.steps.map((s) => ['core', s.symbol, `[core] ${s.reason}`, 'bucket:core']),
      ...sat!.plan!.steps.map((s) => ['momentum_1', s.symbol, `[momentum_1] ${s.reason}`, 'bucket:momentum_1']),
    ]);
    // The satellite is funded above its target (value / (0.15 x portfolio value)): full aggression.
    expect(sat!.aggression).toMatchObject({ aggression: 1, inHibernation: false });
    expect(sat!.targetValueEur).toBeCloseTo(0.15 * result.portfolioValueEur, 9);
    // Its high-water mark is stored.
    expect((await cli('bucket', 'show', 'momentum_1', '--db', temp.db)).out).toContain(`high-water mark: ${sat!.valueEur.toFixed(2)} EUR (2026-01-02T12:00:00Z)`);
  }, 120_000);

  it('prints each bucket\'s plan and the aggregate', async () => {
    await addReadmeBuckets(temp.db);
    const r = await cli('plan', example, '--buckets', '--db', temp.db);
    expect(r.code).toBe(0);
    expect(r.out).toContain('== bucket core (core, active, share 0.85) ==\nCash: EUR 5100.00 (5100.00 EUR, reserve 425.00)');
    expect(r.out).toContain('== bucket momentum_1 (satellite, active, share 0.15) ==\nCash: EUR 900.00 (900.00 EUR, reserve 75.00)');
    expect(r.out).toContain('Aggression: 100% (allocation 100%, drawdown 100%: both agree)');
    expect(r.out).toMatch(/== aggregate: \d+ action\(s\) of 2 bucket\(s\) ==\n#\s+bucket\s+side/);
    expect(r.out).toMatch(/\[momentum_1\] /);
    expect(r.err).toContain('warning: bucket core: ');
  }, 120_000);

  it('with bucketCash, each bucket plans with its balances; paused buckets are not planned', async () => {
    await addReadmeBuckets(temp.db);
    const raw = JSON.parse(readFileSync(example, 'utf8')) as Record<string, unknown>;
    const withBalances = writeFile(temp.dir, 'balances.json', JSON.stringify({ ...raw, bucketCash: { core: { EUR: 4800 }, momentum_1: { EUR: 1200 } } }));
    const r = JSON.parse((await cli('plan', withBalances, '--buckets', '--db', temp.db, '--json')).out) as AllBucketsPlan;
    expect(r.buckets[1]!.plan!.availableCashEur).toBeCloseTo(1200 - 500 * (1200 / 6000), 9);
    expect(r.buckets[0]!.plan!.availableCashEur).toBeCloseTo(4800 - 500 * (4800 / 6000), 9);
    expect((await cli('bucket', 'set', 'momentum_1', '--db', temp.db, '--status', 'paused')).code).toBe(0);
    const paused = JSON.parse((await cli('plan', example, '--buckets', '--db', temp.db, '--json')).out) as AllBucketsPlan;
    expect(paused.buckets[1]).toMatchObject({ skipped: "bucket 'momentum_1' is paused: only active and accumulating buckets are planned (change its status to plan it)", plan: null });
    expect(paused.aggregate.every((a) => a.bucket === 'core')).toBe(true);
  }, 120_000);

  it('refuses bad input with exit code 2: unknown buckets, balances above the cash, misplaced options', async () => {
    await addReadmeBuckets(temp.db);
    const raw = JSON.parse(readFileSync(example, 'utf8')) as { securities: Record<string, unknown>[] } & Record<string, unknown>;
    const unknown = writeFile(temp.dir, 'unknown.json', JSON.stringify({ ...raw, securities: raw.securities.map((s, i) => (i === 3 ? { ...s, bucket: 'momentum_2' } : s)) }));
    const u = await cli('plan', unknown, '--buckets', '--db', temp.db);
    expect(u.code).toBe(2);
    expect(u.err).toContain('securities[3].bucket: expected one of the buckets core, momentum_1, found "momentum_2"');
    const over = writeFile(temp.dir, 'over.json', JSON.stringify({ ...raw, bucketCash: { core: { EUR: 5500 }, momentum_1: { EUR: 1000 } } }));
    const o = await cli('plan', over, '--buckets', '--db', temp.db);
    expect(o.code).toBe(2);
    expect(o.err).toContain("bucketCash: expected EUR balances adding up to at most the portfolio's cash (cash.EUR = 6000), found 6500 (core 5500 + momentum_1 1000)");
    expect((await cli('plan', example, '--buckets')).code).toBe(2);
    expect((await cli('plan', example, '--buckets', '--db', temp.db, '--preset', 'default')).err).toContain('--preset and --config do not apply');
    expect((await cli('plan', example, '--db', temp.db)).err).toContain('add --buckets');
    // --html (one plan's report) and --max-input-mb were ignored with --buckets: the first is refused, the second applies.
    const html = await cli('plan', example, '--buckets', '--db', temp.db, '--html', join(temp.dir, 'buckets.html'));
    expect([html.code, html.out, html.err]).toEqual([2, '', 'error: invalid configuration: 1 issue(s)\n  (root): --html writes the report of one plan: it does not apply to --buckets\n']);
    expect(existsSync(join(temp.dir, 'buckets.html'))).toBe(false);
    const limit = await cli('plan', example, '--buckets', '--db', temp.db, '--max-input-mb', '0.001', '--json');
    expect([limit.code, limit.out]).toEqual([2, '']);
    expect(limit.err).toContain('larger than the size limit of 1048 bytes');
    expect((await cli('plan', example, '--buckets', '--db', temp.db, '--max-input-mb', 'x')).err).toContain('--max-input-mb: expected a number of MiB above 0, found "x"');
    // planner batch plans the bucket's part: a snapshot that gives the satellite no security is refused.
    const plain = here('../examples/portfolio.json');
    const b = await cli('batch', '--db', temp.db, '--bucket', 'momentum_1', '--snapshot', plain);
    expect(b.code).toBe(2);
    expect(b.err).toContain(`invalid snapshot in ${plain}: 1 issue(s)\n  securities: expected at least one security of bucket 'momentum_1'`);
  }, 120_000);
});
