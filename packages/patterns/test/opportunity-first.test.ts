import { describe, expect, it } from 'vitest';
import { opportunityFirst } from '../src/opportunity-first.js';
import { B, fixtureF, gen } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

describe('opportunity_first', () => {
  it('spec §4.8 examples', () => {
    expect(gen(opportunityFirst, fixtureF(), { cash: 1000, L: 5 })).toEqual([['B:OB1']]);
    expect(gen(opportunityFirst, fixtureF(), { cash: 1500, L: 3 })).toEqual([['B:OB1', 'B:OB2', 'B:RB2']]);
    expect(gen(opportunityFirst, fixtureF(), { cash: 0 })).toEqual([]);
  });

  it('requires opportunity buys even if other buys would fit', () => {
    expect(gen(opportunityFirst, { averaging_down: [B('A', 1, 1)] }, { cash: 1000 })).toEqual([]);
  });

  it('falls through to averaging-down then rebalance buys when no opportunity fits', () => {
    const opps = { opportunity_buys: [B('O', 500, 1)], averaging_down: [B('A', 200, 1)], rebalance_buys: [B('R', 100, 1)] };
    expect(gen(opportunityFirst, opps, { cash: 300 })).toEqual([['B:A', 'B:R']]);
    expect(gen(opportunityFirst, opps, { cash: 500 })).toEqual([['B:O']]);
    expect(gen(opportunityFirst, opps, { cash: 800, L: 2 })).toEqual([['B:O', 'B:A']]);
  });

  itSatisfiesPatternProperties(opportunityFirst, { maxSequences: 1 });
});
