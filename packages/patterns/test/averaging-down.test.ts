import { describe, expect, it } from 'vitest';
import { averagingDown } from '../src/averaging-down.js';
import { B, fixtureF, gen, S } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

describe('averaging_down', () => {
  it('spec §4.4 example 1: enough cash, no sell', () => {
    expect(gen(averagingDown, fixtureF(), { cash: 1000, L: 5 })).toEqual([['B:AD1', 'B:AD2']]);
  });

  it('example 2: short of cash sells the first windfall, even when it leaves no room for a buy', () => {
    expect(gen(averagingDown, fixtureF(), { cash: 0, L: 1 })).toEqual([['S:PT1']]);
    expect(gen(averagingDown, fixtureF(), { cash: 0, L: 3 })).toEqual([['S:PT1', 'B:AD1', 'B:AD2']]);
  });

  it('sells only when cash is strictly below the first candidate', () => {
    const opps = { averaging_down: [B('A', 600, 0.5)], profit_taking: [S('P', 100, 0.9)] };
    expect(gen(averagingDown, opps, { cash: 600 })).toEqual([['B:A']]);
    expect(gen(averagingDown, opps, { cash: 599.99 })).toEqual([['S:P', 'B:A']]);
  });

  it('only the first candidate triggers the sell; a cheaper later one does not', () => {
    const opps = { averaging_down: [B('A', 100, 0.5), B('C', 900, 0.4)], profit_taking: [S('P', 1000, 0.9)] };
    expect(gen(averagingDown, opps, { cash: 500 })).toEqual([['B:A']]);
  });

  it('adds the sell even if its proceeds still do not cover the first buy', () => {
    const opps = { averaging_down: [B('A', 600, 0.5), B('C', 50, 0.4)], profit_taking: [S('P', 100, 0.9)] };
    expect(gen(averagingDown, opps, { cash: 0 })).toEqual([['S:P', 'B:C']]);
  });

  it('needs averaging-down candidates; no cash and no windfall gives nothing', () => {
    expect(gen(averagingDown, { profit_taking: [S('P', 100, 1)] }, { cash: 0 })).toEqual([]);
    expect(gen(averagingDown, { averaging_down: [B('A', 100, 1)] }, { cash: 0 })).toEqual([]);
    expect(gen(averagingDown, { averaging_down: [B('A', 0, 1)] }, { cash: 0 })).toEqual([['B:A']]);
  });

  it('returns nothing for L < 1 (recommended guard, §4.4)', () => {
    expect(gen(averagingDown, fixtureF(), { cash: 0, L: 0 })).toEqual([]);
  });

  itSatisfiesPatternProperties(averagingDown, { maxSequences: 1 });
});
