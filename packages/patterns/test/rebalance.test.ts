import { describe, expect, it } from 'vitest';
import { rebalance } from '../src/rebalance.js';
import { B, fixtureF, gen, S } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

describe('rebalance', () => {
  it('spec §4.3 examples', () => {
    expect(gen(rebalance, fixtureF(), { cash: 1000, L: 3 })).toEqual([['S:RS1', 'B:RB1', 'B:RB2']]);
    expect(gen(rebalance, fixtureF(), { cash: 0, L: 5 })).toEqual([['S:RS1', 'B:RB1']]);
    expect(gen(rebalance, fixtureF(), { cash: 0, L: 1 })).toEqual([['S:RS1']]);
  });

  it('returns a sells-only sequence without rebalance buys, nothing without sells', () => {
    expect(gen(rebalance, { rebalance_sells: [S('X', 10, 1)] }, { cash: 100 })).toEqual([['S:X']]);
    expect(gen(rebalance, { rebalance_buys: [B('Y', 10, 1)] }, { cash: 100 })).toEqual([]);
  });

  it('takes at most L sells; with >= L sells there are no buys', () => {
    const opps = {
      rebalance_sells: [S('A', 800, 0.7), S('B', 300, 0.6), S('C', 100, 0.5)],
      rebalance_buys: fixtureF().rebalance_buys,
    };
    expect(gen(rebalance, opps, { cash: 0, L: 4 })).toEqual([['S:A', 'S:B', 'S:C', 'B:RB1']]);
    expect(gen(rebalance, opps, { cash: 1e6, L: 3 })).toEqual([['S:A', 'S:B', 'S:C']]);
  });

  it('buy boundary at the proceeds', () => {
    const opps = (v: number) => ({ rebalance_sells: [S('A', 100, 1)], rebalance_buys: [B('X', v, 1)] });
    expect(gen(rebalance, opps(100), { cash: 0 })).toEqual([['S:A', 'B:X']]);
    expect(gen(rebalance, opps(100.000001), { cash: 0 })).toEqual([['S:A']]);
  });

  itSatisfiesPatternProperties(rebalance, { maxSequences: 1 });
});
