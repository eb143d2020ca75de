import { StoreError } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { decodeWorkData, encodeWorkData } from '../src/work-data.js';
import type { WorkData } from '../src/work-data.js';
import { portfolioHash } from '../src/work-key.js';
import { snapshot } from './fixtures.js';

const data: WorkData = {
  snapshot: snapshot(),
  seed: 42,
  config: '[planner]\nmax_depth = 3\n',
  funnel: { generated: 10, sequencesByModule: { fake_each: 10 }, afterDedup: 9, afterFilters: 9, feasible: 8 },
  diagnostics: [{ level: 'warning', module: 'x', message: 'careful' }, { level: 'error', message: 'broke' }],
};

describe('stored work data', () => {
  it('round-trips, and the snapshot read back hashes like the original', () => {
    const back = decodeWorkData(encodeWorkData(data));
    expect(back).toEqual(data);
    expect(portfolioHash(back.snapshot)).toBe(portfolioHash(data.snapshot));
  });

  it('keeps the order of the targets, digit-only keys included (a worker must plan what the caller planned)', () => {
    const groups = new Map([['EU', ['Germany']], ['10', ['Germany']]]);
    const targets = { ...data.snapshot.targets, countries: new Map([['EU', 0.5], ['10', 0.5]]), countryGroups: groups };
    const ordered = { ...data, snapshot: { ...data.snapshot, targets, targetWeights: new Map([['B', 0.5], ['A', 0.1]]) } };
    const back = decodeWorkData(encodeWorkData(ordered));
    expect([...back.snapshot.targets.countryGroups.keys()]).toEqual(['EU', '10']);
    expect([...back.snapshot.targets.countries.keys()]).toEqual(['EU', '10']);
    expect([...(back.snapshot.targetWeights ?? new Map()).keys()]).toEqual(['B', 'A']);
    // the key order counts in the portfolio hash, so a worker's rebuilt key must still match
    const withCash = { ...ordered, snapshot: { ...ordered.snapshot, cash: new Map([['USD', 10], ['EUR', 20], ['840', 5]]), fxRates: { EUR: 1, USD: 1.1, '840': 1.1 } } };
    expect(portfolioHash(decodeWorkData(encodeWorkData(withCash)).snapshot)).toBe(portfolioHash(withCash.snapshot));
    expect(portfolioHash(withCash.snapshot)).not.toBe(portfolioHash({ ...withCash.snapshot, targetWeights: new Map([['A', 0.1], ['B', 0.5]]) }));
  });

  it('writes what JSON.stringify wrote for a snapshot without Maps\' digit-only keys (stored work stays readable both ways)', () => {
    const targets = { countries: {}, industries: {}, countryGroups: {}, industryGroups: {} };
    expect(encodeWorkData(data)).toBe(JSON.stringify({ format: 'planner-work', version: 1, ...data, snapshot: { ...data.snapshot, cash: Object.fromEntries(data.snapshot.cash), targets } }));
  });

  it('anything else is a StoreError naming the problem', () => {
    expect(() => decodeWorkData('not json')).toThrow(StoreError);
    expect(() => decodeWorkData(JSON.stringify({ ...JSON.parse(encodeWorkData(data)), version: 2 }))).toThrow(/version/);
    expect(() => decodeWorkData(JSON.stringify({ format: 'planner-work', version: 1 }))).toThrow(/seed/);
    expect(() => decodeWorkData(encodeWorkData({ ...data, snapshot: { ...data.snapshot, cash: 'lots' } as never }))).toThrow(/cash/);
  });
});
