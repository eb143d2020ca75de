import { parseSnapshot } from '@planner/context';
import { describe, expect, it } from 'vitest';
import { generatePortfolio } from '../bench/generate.js';

describe('bench portfolio generator', () => {
  it.each([10, 30, 60, 120, 500])('%i securities: a valid snapshot, half held, mixed currencies, targets', (size) => {
    const snapshot = parseSnapshot(generatePortfolio(size));
    expect(snapshot.securities).toHaveLength(size);
    expect(snapshot.positions).toHaveLength(size / 2);
    expect(new Set(snapshot.securities.map((s) => s.currency))).toEqual(new Set(['EUR', 'USD', 'GBP', 'HKD']));
    expect(snapshot.targets.countries.size).toBeGreaterThan(0);
    expect(snapshot.targets.industries.size).toBeGreaterThan(0);
  });

  it('is deterministic per (size, seed) and varies with the seed', () => {
    expect(JSON.stringify(generatePortfolio(60))).toBe(JSON.stringify(generatePortfolio(60)));
    expect(JSON.stringify(generatePortfolio(60, 2))).not.toBe(JSON.stringify(generatePortfolio(60, 1)));
  });
});
