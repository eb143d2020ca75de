import { describe, expect, it } from 'vitest';
import { profitTaking } from '../src/profit-taking.js';
import { B, fixtureF, gen, S } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

describe('profit_taking', () => {
  it('sells all that fit the limit, then reinvests in category order (spec §4.2 example 1)', () => {
    expect(gen(profitTaking, fixtureF(), { cash: 1000, L: 5 })).toEqual([['S:PT1', 'S:PT2', 'B:AD1', 'B:AD2', 'B:RB1']]);
  });

  it('example 2: limit 3 and limit 2 (sells only)', () => {
    expect(gen(profitTaking, fixtureF(), { cash: 0, L: 3 })).toEqual([['S:PT1', 'S:PT2', 'B:AD1']]);
    expect(gen(profitTaking, fixtureF(), { cash: 0, L: 2 })).toEqual([['S:PT1', 'S:PT2']]);
  });

  it('never uses opportunity buys', () => {
    expect(gen(profitTaking, { profit_taking: [S('P', 100, 1)], opportunity_buys: [B('O', 10, 1)] }, { cash: 1000 })).toEqual([['S:P']]);
  });

  it('requires profit-taking candidates', () => {
    const f = fixtureF();
    expect(gen(profitTaking, { ...f, profit_taking: [] }, { cash: 5000 })).toEqual([]);
  });

  it('buy boundary: proceeds plus cash exactly equal to the buy is taken, a cent less is not', () => {
    const opps = (v: number) => ({ profit_taking: [S('P', 300, 1)], rebalance_buys: [B('X', v, 1)] });
    expect(gen(profitTaking, opps(500), { cash: 200 })).toEqual([['S:P', 'B:X']]);
    expect(gen(profitTaking, opps(500.01), { cash: 200 })).toEqual([['S:P']]);
  });

  it('uses cash₀ + Σ sells (not a running sum) at the <= boundary (§1.4)', () => {
    // 0.1 + (0.2 + 3.3) = 3.6 but (0.1 + 0.2) + 3.3 = 3.5999999999999996.
    const a = { profit_taking: [S('P', 0.2, 1), S('Q', 3.3, 1)], averaging_down: [B('X', 3.6, 1)] };
    expect(gen(profitTaking, a, { cash: 0.1 })).toEqual([['S:P', 'S:Q', 'B:X']]);
    // 0.1 + (0.1 + 0.6) = 0.7999999999999999 but the running sum is 0.8.
    const b = { profit_taking: [S('P', 0.1, 1), S('Q', 0.6, 1)], averaging_down: [B('X', 0.8, 1)] };
    expect(gen(profitTaking, b, { cash: 0.1 })).toEqual([['S:P', 'S:Q']]);
  });

  itSatisfiesPatternProperties(profitTaking, { maxSequences: 1 });
});
