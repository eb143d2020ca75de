import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { snapshotToJson } from '@planner/context';
import { describe, expect, it } from 'vitest';
import { canonicalJson, configHash, portfolioHash, workKey } from '../src/work-key.js';
import type { PortfolioSnapshot } from '@planner/contracts';
import { config, snapshot } from './fixtures.js';

describe('work key', () => {
  it('canonical JSON sorts object keys and writes Maps as entry lists in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: new Map([['x', { q: 1, p: 2 }]]) } })).toBe(
      '{"a":{"c":[["x",{"p":2,"q":1}]],"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('keys are the first 32 hex digits of sha-256 (known vectors, unchanged since node:crypto)', () => {
    const s = snapshot();
    expect(portfolioHash(s)).toBe('73afaa0ea0709caf93a53fd89961526d');
    // The config hash covers every [compat] switch (issue 13 added four) and the evaluator's name (issue 10).
    expect(configHash(config(), 7)).toBe('24d44061502bee1cde79170657c2f20c');
    const named = { ...s, securities: s.securities.map((x, i) => (i === 0 ? { ...x, name: 'Nestlé € 😀 \ud800' } : x)) };
    expect(portfolioHash(named)).toBe('af1c83aa936eae05ffffb11dda7af8da');
  });

  it('the pure-JS sha-256 gives the bytes of Node\'s crypto sha-256, lone surrogates included (property)', () => {
    const s = snapshot();
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (name) => {
      const named = { ...s, securities: s.securities.map((x, i) => (i === 0 ? { ...x, name } : x)) };
      // hashed as the JSON of its file: the targets' Maps are objects there
      const expected = createHash('sha256').update(canonicalJson(JSON.parse(snapshotToJson(named))), 'utf8').digest('hex').slice(0, 32);
      expect(portfolioHash(named)).toBe(expected);
    }), { numRuns: 200 });
  });

  it('equal inputs give equal keys, whatever order their keys were built in', () => {
    const s = snapshot();
    const reordered = Object.fromEntries(Object.entries(s).reverse()) as typeof s;
    expect(portfolioHash(reordered)).toBe(portfolioHash(s));
    expect(workKey('core', s, config(), 7)).toEqual(workKey('core', reordered, config(), 7));
    expect(configHash({ ...config(), warnings: ['something'] }, 7)).toBe(configHash(config(), 7));
  });

  it('anything the plan reads changes the portfolio hash: holdings, cash, prices, asOf', () => {
    const s = snapshot();
    const h = portfolioHash(s);
    expect(portfolioHash({ ...s, cash: new Map([['EUR', 1000.01]]) })).not.toBe(h);
    expect(portfolioHash({ ...s, asOf: '2026-01-03T12:00:00Z' })).not.toBe(h);
    expect(portfolioHash({ ...s, positions: s.positions.map((p, i) => (i === 0 ? { ...p, quantity: 11 } : p)) })).not.toBe(h);
    expect(portfolioHash({ ...s, securities: s.securities.map((x, i) => (i === 4 ? { ...x, price: 100.5 } : x)) })).not.toBe(h);
  });

  it('the configuration, a module\'s params, the module order and the seed change the config hash', () => {
    const h = configHash(config(), 7);
    expect(configHash(config({ planner: { maxDepth: 4 } }), 7)).not.toBe(h);
    expect(configHash(config(), 8)).not.toBe(h);
    expect(configHash(config({ calculators: ['fake_sells', 'fake_buys'] }), 7)).not.toBe(h);
    expect(configHash(config({ calculators: [['fake_buys', { enabled: true, params: { boost: 1 } }], 'fake_sells'] }), 7)).not.toBe(h);
    expect(workKey('core', snapshot(), config(), 7).bucket).toBe('core');
  });

  describe('key order, where it decides a plan (issue 14: targets and target weights are ordered Maps)', () => {
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
    /** The fixture with every ordered record holding `keys`, in that order (values depend on the key only). */
    const ordered = (keys: readonly string[]): PortfolioSnapshot => {
      const s = snapshot();
      const weights = new Map(keys.map((k) => [k, (k.length + 1) / 10]));
      return {
        ...s,
        cash: new Map(keys.map((k) => [k, 100 * (k.length + 1)])),
        fxRates: Object.fromEntries(keys.map((k) => [k, 1])),
        targets: {
          countries: weights, industries: weights,
          countryGroups: new Map(keys.map((k) => [k, [k.toLowerCase()]])), industryGroups: new Map(keys.map((k) => [k, [k]])),
        },
        targetWeights: weights,
      };
    };
    const records = ['cash', 'countries', 'industries', 'countryGroups', 'industryGroups', 'targetWeights'] as const;
    /** `ordered(['EU', 'US', 'ASIA'])` with only `record` in `order`. */
    const oneReordered = (record: (typeof records)[number], order: readonly string[]): PortfolioSnapshot => {
      const base = ordered(['EU', 'US', 'ASIA']);
      const other = ordered(order);
      if (record === 'cash') return { ...base, cash: other.cash };
      if (record === 'targetWeights') return { ...base, targetWeights: other.targetWeights! };
      return { ...base, targets: { ...base.targets, [record]: other.targets[record] } };
    };

    it.each(records)('snapshots that differ only in the key order of %s get different hashes', (record) => {
      const a = oneReordered(record, ['EU', 'US', 'ASIA']);
      const b = oneReordered(record, ['US', 'EU', 'ASIA']);
      expect(snapshotToJson(a)).not.toBe(snapshotToJson(b));
      expect(canonicalJson(JSON.parse(snapshotToJson(a)))).toBe(canonicalJson(JSON.parse(snapshotToJson(b))));
      expect(portfolioHash(a)).not.toBe(portfolioHash(b));
    });

    it('records in sorted key order hash as before key order counted (the sorted JSON alone)', () => {
      const sorted = ordered(['ASIA', 'EU', 'US']);
      expect(portfolioHash(sorted)).toBe(sha(canonicalJson(JSON.parse(snapshotToJson(sorted)))));
      const unsorted = ordered(['EU', 'US', 'ASIA']);
      expect(portfolioHash(unsorted)).not.toBe(sha(canonicalJson(JSON.parse(snapshotToJson(unsorted)))));
    });

    it('two orders of the same entries share a hash exactly when they are the same order (property)', () => {
      const keys = fc.uniqueArray(fc.oneof(fc.constantFrom('10', '2', 'EU', 'eu', '__proto__', 'É'), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 5 });
      fc.assert(fc.property(keys.chain((k) => fc.tuple(fc.shuffledSubarray(k, { minLength: k.length }), fc.shuffledSubarray(k, { minLength: k.length }))), ([a, b]) => {
        expect(portfolioHash(ordered(a)) === portfolioHash(ordered(b))).toBe(a.join('\u0000') === b.join('\u0000'));
      }), { numRuns: 200 });
    });
  });
});
