import type { TradeDates } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterRecentlyTraded, recentlyTraded } from '../src/recently-traded.js';
import { buy, ctx, naiveMs, sell, syms } from './fixtures.js';

const history = new Map<string, TradeDates>([
  ['A', { lastBuy: '2025-06-20' }],
  ['B', { lastSell: '2025-02-01' }],
  ['C', { lastBuy: '2025-05-01', lastSell: '2024-01-01' }],
  ['Q', { lastBuy: 'garbage', lastSell: '' }],
]);
const call = { ctx: ctx({ tradeDates: history, asOfMs: naiveMs(2025, 6, 30) }) };

describe('recently_traded (spec §8)', () => {
  const defaults = recentlyTraded.params.parse({});

  it('params: {} parses to 30 / 180, both enforced', () => {
    expect(defaults).toEqual({ buyCooldownDays: 30, sellCooldownDays: 180, enforceBuyCooldown: true, enforceSellCooldown: true });
    expect(() => recentlyTraded.params.parse({ buyCooldownDays: 366 })).toThrow();
  });

  it('example 8.4', () => {
    const input = [[buy('A')], [sell('A')], [sell('B')], [buy('B')], [buy('C')], [sell('C')], [sell('C'), buy('A')]];
    expect(syms(recentlyTraded.filter(input, defaults, call))).toEqual(['SELL A', 'BUY B', 'BUY C', 'SELL C']);
  });

  it('example 8.4: buy_cooldown_days = 0 keeps [BUY A]; enforcement switches', () => {
    expect(recentlyTraded.filter([[buy('A')]], recentlyTraded.params.parse({ buyCooldownDays: 0 }), call)).toHaveLength(1);
    expect(recentlyTraded.filter([[buy('A')]], recentlyTraded.params.parse({ enforceBuyCooldown: false }), call)).toHaveLength(1);
    expect(recentlyTraded.filter([[sell('B')]], recentlyTraded.params.parse({ enforceSellCooldown: false }), call)).toHaveLength(1);
  });

  it('boundary: 10 days since the buy is rejected at cooldown 11, kept at 10', () => {
    expect(recentlyTraded.filter([[buy('A')]], recentlyTraded.params.parse({ buyCooldownDays: 11 }), call)).toHaveLength(0);
    expect(recentlyTraded.filter([[buy('A')]], recentlyTraded.params.parse({ buyCooldownDays: 10 }), call)).toHaveLength(1);
  });

  it('unparseable or empty dates count as missing; empty input gives []', () => {
    expect(recentlyTraded.filter([[buy('Q')], [sell('Q')]], defaults, call)).toHaveLength(2);
    expect(recentlyTraded.filter([], defaults, call)).toEqual([]);
  });

  it('property: order kept; with both cooldowns at 0 nothing in the past is dropped', () => {
    const action = fc.tuple(fc.boolean(), fc.constantFrom('A', 'B', 'C', 'D')).map(([b, s]) => (b ? buy(s) : sell(s)));
    fc.assert(
      fc.property(fc.array(fc.array(action, { maxLength: 4 }), { maxLength: 12 }), (seqs) => {
        const rules = { buyCooldownDays: 0, sellCooldownDays: 0, enforceBuyCooldown: true, enforceSellCooldown: true };
        expect(filterRecentlyTraded(seqs, history, rules, naiveMs(2025, 6, 30))).toEqual(seqs);
        const out = filterRecentlyTraded(seqs, history, { ...rules, buyCooldownDays: 30, sellCooldownDays: 180 }, naiveMs(2025, 6, 30));
        let j = 0;
        for (const s of seqs) if (j < out.length && out[j] === s) j++;
        expect(j).toBe(out.length);
      }),
      { seed: 42 },
    );
  });
});
