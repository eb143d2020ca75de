import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marketRegime } from '../src/market-regime.js';
import { B, call, fixtureF, gen, labels, S } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

describe('market_regime', () => {
  it('runs once', () => {
    expect(marketRegime.stage).toBe('once');
  });

  it('spec §4.13 example 1 (cap 5, cash 1000, L 5)', () => {
    const o = { cash: 1000, L: 5, cap: 5 };
    expect(gen(marketRegime, fixtureF(), { ...o, regime: 'bull' })).toEqual([['S:PT1', 'S:PT2', 'B:OB1', 'B:OB2', 'B:RB1']]);
    expect(gen(marketRegime, fixtureF(), { ...o, regime: 'bear' })).toEqual([['S:PT1', 'S:PT2', 'B:AD1', 'B:AD2']]);
    expect(gen(marketRegime, fixtureF(), { ...o, regime: 'sideways' })).toEqual([['S:RS1', 'B:RB1', 'B:RB2', 'B:OB1']]);
  });

  it('a step limit of 0 gives no sequence in any regime', () => {
    for (const regime of ['bull', 'bear', 'sideways'] as const) {
      expect(gen(marketRegime, fixtureF(), { cash: 1000, L: 0, cap: 5, regime })).toEqual([]);
    }
  });

  it('example 2 (cash 0)', () => {
    expect(gen(marketRegime, fixtureF(), { cash: 0, L: 5, cap: 5, regime: 'bull' })).toEqual([['S:PT1', 'S:PT2', 'B:OB1', 'B:OB2']]);
    expect(gen(marketRegime, fixtureF(), { cash: 0, L: 5, cap: 5, regime: 'sideways' })).toEqual([['S:RS1', 'B:RB1']]);
    expect(gen(marketRegime, fixtureF(), { cash: 0, L: 3, cap: 5, regime: 'bear' })).toEqual([['S:PT1', 'B:AD1', 'B:AD2']]);
    expect(gen(marketRegime, fixtureF(), { cash: 0, L: 5, cap: 1, regime: 'bull' })).toEqual([['S:PT1', 'B:OB1']]);
  });

  it('an unknown regime behaves as sideways', () => {
    const call = { cash: 1000, L: 5, cap: 5, regime: 'crab' as unknown as 'sideways' };
    expect(gen(marketRegime, fixtureF(), call)).toEqual(gen(marketRegime, fixtureF(), { ...call, regime: 'sideways' }));
  });

  it('bear with L = 1 takes no sell; sells are value-deduplicated', () => {
    expect(gen(marketRegime, fixtureF(), { cash: 1000, L: 1, regime: 'bear' })).toEqual([['B:AD1']]);
    const dup = { profit_taking: [S('P', 10, 1)], rebalance_sells: [S('P', 10, 1), S('Q', 10, 1)] };
    expect(gen(marketRegime, dup, { cash: 0, L: 4, regime: 'bear' })).toEqual([['S:P', 'S:Q']]);
  });

  it('buys stop at the first misfit (BREAK_FILL), boundary inclusive', () => {
    const o = { rebalance_buys: [B('R', 100, 1), B('X', 50, 1)], opportunity_buys: [B('O', 1, 1)] };
    expect(gen(marketRegime, o, { cash: 99.99, regime: 'sideways' })).toEqual([]);
    expect(gen(marketRegime, o, { cash: 100, regime: 'sideways' })).toEqual([['B:R']]);
    expect(gen(marketRegime, o, { cash: 151, regime: 'sideways' })).toEqual([['B:R', 'B:X', 'B:O']]);
  });

  it('a regime in the params (as the presets write it) wins over the planner setting of the call', () => {
    const params = marketRegime.params.parse({ marketRegime: 'bull' });
    const out = marketRegime.generate(fixtureF(), params, call({ cash: 1000, L: 5, cap: 5, regime: 'sideways' }));
    expect(labels(out)).toEqual([['S:PT1', 'S:PT2', 'B:OB1', 'B:OB2', 'B:RB1']]);
    expect(marketRegime.params.parse({})).toEqual({});
    expect(() => marketRegime.params.parse({ marketRegime: 'crab' })).toThrow();
  });

  it('nothing for empty categories', () => {
    for (const regime of ['bull', 'bear', 'sideways'] as const) {
      expect(gen(marketRegime, {}, { cash: 1000, regime })).toEqual([]);
    }
  });

  itSatisfiesPatternProperties(marketRegime, {
    maxSequences: 1,
    callArb: fc.record({ regime: fc.constantFrom('bull', 'bear', 'sideways'), cap: fc.integer({ min: 0, max: 6 }) }),
  });
});
