import { describe, expect, it } from 'vitest';
import { singleBest } from '../src/single-best.js';
import { B, fixtureF, gen, run, S } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

describe('single_best', () => {
  it('spec §4.5: the best buy when affordable, at any L', () => {
    expect(gen(singleBest, fixtureF(), { cash: 1000, L: 1 })).toEqual([['B:OB1']]);
    expect(gen(singleBest, fixtureF(), { cash: 1000, L: 5 })).toEqual([['B:OB1']]);
    expect(gen(singleBest, fixtureF(), { cash: 900 })).toEqual([['B:OB1']]);
  });

  it('no fallback when the best buy is unaffordable', () => {
    expect(gen(singleBest, fixtureF(), { cash: 500 })).toEqual([]);
    expect(gen(singleBest, fixtureF(), { cash: 899.99 })).toEqual([]);
  });

  it('ties go to the first in scan order (profit-taking first)', () => {
    const f = fixtureF();
    const opps = { ...f, profit_taking: [S('PT1', 1000, 0.95), f.profit_taking[1]!] };
    expect(gen(singleBest, opps, { cash: 1000 })).toEqual([['S:PT1']]);
    // Scan order: profit_taking, averaging_down, rebalance_sells, rebalance_buys, opportunity_buys.
    const tie = { opportunity_buys: [B('O', 1, 0.5)], rebalance_buys: [B('R', 1, 0.5)], averaging_down: [B('A', 1, 0.5)] };
    expect(gen(singleBest, tie, { cash: 10 })).toEqual([['B:A']]);
  });

  it('a best sell needs no cash', () => {
    expect(gen(singleBest, { rebalance_sells: [S('X', 1e6, 2)] }, { cash: -5 })).toEqual([['S:X']]);
  });

  it('returns the input object itself', () => {
    const f = fixtureF();
    expect(run(singleBest, f, { cash: 1000 })[0]![0]).toBe(f.opportunity_buys[0]);
  });

  it('nothing for empty categories or L < 1', () => {
    expect(gen(singleBest, {}, { cash: 1000 })).toEqual([]);
    expect(gen(singleBest, fixtureF(), { cash: 1000, L: 0 })).toEqual([]);
  });

  itSatisfiesPatternProperties(singleBest, { maxSequences: 1 });
});
