import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eligibility, eligibilityDataFrom, filterIneligibleSells } from '../src/eligibility.js';
import type { EligibilityRules } from '../src/eligibility.js';
import { buy, ctx, naiveMs, position, security, sell, syms } from './fixtures.js';

const asOf = naiveMs(2025, 6, 30, 12);
const data = {
  acquiredMs: new Map([['A', naiveMs(2025, 5, 1)]]),
  lastSellMs: new Map([['B', naiveMs(2025, 3, 1)]]),
  returns: new Map([['C', -0.25], ['D', -0.2]]),
};
const rules: EligibilityRules = {
  minHoldDays: 90, sellCooldownDays: 180, maxLossThreshold: -0.2,
  enforceMinHold: true, enforceCooldown: true, enforceMaxLoss: true,
};

describe('eligibility rule (spec §7.2)', () => {
  it('example 7.4: hold, cooldown, strict loss; buys unchecked; unknown symbols pass', () => {
    const input = [[sell('A')], [sell('B')], [sell('C')], [sell('D')], [buy('A')], [sell('E')], [buy('X'), sell('A')]];
    expect(syms(filterIneligibleSells(input, data, rules, asOf))).toEqual(['SELL D', 'BUY A', 'SELL E']);
  });

  it('example 7.4: enforce_min_hold = false keeps [SELL A]', () => {
    expect(filterIneligibleSells([[sell('A')]], data, { ...rules, enforceMinHold: false }, asOf)).toHaveLength(1);
  });

  it('enforce_cooldown = false keeps [SELL B]; enforce_max_loss = false keeps [SELL C]', () => {
    expect(filterIneligibleSells([[sell('B')]], data, rules, asOf)).toHaveLength(0);
    expect(filterIneligibleSells([[sell('B')]], data, { ...rules, enforceCooldown: false }, asOf)).toHaveLength(1);
    expect(filterIneligibleSells([[sell('C')]], data, rules, asOf)).toHaveLength(0);
    expect(filterIneligibleSells([[sell('C')]], data, { ...rules, enforceMaxLoss: false }, asOf)).toHaveLength(1);
  });

  it('day boundaries: 89 days rejected, 90 kept (whole days, floor)', () => {
    const d = (ms: number) => ({ ...data, acquiredMs: new Map([['A', ms]]) });
    const at = naiveMs(2025, 6, 30);
    expect(filterIneligibleSells([[sell('A')]], d(at - 89 * 86_400_000), rules, at)).toHaveLength(0);
    expect(filterIneligibleSells([[sell('A')]], d(at - 90 * 86_400_000), rules, at)).toHaveLength(1);
    // 89 days and 23 hours is still 89 whole days
    expect(filterIneligibleSells([[sell('A')]], d(at - 90 * 86_400_000 + 3_600_000), rules, at)).toHaveLength(0);
  });

  it('empty input gives []', () => {
    expect(filterIneligibleSells([], data, rules, asOf)).toEqual([]);
  });

  it('property: kept sequences are exactly those whose sells all pass, order kept', () => {
    const action = fc.tuple(fc.boolean(), fc.constantFrom('A', 'B', 'C', 'D', 'E')).map(([b, s]) => (b ? buy(s) : sell(s)));
    fc.assert(
      fc.property(fc.array(fc.array(action, { maxLength: 4 }), { maxLength: 12 }), (seqs) => {
        const out = filterIneligibleSells(seqs, data, rules, asOf);
        const bad = new Set(['A', 'B', 'C']);
        expect(out).toEqual(seqs.filter((s) => !s.some((a) => a.side === 'SELL' && bad.has(a.symbol))));
      }),
      { seed: 42 },
    );
  });
});

describe('eligibility module: monolith-equivalent data from the context (spec §7.3)', () => {
  const context = ctx({
    asOfMs: asOf,
    securities: [security('OLD'), security('NEW'), security('LOSS'), security('NOSELL', false), security('NOHIST'), security('BAD')],
    positions: [
      position('OLD', 100, 110), position('NEW', 100), position('LOSS', 100, 70), position('NOSELL', 100),
      position('NOHIST', 100, 10), position('BAD', 100, 50), position('GONE', 100),
    ],
    tradeDates: new Map([
      ['OLD', { last: '2024-01-01T00:00:00', lastBuy: '2024-01-01T00:00:00' }],
      ['NEW', { last: '2025-05-01T00:00:00', lastBuy: '2024-01-01T00:00:00', lastSell: '2025-05-01T00:00:00' }],
      ['LOSS', { last: '2024-01-01T00:00:00' }],
      ['NOSELL', { last: '2025-06-29T00:00:00' }],
      ['BAD', { last: 'not a date' }],
      ['GONE', { last: '2025-06-29T00:00:00' }],
    ]),
  });

  it('params: {} parses; thresholds fall back to the planner settings', () => {
    expect(eligibility.params.parse({})).toEqual({ enforceMinHold: true, enforceCooldown: true, enforceMaxLoss: true });
  });

  it('builds the maps from the last transaction of either side and the mark price', () => {
    const d = eligibilityDataFrom(context);
    expect([...d.acquiredMs.keys()]).toEqual(['OLD', 'NEW', 'LOSS']);
    expect(d.lastSellMs.get('NEW')).toBe(naiveMs(2025, 5, 1));
    expect([...d.returns.entries()]).toEqual([['OLD', 0.1], ['NEW', 0], ['LOSS', -0.3], ['BAD', -0.5]]);
  });

  it('a position without an average cost (0, e.g. a gift) has return 0: the max-loss rule never drops its sells', () => {
    const free = ctx({
      asOfMs: asOf,
      securities: [security('FREE')],
      positions: [position('FREE', 0, 10)],
      tradeDates: new Map([['FREE', { last: '2024-01-01T00:00:00' }]]),
    });
    expect(eligibilityDataFrom(free).returns.get('FREE')).toBe(0);
    expect(eligibility.filter([[sell('FREE')]], eligibility.params.parse({}), { ctx: free })).toHaveLength(1);
  });

  it('drops sells of recent, losing and (unparseable date) losing positions; keeps the rest', () => {
    const input = ['OLD', 'NEW', 'LOSS', 'NOSELL', 'NOHIST', 'BAD', 'GONE'].map((s) => [sell(s)]);
    const out = eligibility.filter(input, eligibility.params.parse({}), { ctx: context });
    expect(syms(out)).toEqual(['SELL OLD', 'SELL NOSELL', 'SELL NOHIST', 'SELL GONE']);
  });

  it('explicit params override the planner settings', () => {
    const input = [[sell('NEW')], [sell('LOSS')]];
    const out = eligibility.filter(input, eligibility.params.parse({ minHoldDays: 30, sellCooldownDays: 30, maxLossThreshold: -0.5 }), { ctx: context });
    expect(syms(out)).toEqual(['SELL NEW', 'SELL LOSS']);
  });
});
