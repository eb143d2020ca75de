import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { momentumFirst } from '../src/index.js';
import { buy, patternCall } from './fixtures.js';

const params = momentumFirst.params.parse({});
const M = ['momentum'];

describe('momentum_first params', () => {
  it('{} parses: no step cap, other buys included', () => {
    expect(params).toEqual({ includeOtherBuys: true });
    expect(momentumFirst.kind).toBe('pattern');
    expect(momentumFirst.stage).toBe('depth');
  });
});

describe('momentum_first', () => {
  const m1 = buy('M1', 300, 0.9, M);
  const m2 = buy('M2', 200, 0.7, M);
  const q1 = buy('Q1', 100, 0.95);
  const avg = buy('AVG', 150, 0.6, ['averaging_down']);
  const reb = buy('REB', 120, 0.5, ['rebalance']);

  it('momentum buys first, then averaging-down, rebalance and other opportunity buys', () => {
    const opps = { opportunity_buys: [q1, m1, m2], averaging_down: [avg], rebalance_buys: [reb] };
    expect(momentumFirst.generate(opps, params, patternCall(10_000, 5))).toEqual([[m1, m2, avg, reb, q1]]);
  });

  it('only momentum buys when includeOtherBuys is false', () => {
    const opps = { opportunity_buys: [q1, m1, m2], averaging_down: [avg] };
    const only = momentumFirst.params.parse({ includeOtherBuys: false });
    expect(momentumFirst.generate(opps, only, patternCall(10_000, 5))).toEqual([[m1, m2]]);
  });

  it('stops at the step limit call.maxDepth', () => {
    const opps = { opportunity_buys: [q1, m1, m2], averaging_down: [avg] };
    expect(momentumFirst.generate(opps, params, patternCall(10_000, 1))).toEqual([[m1]]);
    expect(momentumFirst.generate(opps, params, patternCall(10_000, 3))).toEqual([[m1, m2, avg]]);
    expect(momentumFirst.generate(opps, params, patternCall(10_000, 0))).toEqual([]);
  });

  it('spends only the available cash: misfits are skipped, a value equal to the cash left fits', () => {
    const opps = { opportunity_buys: [m1, m2, q1], averaging_down: [avg] };
    // 450: M1 (300) fits, M2 (200) does not, AVG (150) exactly fills the rest, Q1 no longer fits
    expect(momentumFirst.generate(opps, params, patternCall(450, 5))).toEqual([[m1, avg]]);
    // 449.99: AVG no longer fits, Q1 (100) does
    expect(momentumFirst.generate(opps, params, patternCall(449.99, 5))).toEqual([[m1, q1]]);
  });

  it('no sequence without cash, without momentum buys, or when no momentum buy fits', () => {
    expect(momentumFirst.generate({ opportunity_buys: [m1] }, params, patternCall(0, 5))).toEqual([]);
    expect(momentumFirst.generate({ opportunity_buys: [q1], averaging_down: [avg] }, params, patternCall(1000, 5))).toEqual([]);
    expect(momentumFirst.generate({ opportunity_buys: [m1, q1] }, params, patternCall(250, 5))).toEqual([]);
    expect(momentumFirst.generate({}, params, patternCall(1000, 5))).toEqual([]);
  });

  it('buys a symbol once, even when another calculator also proposes it', () => {
    const dup = buy('M1', 50, 0.99);
    expect(momentumFirst.generate({ opportunity_buys: [dup, m1] }, params, patternCall(1000, 5))).toEqual([[m1]]);
  });

  it('ignores sells even if tagged momentum', () => {
    const sell = { ...buy('S', 10, 1, M), side: 'SELL' as const };
    expect(momentumFirst.generate({ opportunity_buys: [sell, m2] }, params, patternCall(1000, 5))).toEqual([[m2]]);
  });

  it('property: within cash and steps, momentum prefix, distinct symbols, inputs untouched', () => {
    const cand = fc.record({
      sym: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'),
      value: fc.double({ min: 1, max: 2000, noNaN: true }),
      priority: fc.double({ min: 0, max: 2, noNaN: true }),
      momentum: fc.boolean(),
    });
    const list = fc.array(cand, { maxLength: 6 }).map((xs) =>
      xs.map((x) => buy(x.sym, x.value, x.priority, x.momentum ? M : ['opportunity'])).sort((a, b) => b.priority - a.priority),
    );
    fc.assert(
      fc.property(list, list, fc.double({ min: 0, max: 5000, noNaN: true }), fc.integer({ min: 0, max: 7 }), (ob, ad, cash, depth) => {
        const opps = { opportunity_buys: ob, averaging_down: ad };
        const before = JSON.stringify(opps);
        const out = momentumFirst.generate(opps, params, patternCall(cash, depth));
        expect(JSON.stringify(opps)).toBe(before);
        expect(out.length).toBeLessThanOrEqual(1);
        for (const seq of out) {
          expect(seq.length).toBeGreaterThan(0);
          expect(seq.length).toBeLessThanOrEqual(depth);
          expect(seq.reduce((s, c) => s + c.valueEur, 0)).toBeLessThanOrEqual(cash + 1e-9);
          expect(new Set(seq.map((c) => c.symbol)).size).toBe(seq.length);
          expect(seq[0]!.tags).toContain('momentum');
          const firstOther = seq.findIndex((c) => !c.tags.includes('momentum'));
          if (firstOther >= 0) expect(seq.slice(firstOther).every((c) => !c.tags.includes('momentum'))).toBe(true);
        }
      }),
      { seed: 42 },
    );
  });
});
