import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dividendConsistencyFromPayout,
  drawdownScore,
  longTermPromiseScore,
  longTermPromiseValue,
  scoreTotalReturn,
  sharpeScore,
  sortinoScore,
  stabilityScore,
  stabilityValue,
  totalReturnScore,
  totalReturnValue,
  volatilityScore,
} from '../src/metric-scores.js';

describe('bell curve of total return (§4.2)', () => {
  it('floors at 0.15 for r <= 0', () => {
    expect(scoreTotalReturn(0)).toBe(0.15);
    expect(scoreTotalReturn(-0.2)).toBe(0.15);
    expect(scoreTotalReturn(1e-9)).toBeGreaterThan(0.15);
  });
  it('peaks at 1.0 at the 12% target', () => {
    expect(scoreTotalReturn(0.12)).toBe(1.0);
  });
  it('is steeper on the left (sigma 0.06) than on the right (sigma 0.12)', () => {
    const halfPoint = 0.15 + 0.85 * Math.exp(-0.5);
    expect(scoreTotalReturn(0.06)).toBeCloseTo(halfPoint, 12); // one left sigma
    expect(scoreTotalReturn(0.24)).toBeCloseTo(halfPoint, 12); // one right sigma
    expect(scoreTotalReturn(0.12 - 0.03)).toBeLessThan(scoreTotalReturn(0.12 + 0.03));
  });
});

describe('payout ratio -> dividend consistency', () => {
  it.each([
    [0.3, 1.0],
    [0.45, 1.0],
    [0.6, 1.0],
    [0, 0.5],
    [0.15, 0.75],
    [0.7, 0.85],
    [0.8, 0.7],
    [0.85, 0.4],
    [0.99, 0.4],
  ])('%f -> %f', (p, expected) => {
    expect(dividendConsistencyFromPayout(p)).toBeCloseTo(expected, 12);
  });
  it('is continuous-ish at the boundaries', () => {
    expect(dividendConsistencyFromPayout(0.2999)).toBeGreaterThan(0.99);
    expect(dividendConsistencyFromPayout(0.2999)).toBeLessThan(1.0);
    expect(dividendConsistencyFromPayout(0.6001)).toBeLessThan(1.0);
    expect(dividendConsistencyFromPayout(0.8001)).toBe(0.4);
  });
});

describe('Sortino', () => {
  it.each([
    [2.5, 1.0],
    [2.0, 1.0],
    [1.75, 0.9],
    [1.5, 0.8],
    [1.25, 0.7],
    [1.0, 0.6],
    [0.5, 0.3],
    [0, 0],
    [-1, 0],
  ])('%f -> %f', (x, expected) => {
    expect(sortinoScore(x)).toBeCloseTo(expected, 12);
  });
  it('just below a boundary takes the lower branch', () => {
    expect(sortinoScore(1.9999)).toBeLessThan(1.0);
    expect(sortinoScore(1.4999)).toBeLessThan(0.8);
  });
});

describe('volatility', () => {
  it.each([
    [0.1, 1.0],
    [0.15, 1.0],
    [0.2, 0.85],
    [0.25, 0.7],
    [0.325, 0.5],
    [0.4, 0.3],
    [0.5, 0.2],
    [0.9, 0.1],
  ])('%f -> %f', (x, expected) => {
    expect(volatilityScore(x)).toBeCloseTo(expected, 12);
  });
  it('just above 0.15 drops below 1', () => {
    expect(volatilityScore(0.1501)).toBeLessThan(1.0);
  });
});

describe('drawdown (absolute value)', () => {
  it.each([
    [-0.05, 1.0],
    [-0.1, 1.0],
    [-0.15, 0.9],
    [-0.2, 0.8],
    [-0.25, 0.7],
    [-0.3, 0.6],
    [-0.4, 0.4],
    [-0.5, 0.2],
    [-0.6, 0.1],
    [-0.9, 0],
    [0.15, 0.9],
  ])('%f -> %f', (x, expected) => {
    expect(drawdownScore(x)).toBeCloseTo(expected, 12);
  });
});

describe('Sharpe', () => {
  it.each([
    [2.0, 1.0],
    [3, 1.0],
    [1.5, 0.85],
    [1.0, 0.7],
    [0.75, 0.55],
    [0.5, 0.4],
    [0.25, 0.2],
    [0, 0],
    [-0.5, 0],
  ])('%f -> %f', (x, expected) => {
    expect(sharpeScore(x)).toBeCloseTo(expected, 12);
  });
});

describe('per-security components', () => {
  it('total return = CAGR + yield, sub-components rounded', () => {
    const r = totalReturnScore({ cagr5y: 0.12, dividendYield: 0.015 });
    expect(r.components.total_return).toBe(0.135);
    expect(r.score).toBe(Number(r.score.toFixed(3)));
    expect(totalReturnScore({ dividendYield: 0.03 }).components.total_return).toBe(0.03);
    expect(totalReturnScore({}).score).toBe(0.15);
  });
  it('promise and stability default to 0.5 without metrics', () => {
    expect(longTermPromiseScore({}).score).toBe(0.5);
    expect(stabilityScore({}).score).toBe(0.5);
  });
  it('promise prefers dividend consistency over the payout fallback', () => {
    expect(longTermPromiseScore({ dividendConsistency: 1, payoutRatio: 0.95 }).components.dividend_consistency).toBe(1);
    expect(longTermPromiseScore({ payoutRatio: 0.95 }).components.dividend_consistency).toBe(0.4);
  });
  it('zero-filled metrics (reference cache) score differently from missing ones', () => {
    // consistency 0, strength 0, dividend consistency 0, Sortino 0 -> 0
    expect(longTermPromiseScore({ consistencyScore: 0, financialStrength: 0, dividendConsistency: 0, sortino: 0 }).score).toBe(0);
    // volatility 0 is "unknown" (0.5), drawdown 0 -> 1.0, Sharpe 0 -> 0: 0.25 + 0.3 + 0
    expect(stabilityScore({ volatilityAnnual: 0, maxDrawdown: 0, sharpe: 0 }).score).toBe(0.55);
  });
  it('promise is capped at 1', () => {
    expect(longTermPromiseScore({ consistencyScore: 3, financialStrength: 1, dividendConsistency: 1, sortino: 3 }).score).toBe(1);
  });
});

describe('score-only values', () => {
  const metric = fc.option(fc.oneof(fc.double({ min: -1, max: 3, noNaN: true }), fc.constantFrom(0, 0.3, 0.6, 0.8, 1.5, 2)), { nil: undefined });
  const metricsArb = fc
    .record({
      cagr5y: metric, dividendYield: metric, consistencyScore: metric, financialStrength: metric, dividendConsistency: metric,
      payoutRatio: metric, sortino: metric, volatilityAnnual: metric, maxDrawdown: metric, sharpe: metric,
    })
    .map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)));

  it('equal the score of the component functions', () => {
    fc.assert(
      fc.property(metricsArb, (m) => {
        expect(totalReturnValue(m)).toBe(totalReturnScore(m).score);
        expect(longTermPromiseValue(m)).toBe(longTermPromiseScore(m).score);
        expect(stabilityValue(m)).toBe(stabilityScore(m).score);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
