import { describe, expect, it } from 'vitest';
import { costOptimized } from '../src/cost-optimized.js';
import { B, fixtureF, gen, S } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

describe('cost_optimized', () => {
  it('spec §4.11 example 1', () => {
    expect(gen(costOptimized, fixtureF(), { cash: 1000, L: 5 })).toEqual([['S:PT1', 'S:PT2', 'S:RS1', 'B:OB1', 'B:RB1']]);
    expect(gen(costOptimized, { ...fixtureF(), profit_taking: [], rebalance_sells: [] }, { cash: 1000, L: 3 })).toEqual([['B:OB1']]);
  });

  it('a step limit of 0 gives no sequence, whatever fits', () => {
    expect(gen(costOptimized, fixtureF(), { cash: 1000, L: 0 })).toEqual([]);
  });

  it('example 2: the same object in two buy lists is taken once', () => {
    const x = B('X', 100, 0.5);
    const opps = { averaging_down: [x], rebalance_buys: [x], opportunity_buys: [B('Y', 300, 0.7)] };
    expect(gen(costOptimized, opps, { cash: 1000, L: 5 })).toEqual([['B:Y', 'B:X']]);
  });

  it('value-equal copies are taken once; distinct candidates of one symbol both', () => {
    const opps = { averaging_down: [B('X', 100, 0.5)], rebalance_buys: [B('X', 100, 0.5)] };
    expect(gen(costOptimized, opps, { cash: 1000 })).toEqual([['B:X']]);
    const tagged = { averaging_down: [B('X', 100, 0.5)], rebalance_buys: [B('X', 100, 0.5, { tags: ['other'] })] };
    expect(gen(costOptimized, tagged, { cash: 1000 })).toEqual([['B:X', 'B:X']]);
  });

  it('equal priorities keep category order (stable sort)', () => {
    const opps = { opportunity_buys: [B('O', 1, 0.5)], averaging_down: [B('A', 1, 0.5)], rebalance_buys: [B('R', 1, 0.5)] };
    expect(gen(costOptimized, opps, { cash: 10 })).toEqual([['B:A', 'B:R', 'B:O']]);
  });

  it('sells in category order up to L, skipping non-sells; misfit buys are skipped', () => {
    const opps = {
      rebalance_sells: [S('R', 10, 0.1)],
      profit_taking: [S('P', 10, 0.05), B('W', 5, 0.99)],
      opportunity_buys: [B('O', 100, 0.9), B('C', 15, 0.2)],
    };
    expect(gen(costOptimized, opps, { cash: 0 })).toEqual([['S:P', 'S:R', 'B:W', 'B:C']]);
    expect(gen(costOptimized, opps, { cash: 0, L: 1 })).toEqual([['S:P']]);
  });

  it('exact-cash boundary and empty input', () => {
    expect(gen(costOptimized, { opportunity_buys: [B('O', 100, 1)] }, { cash: 100 })).toEqual([['B:O']]);
    expect(gen(costOptimized, { opportunity_buys: [B('O', 100, 1)] }, { cash: 99.99 })).toEqual([]);
    expect(gen(costOptimized, {}, { cash: 100 })).toEqual([]);
  });

  it('does not reorder the input lists', () => {
    const f = fixtureF();
    const before = f.opportunity_buys.map((c) => c.symbol);
    gen(costOptimized, f, { cash: 1000 });
    expect(f.opportunity_buys.map((c) => c.symbol)).toEqual(before);
  });

  itSatisfiesPatternProperties(costOptimized, { maxSequences: 1 });
});
