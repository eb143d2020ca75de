import { describe, expect, it } from 'vitest';
import { deepRebalance } from '../src/deep-rebalance.js';
import { rebalance } from '../src/rebalance.js';
import { B, fixtureF, gen, S } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

describe('deep_rebalance', () => {
  it('spec §4.9 example 1', () => {
    expect(gen(deepRebalance, fixtureF(), { cash: 1000, L: 5 })).toEqual([['S:RS1', 'B:RB1', 'B:RB2']]);
    expect(gen(deepRebalance, { ...fixtureF(), rebalance_buys: [] }, { cash: 1000, L: 5 })).toEqual([]);
  });

  it('example 2: at most half the steps are sells (rebalance takes them all)', () => {
    const opps = {
      rebalance_sells: [S('RS1', 800, 0.7), S('RS2', 300, 0.6), S('RS3', 100, 0.5)],
      rebalance_buys: fixtureF().rebalance_buys,
    };
    expect(gen(deepRebalance, opps, { cash: 0, L: 4 })).toEqual([['S:RS1', 'S:RS2', 'B:RB1', 'B:RB2']]);
    expect(gen(rebalance, opps, { cash: 0, L: 4 })).toEqual([['S:RS1', 'S:RS2', 'S:RS3', 'B:RB1']]);
  });

  it('needs both lists; one sell at L 1 and 3', () => {
    expect(gen(deepRebalance, { rebalance_sells: [S('A', 1, 1)] }, { cash: 10 })).toEqual([]);
    expect(gen(deepRebalance, { rebalance_buys: [B('A', 1, 1)] }, { cash: 10 })).toEqual([]);
    const opps = { rebalance_sells: [S('A', 1, 1), S('C', 1, 1)], rebalance_buys: [B('X', 1, 1), B('Y', 1, 1)] };
    expect(gen(deepRebalance, opps, { L: 1 })).toEqual([['S:A']]);
    expect(gen(deepRebalance, opps, { L: 3 })).toEqual([['S:A', 'B:X']]);
  });

  itSatisfiesPatternProperties(deepRebalance, { maxSequences: 1 });
});
