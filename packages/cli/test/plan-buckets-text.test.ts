import type { AllBucketsPlan, BucketPlan } from '@planner/buckets';
import { createSqliteStore } from '@planner/store/sqlite';
import { describe, expect, it } from 'vitest';
import { formatBucketPlans } from '../src/commands/plan-buckets.js';
import { addReadmeBuckets } from './batch-helpers.js';
import { useTempStore } from './temp-store.js';
import { cli, here } from './helpers.js';

// The README's two-bucket example (see plan-buckets.test.ts).
const example = here('../examples/two-buckets.json');

const temp = useTempStore('plan-buckets-text');

describe('planner plan --buckets: failures and the text of scaled buckets', () => {
  it('an empty registry is bad input that says how to add a bucket', async () => {
    await createSqliteStore({ path: temp.db }).close();
    const r = await cli('plan', example, '--buckets', '--db', temp.db);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`no buckets are registered in ${temp.db}: add one with planner bucket add`);
  });

  it('a bucket whose stored configuration this run cannot build fails alone: named in its section and on stderr, the others planned, exit 1', async () => {
    await addReadmeBuckets(temp.db);
    // As stored by a run that loaded a plugin (its calculator), planned by one that did not.
    const store = createSqliteStore({ path: temp.db });
    await store.buckets.update('momentum_1', { config: { toml: 'extends = "conservative"\n[opportunity_calculators.high_yield]\n' } });
    await store.close();
    const r = await cli('plan', example, '--buckets', '--db', temp.db);
    expect(r.code).toBe(1);
    const message = "invalid configuration in bucket 'momentum_1': 1 issue(s)\n  opportunity_calculators.high_yield (line 2): unknown opportunity calculator 'high_yield'";
    expect(r.out).toMatch(/== bucket momentum_1 \(satellite, active, share 0\.15\) ==\n(.*\n){3}error: invalid configuration/);
    expect(r.out).toContain(`\nerror: ${message}`);
    expect(r.out).toMatch(/== bucket core .*\n[\s\S]*\nPlan for .* \(bucket core\)/);
    expect(r.err).toContain(`error: bucket momentum_1: ${message}`);
    const json = JSON.parse((await cli('plan', example, '--buckets', '--db', temp.db, '--json')).out) as AllBucketsPlan;
    expect(json.buckets.map((b) => [b.id, b.error === null, b.plan === null])).toEqual([['core', true, false], ['momentum_1', false, true]]);
  }, 120_000);

  it('a satellite below full aggression shows its scaled steps, or that none are left; no aggregate says so', async () => {
    await addReadmeBuckets(temp.db);
    const r = await cli('plan', example, '--buckets', '--db', temp.db, '--json');
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out) as AllBucketsPlan;
    const sat = result.buckets[1] as BucketPlan;
    expect(sat.aggression).not.toBeNull();
    const scaled = (aggression: number, actions: BucketPlan['actions']): BucketPlan => ({
      ...sat, cash: { ...sat.cash, balances: {} }, actions,
      aggression: { ...sat.aggression!, aggression, drawdownAggression: aggression, limitingFactor: 'drawdown' },
    });
    const half = formatBucketPlans({ ...result, buckets: [scaled(0.5, sat.actions.slice(0, 1))], aggregate: [] }, 'two.json');
    expect(half).toContain('Cash: none (');
    expect(half).toContain('Aggression: 50% (allocation 100%, drawdown 50%: limited by drawdown)');
    expect(half).toMatch(/\nSteps scaled by aggression 50%:\n# +side +symbol +quantity +price +value EUR +reason\n1 +BUY /);
    expect(half.endsWith('\n\n== aggregate: no actions ==\n')).toBe(true);
    const none = formatBucketPlans({ ...result, buckets: [scaled(0.25, [])], aggregate: [] }, 'two.json');
    expect(none).toContain('\nEvery step scaled to nothing by aggression 25%.\n');
  }, 120_000);
});
