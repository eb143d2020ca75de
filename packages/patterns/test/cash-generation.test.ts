import { describe, expect, it } from 'vitest';
import { cashGeneration } from '../src/cash-generation.js';
import { B, fixtureF, gen, S } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

describe('cash_generation', () => {
  it('spec §4.10 examples', () => {
    expect(gen(cashGeneration, fixtureF(), { cash: 1000, L: 5 })).toEqual([['S:PT1', 'S:PT2', 'S:RS1', 'B:OB1', 'B:OB2']]);
    expect(gen(cashGeneration, fixtureF(), { cash: 0, L: 4 })).toEqual([['S:PT1', 'S:PT2', 'S:RS1', 'B:OB1']]);
    expect(gen(cashGeneration, fixtureF(), { cash: 0, L: 2 })).toEqual([['S:PT1', 'S:PT2']]);
  });

  it('needs sells; buys opportunity → averaging → rebalance', () => {
    expect(gen(cashGeneration, { opportunity_buys: [B('O', 1, 1)] }, { cash: 100 })).toEqual([]);
    const opps = {
      rebalance_sells: [S('R', 10, 1)],
      rebalance_buys: [B('C', 5, 1)],
      averaging_down: [B('A', 5, 1)],
      opportunity_buys: [B('O', 5, 1)],
    };
    expect(gen(cashGeneration, opps, { cash: 0 })).toEqual([['S:R', 'B:O', 'B:A']]);
  });

  it('uses the running cash form (§1.4)', () => {
    const opps = { profit_taking: [S('P', 0.1, 1), S('Q', 0.6, 1)], averaging_down: [B('X', 0.8, 1)] };
    expect(gen(cashGeneration, opps, { cash: 0.1 })).toEqual([['S:P', 'S:Q', 'B:X']]);
    const opps2 = { profit_taking: [S('P', 0.2, 1), S('Q', 3.3, 1)], averaging_down: [B('X', 3.6, 1)] };
    expect(gen(cashGeneration, opps2, { cash: 0.1 })).toEqual([['S:P', 'S:Q']]);
  });

  itSatisfiesPatternProperties(cashGeneration, { maxSequences: 1 });
});
