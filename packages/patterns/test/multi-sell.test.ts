import { describe, expect, it } from 'vitest';
import { multiSell } from '../src/multi-sell.js';
import { B, fixtureF, gen, S } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

describe('multi_sell', () => {
  it('spec §4.6 examples', () => {
    expect(gen(multiSell, fixtureF(), { cash: 1000, L: 5 })).toEqual([['S:PT1', 'S:PT2', 'S:RS1', 'B:AD1', 'B:AD2']]);
    expect(gen(multiSell, fixtureF(), { cash: 0, L: 4 })).toEqual([['S:PT1', 'S:PT2', 'S:RS1', 'B:AD1']]);
    expect(gen(multiSell, { ...fixtureF(), profit_taking: [], rebalance_sells: [] }, { cash: 1000 })).toEqual([]);
  });

  it('takes profit-taking sells before rebalance sells, up to L', () => {
    expect(gen(multiSell, fixtureF(), { cash: 0, L: 2 })).toEqual([['S:PT1', 'S:PT2']]);
    expect(gen(multiSell, { rebalance_sells: [S('R', 5, 1)], profit_taking: [S('P', 5, 0.1)] }, { L: 1 })).toEqual([['S:P']]);
  });

  it('buys in averaging → rebalance → opportunity order, skipping misfits', () => {
    const opps = {
      rebalance_sells: [S('R', 100, 1)],
      averaging_down: [B('A', 150, 1)],
      rebalance_buys: [B('C', 60, 1)],
      opportunity_buys: [B('O', 40, 1)],
    };
    expect(gen(multiSell, opps, { cash: 0 })).toEqual([['S:R', 'B:C', 'B:O']]);
    expect(gen(multiSell, opps, { cash: 49.99 })).toEqual([['S:R', 'B:C', 'B:O']]);
    expect(gen(multiSell, opps, { cash: 50 })).toEqual([['S:R', 'B:A']]);
  });

  it('uses cash₀ + Σ sells (§1.4)', () => {
    const opps = { profit_taking: [S('P', 0.2, 1)], rebalance_sells: [S('Q', 3.3, 1)], opportunity_buys: [B('X', 3.6, 1)] };
    expect(gen(multiSell, opps, { cash: 0.1 })).toEqual([['S:P', 'S:Q', 'B:X']]);
  });

  itSatisfiesPatternProperties(multiSell, { maxSequences: 1 });
});
