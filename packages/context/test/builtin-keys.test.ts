import { SnapshotError } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../src/parse-snapshot.js';
import { snapshotToJson } from '../src/snapshot-json.js';
import { mutatedSnapshot, snapshotLike } from './snapshot-arbitraries.js';

// A currency, symbol, group or bucket id named like a property of every object
// (`__proto__`, `constructor`, `toString`, ...) is an ordinary name: validated
// like any other and kept as an own key. zod's records skip a `__proto__` key,
// so its value is checked by the snapshot's own key checks (snapshot-keys.ts).

const BUILT_IN = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'] as const;

/** Every built-in name of the JSON text, as a key or a string value, renamed to an ordinary one. */
const ordinary = (text: string): string => BUILT_IN.reduce((t, n) => t.replaceAll(`"${n}"`, `"zz${n}"`), text);

/** What parseSnapshot makes of the text: the snapshot as JSON, or the issues (sorted). */
function outcome(text: string): { ok: string } | { issues: string[] } {
  try {
    return { ok: snapshotToJson(parseSnapshot(text)) };
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw e;
    return { issues: e.issues.map((i) => `${i.path}: ${i.message}`).sort() };
  }
}

const base = {
  asOf: '2026-01-02T12:00:00Z', baseCurrency: 'EUR', cash: { EUR: 1000 }, fxRates: {},
  securities: [{ symbol: 'A', name: 'A', currency: 'EUR', price: 10, country: 'Germany', industry: 'Tech', bucket: 'core' }],
  targets: {},
};
const withBucketCash = (bucketCash: string): string => JSON.stringify(base).replace(/}$/, `,"bucketCash":${bucketCash}}`);

describe('built-in names in the snapshot', () => {
  it.each([
    ['{"core":{"__proto__":-1}}', 'bucketCash.core.__proto__: expected a number >= 0, found -1'],
    ['{"core":{"__proto__":"x"}}', 'bucketCash.core.__proto__: expected a finite number, found "x"'],
    ['{"__proto__":{"__proto__":-2}}', 'bucketCash.__proto__.__proto__: expected a number >= 0, found -2'],
  ])('a bucket balance keyed __proto__ is validated like any other: %s', (bucketCash, message) => {
    for (const input of [withBucketCash(bucketCash), JSON.parse(withBucketCash(bucketCash)) as unknown]) {
      expect(() => parseSnapshot(input)).toThrow(SnapshotError);
      try {
        parseSnapshot(input);
      } catch (e) {
        expect((e as SnapshotError).issues.map((i) => `${i.path}: ${i.message}`)).toContain(message);
      }
    }
  });

  it('a bucket balance is checked against the cash the snapshot holds, not an inherited value', () => {
    const text = withBucketCash('{"core":{"valueOf":500,"ZZZ":500}}').replace('"fxRates":{}', '"fxRates":{"valueOf":2,"ZZZ":3}');
    const messages = () => {
      try {
        parseSnapshot(text);
        return [];
      } catch (e) {
        return (e as SnapshotError).issues.map((i) => i.message);
      }
    };
    const refused = [
      "expected valueOf balances adding up to at most the portfolio's cash (cash.valueOf = 0), found 500 (core 500)",
      "expected ZZZ balances adding up to at most the portfolio's cash (cash.ZZZ = 0), found 500 (core 500)",
    ];
    expect(messages()).toEqual(refused);
    // a library that added a property to every object lends no currency its value
    Object.defineProperty(Object.prototype, 'ZZZ', { value: 1e9, configurable: true, writable: true });
    try {
      expect(messages()).toEqual(refused);
    } finally {
      delete (Object.prototype as Record<string, unknown>).ZZZ;
    }
  });

  it('records looked up by key keep a __proto__ key as an own key of an ordinary object', () => {
    // written as text: in an object literal `__proto__: 5` would not be a key
    const text = JSON.stringify({
      ...base,
      securities: [...base.securities, { symbol: '__proto__', name: 'P', currency: '__proto__', price: 10, country: 'X', industry: 'Y' }],
    })
      .replace('"cash":{"EUR":1000}', '"cash":{"EUR":1000,"__proto__":5}')
      .replace('"fxRates":{}', '"fxRates":{"__proto__":2,"constructor":3}')
      .replace('"targets":{}', '"targets":{},"priceHistory":{"__proto__":[1,2]}');
    const s = parseSnapshot(text);
    for (const record of [s.fxRates, s.priceHistory!]) {
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(Object.keys(record)).toContain('__proto__');
    }
    expect(Object.getOwnPropertyDescriptor(s.fxRates, '__proto__')?.value).toBe(2);
    expect(s.fxRates.constructor).toBe(3);
    expect([...s.cash]).toEqual([['EUR', 1000], ['__proto__', 5]]);
    expect(snapshotToJson(s)).toContain('"fxRates":{"__proto__":2,"constructor":3}');
  });

  it('renaming the built-in names to ordinary ones changes no verdict, issue or parsed value (generated snapshots)', () => {
    let named = 0;
    let namedAccepted = 0;
    fc.assert(
      fc.property(fc.oneof(snapshotLike, mutatedSnapshot), (s) => {
        const text = JSON.stringify(s);
        const renamed = ordinary(text);
        const [a, b] = [outcome(text), outcome(renamed)];
        if (renamed !== text) {
          named++;
          if ('ok' in a) namedAccepted++;
        }
        // the verdict, the issues and the snapshot of the renamed text, named back
        const back = (o: typeof b): typeof b => ('ok' in o ? { ok: o.ok.replaceAll('"zz', '"') } : { issues: o.issues.map((i) => i.replaceAll('zz', '')).sort() });
        expect(a).toEqual(back(b));
      }),
      { seed: 11, numRuns: 1500 },
    );
    // not vacuous: many snapshots hold a built-in name, and some of those are accepted (most generated ones are not)
    expect(named).toBeGreaterThan(300);
    expect(namedAccepted).toBeGreaterThan(5);
  });
});
