import { SnapshotError } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../src/parse-snapshot.js';

// The snapshot's bucket fields (pipeline.md §7.1): `bucket` on securities and
// per-bucket cash balances in `bucketCash`.

function base(): Record<string, any> {
  return {
    asOf: '2026-01-02T12:00:00Z',
    baseCurrency: 'EUR',
    cash: { EUR: 1000, USD: 520 },
    fxRates: { USD: 1.04 },
    securities: [
      { symbol: 'AAA', name: 'Aaa', currency: 'EUR', price: 10, country: 'Germany', industry: 'Tech' },
      { symbol: 'BBB.US', name: 'Bbb', currency: 'USD', price: 20, country: 'United States', industry: 'Tech', bucket: 'momentum_1' },
    ],
    positions: [{ symbol: 'AAA', quantity: 5, avgPrice: 8 }],
    targets: { countries: {}, industries: {}, countryGroups: {}, industryGroups: {} },
  };
}

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseSnapshot(input, 'test.json');
  } catch (err) {
    expect(err).toBeInstanceOf(SnapshotError);
    return [...(err as SnapshotError).issues];
  }
  throw new Error('expected a SnapshotError');
}

describe('bucket fields of the snapshot', () => {
  it('keeps `bucket` and `bucketCash` and adds nothing to a snapshot without them', () => {
    const s = parseSnapshot({ ...base(), bucketCash: { core: { EUR: 800 }, momentum_1: { EUR: 200, USD: 520 } } });
    expect(s.securities.map((x) => x.bucket)).toEqual([undefined, 'momentum_1']);
    expect(s.bucketCash).toEqual(new Map([['core', new Map([['EUR', 800]])], ['momentum_1', new Map([['EUR', 200], ['USD', 520]])]]));
    const plain = base();
    delete plain.securities[1].bucket;
    const parsed = parseSnapshot(plain);
    expect('bucketCash' in parsed).toBe(false);
    expect(parsed.securities.every((x) => !('bucket' in x))).toBe(true);
  });

  it('refuses balances above the portfolio\'s cash, per currency, naming the sum and its parts', () => {
    const issues = issuesOf({ ...base(), bucketCash: { core: { EUR: 900 }, momentum_1: { EUR: 200, USD: 100 } } });
    expect(issues).toEqual([{
      path: 'bucketCash',
      message: "expected EUR balances adding up to at most the portfolio's cash (cash.EUR = 1000), found 1100 (core 900 + momentum_1 200)",
    }]);
    // A currency the portfolio does not hold holds 0.
    const gbp = issuesOf({ ...base(), fxRates: { USD: 1.04, GBP: 0.85 }, bucketCash: { core: { GBP: 5 } } });
    expect(gbp[0]?.message).toContain('(cash.GBP = 0), found 5 (core 5)');
  });

  it('refuses negative balances, currencies without a rate and malformed bucket ids, with path and value', () => {
    const issues = issuesOf({
      ...base(),
      securities: [{ ...base().securities[0], bucket: 'no spaces' }],
      bucketCash: { 'bad id': { EUR: 1 }, core: { EUR: -5, JPY: 3 } },
    });
    expect(issues).toEqual(expect.arrayContaining([
      { path: 'securities[0].bucket', message: 'expected a bucket id (1 to 64 letters, digits, _ . -), found "no spaces"' },
      { path: 'bucketCash.core.EUR', message: 'expected a number >= 0, found -5' },
      { path: 'bucketCash["bad id"]', message: 'expected a bucket id (1 to 64 letters, digits, _ . -), found "bad id"' },
      { path: 'bucketCash.core.JPY', message: 'expected a currency with a rate in fxRates, found "JPY" without one' },
    ]));
  });

  it('accepts balances that use up exactly the portfolio\'s cash', () => {
    expect(() => parseSnapshot({ ...base(), bucketCash: { core: { EUR: 0.7 * 1000 }, momentum_1: { EUR: 0.3 * 1000, USD: 520 } } })).not.toThrow();
  });
});
