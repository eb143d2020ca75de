import type { CompatSwitches, Sequence } from '@planner/contracts';
import { COMPAT_DEFAULTS, EXECUTABILITY_COMPAT_KEYS, PlannerError, defineCalculator } from '@planner/contracts';
import { buy, opportunityContext, position, sell, security } from '@planner/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPlanner } from '../src/create-planner.js';
import { createIncrementalPlanner } from '../src/incremental-planner.js';
import { checkSequence, isExecutableProfile } from '../src/plan-check.js';
import { config, fakeEach, fakeEvaluator, snapshot } from './fixtures.js';
import { TestStore } from './work-store.js';

const EXECUTABLE: CompatSwitches = { ...COMPAT_DEFAULTS, ...Object.fromEntries(EXECUTABILITY_COMPAT_KEYS.map((k) => [k, false])) };

// HK trades in HKD at 8 per EUR in lots of 100; EU in EUR.
const ctx = opportunityContext({
  securities: [
    security('HK', { currency: 'HKD', price: 40, minLot: 100 }),
    security('EU', { price: 50 }),
    security('NB', { allowBuy: false }),
  ],
  positions: [position('HK', 300, 30), position('EU', 10, 40)],
  cash: 1000,
  fxRates: { HKD: 8 },
  transactionCostFixed: 2,
  transactionCostPercent: 0.001,
});
const cash = new Map([['EUR', 1000]]);
const check = (seq: Sequence, compat: CompatSwitches = EXECUTABLE) => checkSequence(seq, { ctx, cash, compat });
const hkBuy = (quantity: number, over = {}) => buy('HK', { quantity, price: 40, valueEur: (quantity * 40) / 8, currency: 'HKD', ...over });

