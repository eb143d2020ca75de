import { describe, expect, it } from 'vitest';
import { endStateScore } from '../src/end-state.js';
import { longTermPromiseScore, stabilityScore, totalReturnScore } from '../src/metric-scores.js';

describe('endStateScore (§4.2)', () => {
  it('returns 0.5 with an error for no positions or T <= 0', () => {
    expect(endStateScore(new Map(), 1000, 0.6, new Map())).toEqual({
      score: 0.5,
      breakdown: { error: 'Invalid portfolio data' },
    });
    expect(endStateScore(new Map([['A', 10]]), 0, 0.6, new Map()).score).toBe(0.5);
  });

  it('weights per-security scores by value / T and combines with the balanced weights', () => {
    const mA = { cagr5y: 0.1, dividendYield: 0.02, sortino: 1.2, sharpe: 0.9, volatilityAnnual: 0.2, maxDrawdown: -0.25 };
    const r = endStateScore(
      new Map([
        ['A', 750],
        ['B', 250],
      ]),
      1000,
      0.6,
      new Map([['A', mA]]),
    );
    const tr = totalReturnScore(mA).score * 0.75 + 0.15 * 0.25;
    const p = longTermPromiseScore(mA).score * 0.75 + 0.5 * 0.25;
    const s = stabilityScore(mA).score * 0.75 + 0.5 * 0.25;
    const e = tr * 0.35 + 0.6 * 0.25 + p * 0.2 + s * 0.15 + 0.5 * 0.05;
    expect(r.score).toBeCloseTo(e, 3);
    expect(Object.keys(r.breakdown)).toEqual([
      'total_return',
      'diversification',
      'long_term_promise',
      'stability',
      'opinion',
      'end_state_score',
      'risk_profile',
    ]);
    expect(r.breakdown.total_return).toMatchObject({ weight: 0.35 });
    expect(r.breakdown.risk_profile).toBe('balanced');
  });

  it('skips zero-value positions (but a map holding only them is not "empty")', () => {
    const r = endStateScore(new Map([['A', 0]]), 1000, 0.4, new Map());
    expect(r.score).toBe(0.125); // 0.4 × 0.25 + 0.025
  });

  it('clamps at 1 but reports the unclamped sum', () => {
    const great = { cagr5y: 0.12, consistencyScore: 1, financialStrength: 1, dividendConsistency: 1, sortino: 3, sharpe: 3, volatilityAnnual: 0.1, maxDrawdown: -0.05 };
    const r = endStateScore(new Map([['A', 3000]]), 1000, 1, new Map([['A', great]]));
    expect(r.score).toBe(1);
    expect(r.breakdown.end_state_score).toBeGreaterThan(1);
  });
});
