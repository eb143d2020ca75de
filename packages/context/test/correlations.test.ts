import { portfolioContext } from '@planner/testkit';
import { describe, expect, it } from 'vitest';
import { computeCorrelations } from '../src/correlations.js';
import { computeGroupAllocations } from '../src/group-allocations.js';

describe('computeCorrelations (modules-sequences-filters.md §5.2)', () => {
  const history = { A: [100, 110, 99, 108.9], B: [50, 55, 49.5, 54.45], C: [20, 20, 20, 20] };
  it('example 5-B: identical returns give 1, a constant series gives NaN', () => {
    const m = computeCorrelations(history, ['A', 'B', 'C']);
    expect(m.get('A:B')).toBeCloseTo(1, 12);
    expect(m.get('B:A')).toBe(m.get('A:B'));
    expect(m.get('A:C')).toBeNaN();
    expect(m.has('C:B')).toBe(true);
    expect(m.size).toBe(6);
  });
  it('opposite moves give -1; symbols without history are left out', () => {
    const m = computeCorrelations({ A: [1, 2, 1, 2], B: [2, 1, 2, 1] }, ['A', 'B', 'Z']);
    expect(m.get('A:B')).toBeCloseTo(-1, 12);
    expect([...m.keys()].some((k) => k.includes('Z'))).toBe(false);
  });
  it('back-fills a shorter series, aligned on the latest close', () => {
    // B has only the last 3 closes: its first return is 0.
    const m = computeCorrelations({ A: [1, 2, 4, 2], B: [4, 8, 4] }, ['A', 'B']);
    const a = [1, 1, -0.5];
    const b = [0, 1, -0.5];
    const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
    const ma = mean(a);
    const mb = mean(b);
    const cov = a.reduce((s, v, i) => s + (v - ma) * (b[i]! - mb), 0);
    const va = a.reduce((s, v) => s + (v - ma) ** 2, 0);
    const vb = b.reduce((s, v) => s + (v - mb) ** 2, 0);
    expect(m.get('A:B')).toBeCloseTo(cov / Math.sqrt(va * vb), 12);
  });
  it('a non-positive or non-finite close counts as missing (forward-filled); a series without any price is left out', () => {
    const gap = computeCorrelations({ A: [1, 2, 4, 2], B: [4, 0, 8, 4], Z: [0, -1, Number.NaN] }, ['A', 'B', 'Z']);
    // B reads [4, 4, 8, 4]: the returns of the back-fill example
    expect(gap.get('A:B')).toBe(computeCorrelations({ A: [1, 2, 4, 2], B: [4, 8, 4] }, ['A', 'B']).get('A:B'));
    expect([...gap.keys()].some((k) => k.includes('Z'))).toBe(false);
    expect(computeCorrelations({ Z: [0, Number.POSITIVE_INFINITY] }, ['Z']).size).toBe(0);
  });
  it('uses only the last `days` closes and is empty without data', () => {
    const m = computeCorrelations({ A: [5, 1, 2, 3], B: [9, 2, 4, 5] }, ['A', 'B'], 3);
    expect(computeCorrelations({ A: [5, 1, 2, 3], B: [9, 2, 4, 5] }, ['A', 'B']).get('A:B')).not.toBeCloseTo(1, 6);
    expect(m.get('A:B')).toBeCloseTo(1, 12);
    expect(computeCorrelations(undefined, ['A']).size).toBe(0);
    expect(computeCorrelations({ A: [1] , B: [2] }, ['A', 'B']).size).toBe(0);
  });
});

describe('computeGroupAllocations', () => {
  it('is empty when the total is not positive', () => {
    const r = computeGroupAllocations(portfolioContext({ positions: new Map([['A', 5]]), totalValue: 0 }));
    expect(r.countries.size + r.industries.size).toBe(0);
  });

  it('sums position weights per country and industry group; no country or no group is OTHER, empty industry pieces count nowhere', () => {
    const r = computeGroupAllocations(portfolioContext({
      positions: new Map([['A', 600], ['B', 300], ['C', 100]]),
      totalValue: 1000,
      securityCountries: new Map([['A', 'United States'], ['B', 'Peru']]),
      countryToGroup: new Map([['United States', 'US']]),
      securityIndustries: new Map([['A', 'Tech, Banks'], ['B', 'Tech,']]),
      industryToGroup: new Map([['Tech', 'TECH']]),
    }));
    expect([...r.countries]).toEqual([['US', 0.6], ['OTHER', 0.4]]);
    expect([...r.industries]).toEqual([['TECH', 0.8999999999999999], ['OTHER', 0.6]]);
  });
});