describe('checkSequence: the plan at true values (issue 13)', () => {
  it('passes a plan in whole lots at true values and reports cash per currency and costs', () => {
    const r = check([sell('EU', { quantity: 10, price: 50 }), hkBuy(200)]);
    expect(r.violations).toEqual([]);
    expect(r.executable).toBe(true);
    // EUR: 1000 + 500 − costs (2 + 0.5) − (2 + 1); HKD: −8000 (a balance bought with EUR).
    expect(r.cashAfter).toEqual({ EUR: 1000 + 500 - 2.5 - 3, HKD: -8000 });
    expect(r.costsEur).toBeCloseTo(5.5, 10);
    expect(r.cashAfterEur).toBeCloseTo(1000 + 500 - 1000 - 5.5, 10);
    expect(r.quirks).toEqual([]);
  });

  it('keeps currencies named like built-ins as ordinary keys of cashAfter', () => {
    // One security per name, each 8 units per EUR; none of these is a key of an empty object.
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    const odd = opportunityContext({
      securities: names.map((c) => security(`S_${c}`, { currency: c, price: 40 })),
      cash: 1000,
      fxRates: Object.fromEntries(names.map((c) => [c, 8])),
    });
    const start = new Map([['EUR', 1000], ['constructor', 50]]);
    const seq = names.map((c) => buy(`S_${c}`, { quantity: 1, price: 40, valueEur: 5, currency: c }));
    // EUR pays the costs: 5 × (2 + 0.2 % of 5) under the testkit's defaults
    const r = checkSequence(seq, { ctx: odd, cash: start, compat: EXECUTABLE });
    expect(r.violations).toEqual([]);
    expect(Object.keys(r.cashAfter)).toEqual(['EUR', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']);
    expect(r.cashAfter.constructor).toBe(10);
    for (const c of ['__proto__', 'toString', 'hasOwnProperty', 'valueOf']) expect(Object.getOwnPropertyDescriptor(r.cashAfter, c)?.value, c).toBe(-40);
    // an ordinary object to its readers, and JSON keeps every key
    expect(Object.getPrototypeOf(r.cashAfter)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(r.cashAfter)) as unknown).toEqual(JSON.parse('{"EUR":989.95,"constructor":10,"__proto__":-40,"toString":-40,"hasOwnProperty":-40,"valueOf":-40}'));
  });

  it('names each broken rule with its step', () => {
    const rules = (seq: Sequence) => check(seq).violations.map((v) => `${v.step}:${v.rule}`);
    expect(rules([hkBuy(150)])).toEqual(['1:lot']);
    expect(rules([sell('EU', { quantity: 0, price: 50 })])).toEqual(['1:quantity']);
    expect(rules([sell('EU', { quantity: 11, price: 50 })])).toEqual(['1:held']);
    expect(rules([buy('NB', { quantity: 1, price: 100 })])).toEqual(['1:flags']);
    expect(rules([buy('XX')])).toEqual(['1:unknown']);
    // weight_based without FX: the EUR label and the value in HKD.
    expect(rules([hkBuy(100, { currency: 'EUR', valueEur: 4000 })])).toEqual(['1:currency', '1:value']);
    // 1000 EUR of cash: 200 HK shares cost exactly 1000 EUR, the cost tips it over.
    expect(rules([hkBuy(100)])).toEqual([]);
    expect(rules([hkBuy(200)])).toEqual(['1:cash']);
    expect(rules([buy('EU', { quantity: 20, price: 50 })])).toEqual(['1:cash']);
    // Selling all of an odd-lot position is allowed; a part of it in odd shares is not.
    expect(rules([sell('HK', { quantity: 300, price: 40, valueEur: 1500, currency: 'HKD' })])).toEqual([]);
    expect(rules([sell('HK', { quantity: 250, price: 40, valueEur: 1250, currency: 'HKD' })])).toEqual(['1:lot']);
  });

  it('takes costs from cash only when they are deducted', () => {
    const spend = [buy('EU', { quantity: 20, price: 50 })];
    expect(check(spend, { ...EXECUTABLE, costsNotDeductedFromCash: true }).executable).toBe(true);
    expect(check(spend).executable).toBe(false);
    expect(check(spend, { ...EXECUTABLE, costsNotDeductedFromCash: true }).quirks).toEqual(['costsNotDeductedFromCash']);
  });

  it('the executable profile is every executability switch off', () => {
    expect(isExecutableProfile(EXECUTABLE)).toBe(true);
    expect(isExecutableProfile(COMPAT_DEFAULTS)).toBe(false);
    for (const k of EXECUTABILITY_COMPAT_KEYS) expect(isExecutableProfile({ ...EXECUTABLE, [k]: true })).toBe(false);
  });
});

// A calculator proposing a buy of D that breaks its board lot of 5, and a valid buy of E.
const lotBreaker = defineCalculator({
  name: 'lot_breaker',
  description: 'a buy that breaks the lot and one that does not',
  params: z.object({}),
  category: 'opportunity_buys',
  calculate: () => [
    buy('D', { quantity: 3, price: 100, priority: 0.9 }),
    buy('E', { quantity: 2, price: 100, priority: 0.6 }),
  ],
});
const lotSnapshot = () => {
  const s = snapshot();
  return { ...s, securities: s.securities.map((x) => (x.symbol === 'D' ? { ...x, minLot: 5 } : x)) };
};
const modules = [lotBreaker, fakeEach, fakeEvaluator()];
const cfg = (compat: CompatSwitches) => ({ ...config({ calculators: ['lot_breaker'] }), compat });

describe('the planner checks what it proposes', () => {
  it('parity profile: the plan is unchanged and the check reports it', async () => {
    const plan = await createPlanner({ config: cfg(COMPAT_DEFAULTS), modules }).plan(lotSnapshot());
    expect(plan.steps.map((s) => s.symbol)).toEqual(['D', 'E']);
    expect(plan.execution?.executable).toBe(false);
    expect(plan.execution?.violations.map((v) => v.rule)).toEqual(['lot']);
    expect(plan.execution?.quirks).toEqual([...EXECUTABILITY_COMPAT_KEYS]);
    // `feasible` keeps the reference's meaning under the parity profile (a golden field).
    expect(plan.feasible).toBe(true);
    expect(plan.diagnostics).toEqual([]);
  });

  it('executable profile: the offending sequences are dropped, the next best is proposed, a warning says so', async () => {
    const plan = await createPlanner({ config: cfg(EXECUTABLE), modules }).plan(lotSnapshot());
    expect(plan.steps.map((s) => s.symbol)).toEqual(['E']);
    expect(plan.execution?.executable).toBe(true);
    expect(plan.feasible).toBe(true);
    expect(plan.diagnostics).toEqual([
      { level: 'warning', message: 'dropped 2 sequence(s) that fail the plan check at true values (first: step 1 BUY 3 D: not a multiple of the board lot 5)' },
    ]);
  });

  it('executable profile, batch by batch (stoppable): the same plan and warning as plan()', async () => {
    const planner = createIncrementalPlanner({ config: cfg(EXECUTABLE), modules });
    const r = await planner.planIncremental(lotSnapshot(), { store: new TestStore(), bucket: 'core', batchSize: 1, signal: new AbortController().signal });
    expect(r.status).toBe('finished');
    const whole = await planner.plan(lotSnapshot());
    expect({ ...r.plan, timings: {} }).toEqual({ ...whole, timings: {} });
    expect(r.plan?.diagnostics.map((d) => d.message)).toEqual(['dropped 2 sequence(s) that fail the plan check at true values (first: step 1 BUY 3 D: not a multiple of the board lot 5)']);
  });

  it('executable profile, strict: a sequence failing the check is an error', async () => {
    const planner = createPlanner({ config: cfg(EXECUTABLE), modules, strict: true });
    await expect(planner.plan(lotSnapshot())).rejects.toThrow(PlannerError);
    await expect(planner.plan(lotSnapshot())).rejects.toThrow(/fails the plan check at true values: step 1 BUY 3 D/);
  });
});
