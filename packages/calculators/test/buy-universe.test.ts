import { describe, expect, it } from 'vitest';
import { eligibleBuyUniverse } from '../src/buy-universe.js';
import { makeContext, sec } from './fixtures.js';

describe('eligibleBuyUniverse memo', () => {
  const ctx = makeContext({
    securities: [
      sec('A', { qualityScore: 0.8 }),
      sec('B', { qualityScore: 0.8, allowBuy: false }),
      sec('C', { qualityScore: 0.2 }),
    ],
  });

  it('computes the universe once per context and returns the same frozen list', () => {
    const first = eligibleBuyUniverse(ctx);
    expect(first.map((s) => s.symbol)).toEqual(['A']);
    expect(eligibleBuyUniverse(ctx)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('gives a derived context (other settings) its own universe, not the cached one', () => {
    const base = eligibleBuyUniverse(ctx);
    const lower = { ...ctx, minSecurityScore: 0.1 };
    expect(eligibleBuyUniverse(lower).map((s) => s.symbol)).toEqual(['A', 'C']);
    const cooled = { ...ctx, recentlyBought: new Set(['A']) };
    expect(eligibleBuyUniverse(cooled)).toEqual([]);
    expect(eligibleBuyUniverse(ctx)).toBe(base);
  });
});
