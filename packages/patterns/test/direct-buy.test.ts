import { describe, expect, it } from 'vitest';
import { directBuy } from '../src/direct-buy.js';
import { B, fixtureF, gen } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

describe('direct_buy', () => {
  it('fills in category order without sorting (spec §4.1 example 1)', () => {
    expect(gen(directBuy, fixtureF(), { cash: 1000, L: 5 })).toEqual([['B:AD1', 'B:AD2']]);
  });

  it('returns nothing without cash, and L limits the buys (example 2)', () => {
    expect(gen(directBuy, fixtureF(), { cash: 0, L: 3 })).toEqual([]);
    expect(gen(directBuy, fixtureF(), { cash: 1000, L: 1 })).toEqual([['B:AD1']]);
  });

  it('does not take a zero-value candidate with zero cash; negative cash gives nothing', () => {
    expect(gen(directBuy, { averaging_down: [B('Z', 0, 1)] }, { cash: 0 })).toEqual([]);
    expect(gen(directBuy, { averaging_down: [B('Z', 0, 1)] }, { cash: -1 })).toEqual([]);
    expect(gen(directBuy, { averaging_down: [B('Z', 0, 1)] }, { cash: 0.01 })).toEqual([['B:Z']]);
  });

  it('takes a candidate costing exactly the cash, skips one just above it', () => {
    const opps = { rebalance_buys: [B('X', 500, 0.5)], opportunity_buys: [B('Y', 100, 0.9)] };
    expect(gen(directBuy, opps, { cash: 499.99 })).toEqual([['B:Y']]);
    expect(gen(directBuy, opps, { cash: 500 })).toEqual([['B:X']]);
    expect(gen(directBuy, opps, { cash: 600 })).toEqual([['B:X', 'B:Y']]);
  });

  it('skips misfits and continues with cheaper later candidates (GREEDY_FILL)', () => {
    const opps = { averaging_down: [B('A', 900, 0.5)], opportunity_buys: [B('C', 100, 0.9)] };
    expect(gen(directBuy, opps, { cash: 500 })).toEqual([['B:C']]);
  });

  it('may take the same symbol twice (dedup drops it later)', () => {
    const x = B('X', 100, 0.5);
    expect(gen(directBuy, { averaging_down: [x], rebalance_buys: [x], opportunity_buys: [B('Y', 300, 0.7)] }, { cash: 1000 })).toEqual([
      ['B:X', 'B:X', 'B:Y'],
    ]);
  });

  it('returns nothing for empty or missing categories; ignores sells', () => {
    expect(gen(directBuy, {}, { cash: 1000 })).toEqual([]);
    expect(gen(directBuy, { profit_taking: fixtureF().profit_taking }, { cash: 1000 })).toEqual([]);
  });

  itSatisfiesPatternProperties(directBuy, { maxSequences: 1 });
});
