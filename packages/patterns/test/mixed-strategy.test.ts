import { describe, expect, it } from 'vitest';
import { mixedStrategy } from '../src/mixed-strategy.js';
import { B, fixtureF, gen, S } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

describe('mixed_strategy', () => {
  it('spec §4.7 example 1', () => {
    expect(gen(mixedStrategy, fixtureF(), { cash: 1000, L: 5 })).toEqual([['S:PT1', 'S:PT2', 'B:AD1', 'B:AD2', 'B:RB1']]);
    expect(gen(mixedStrategy, fixtureF(), { cash: 1000, L: 3 })).toEqual([['S:PT1', 'B:AD1', 'B:AD2']]);
  });

  it('example 2: buy-only without sells; cash 0 L 4', () => {
    expect(gen(mixedStrategy, { ...fixtureF(), profit_taking: [], rebalance_sells: [] }, { cash: 1000, L: 3 })).toEqual([
      ['B:AD1', 'B:AD2'],
    ]);
    expect(gen(mixedStrategy, fixtureF(), { cash: 0, L: 4 })).toEqual([['S:PT1', 'S:PT2', 'B:AD1', 'B:AD2']]);
  });

  it('sell count max(1, floor(L/2)): 1,1,1,2,2,3 for L = 1,2,3,4,5,7', () => {
    const sells = [S('A', 1, 1), S('B', 1, 1), S('C', 1, 1), S('D', 1, 1)];
    const count = (L: number) => gen(mixedStrategy, { profit_taking: sells }, { L })[0]!.length;
    expect([1, 2, 3, 4, 5, 7].map(count)).toEqual([1, 1, 1, 2, 2, 3]);
    expect(gen(mixedStrategy, fixtureF(), { cash: 1e6, L: 1 })).toEqual([['S:PT1']]);
  });

  it('takes zero-value buys even with zero cash (no direct_buy guard); empty input gives nothing', () => {
    expect(gen(mixedStrategy, { opportunity_buys: [B('Z', 0, 1)] }, { cash: 0 })).toEqual([['B:Z']]);
    expect(gen(mixedStrategy, {}, { cash: 1000 })).toEqual([]);
    expect(gen(mixedStrategy, { opportunity_buys: [B('Z', 10, 1)] }, { cash: 0 })).toEqual([]);
  });

  it('uses the running cash form (§1.4)', () => {
    // Running: (0.1 + 0.1) + 0.6 = 0.8 fits; cash₀ + Σ would be 0.7999999999999999.
    const opps = { profit_taking: [S('P', 0.1, 1), S('Q', 0.6, 1)], averaging_down: [B('X', 0.8, 1)] };
    expect(gen(mixedStrategy, opps, { cash: 0.1, L: 4 })).toEqual([['S:P', 'S:Q', 'B:X']]);
  });

  itSatisfiesPatternProperties(mixedStrategy, { maxSequences: 1 });
});
