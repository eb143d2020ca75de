import fc from 'fast-check';

// Snapshot-like JSON values for the fast parser's tests: mostly valid, with
// values at and past every bound of SnapshotSchema, strings counted in code
// points (surrogate pairs, lone surrogates), digit-only and `__proto__` keys,
// and mutations that put any JSON value anywhere.

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 3 });

/** An object without the keys whose value is undefined (JSON has no undefined). */
const compact = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Mostly a valid value (bounds included), now and then one past a bound or of the wrong kind. */
function leaf<T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return fc.oneof({ arbitrary: valid, weight: 150 }, { arbitrary: invalid, weight: 1 });
}

const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const text = fc.constantFrom('', 'a', 'AAPL.US', '1', '\u{1F600}', '\uD800', 'é', 'x'.repeat(70), 'constructor');
const nonEmpty = leaf(fc.constantFrom('A', 'BB.US', 'C', '\u{1F600}', '\uDC00', '7'), fc.constantFrom('', 5));
const currency = leaf(fc.constantFrom('EUR', 'USD', 'GBP', 'usd'), fc.constantFrom('', 1));
const number = leaf(fc.oneof(fc.constantFrom(0, -0, 1, 0.5, -1, 1e308, -1e308, 2 ** 53, 1.5), anyDouble), fc.constantFrom('1', null, true));
const atLeast0 = leaf(fc.oneof(fc.constantFrom(0, -0, 1, 0.5, 1e308), fc.double({ min: 0, noNaN: true, noDefaultInfinity: true })), fc.constantFrom(-1, -1e-9, '0'));
const positive = leaf(fc.oneof(fc.constantFrom(1, 2, 10.5, 1e-300, 1e308), fc.double({ min: 1e-9, noNaN: true, noDefaultInfinity: true })), fc.constantFrom(0, -0, -1));
const dateText = leaf(fc.constantFrom('2026-01-02T12:00:00Z', '2026-01-02', '2026-01-02T12:00:00'), fc.constantFrom('2026-02-30', 'soon', '', 7));
const key = fc.oneof({ arbitrary: fc.constantFrom('A', 'BB.US', 'Germany', '10', '2', '007', 'EUR', 'USD', '', 'constructor', 'toString', 'B', 'C'), weight: 30 }, { arbitrary: fc.constant('__proto__'), weight: 1 });
const weights = fc.dictionary(key, leaf(fc.constantFrom(0, 0.25, 0.5, 1), fc.constantFrom(-0.5, 'x')), { maxKeys: 4 });
const members = fc.dictionary(key, fc.array(leaf(text, fc.constant(3)), { maxLength: 3 }), { maxKeys: 3 });

const METRICS = ['cagr5y', 'cagr10y', 'dividendYield', 'consistencyScore', 'financialStrength', 'dividendConsistency',
  'payoutRatio', 'sortino', 'volatilityAnnual', 'maxDrawdown', 'sharpe'] as const;

const metrics = fc.record(Object.fromEntries(METRICS.map((m) => [m, number])), { requiredKeys: [] });

// The file format's security, often invalid: not a Security for a module's tests
// (those come from @planner/testkit). Identity and quote, then the optional parts.
const securityQuote = fc.record({
  symbol: nonEmpty,
  name: nonEmpty,
  productType: maybe(leaf(fc.constantFrom('EQUITY', 'ETF', 'ETC', 'MUTUALFUND'), fc.constantFrom('BOND', 'etf'))),
  currency,
  price: atLeast0,
  country: text,
  industry: text,
});

const securityOptions = fc.record({
  allowBuy: maybe(fc.boolean()),
  allowSell: maybe(fc.boolean()),
  minLot: maybe(leaf(fc.constantFrom(1, 2, 100, 2 ** 53 - 1), fc.constantFrom(0, 1.5, -1, 2 ** 53))),
  priorityMultiplier: maybe(leaf(fc.constantFrom(1, 0.5, 2, 1e-300), fc.constantFrom(0, -1))),
  qualityScore: maybe(leaf(fc.constantFrom(0, 0.5, 1, -0), fc.constantFrom(1.0000001, -0.1))),
  metrics: maybe(metrics),
  bucket: maybe(leaf(fc.constantFrom('core', 'b.1-x_y', 'x'.repeat(64)), fc.constantFrom('bad id', '', 'x'.repeat(65)))),
});

const security = fc.tuple(securityQuote, securityOptions).map(([quote, options]) => compact({ ...quote, ...options }));

const position = fc
  .record({
    symbol: nonEmpty,
    quantity: positive,
    avgPrice: positive,
    firstBoughtAt: maybe(dateText),
    currentPrice: maybe(atLeast0),
  })
  .map(compact);

const trade = fc.record({ symbol: nonEmpty, side: leaf(fc.constantFrom('BUY', 'SELL'), fc.constant('buy')), at: dateText });

const targets = fc
  .record({
    countries: maybe(weights),
    industries: maybe(weights),
    countryGroups: maybe(members),
    industryGroups: maybe(members),
  })
  .map(compact);

/** A snapshot that SnapshotSchema often accepts, with every optional part present or not. */
export const snapshotLike: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    name: maybe(text),
    description: maybe(text),
    seed: maybe(leaf(fc.constantFrom(0, 42, -1, -(2 ** 53) + 1), fc.constantFrom(1.5, 2 ** 53))),
    asOf: dateText,
    baseCurrency: leaf(fc.constant('EUR'), fc.constant('USD')),
    cash: maybe(fc.dictionary(fc.constantFrom('EUR', 'USD', '10', 'EUR', 'USD', '__proto__'), atLeast0, { maxKeys: 3 })),
    fxRates: fc.dictionary(fc.constantFrom('USD', 'GBP', '1'), leaf(fc.constantFrom(1, 1.04, 1e-6, 1e9), fc.constantFrom(1e-7, 1e9 + 1, 0)), { maxKeys: 3 }),
    minCashReserve: maybe(atLeast0),
    securities: fc.array(security, { maxLength: 4 }),
    positions: maybe(fc.array(position, { maxLength: 3 })),
    targets,
    targetWeights: maybe(weights),
    recentTrades: maybe(fc.array(trade, { maxLength: 2 })),
    priceHistory: maybe(fc.dictionary(key, fc.array(number, { maxLength: 4 }), { maxKeys: 2 })),
    bucketCash: maybe(fc.dictionary(fc.constantFrom('core', 'bad id', '__proto__', 'constructor'), fc.dictionary(fc.constantFrom('EUR', 'USD', '__proto__', 'valueOf'), atLeast0, { maxKeys: 2 }), { maxKeys: 2 })),
  })
  .map(compact);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Puts `value` at a path chosen by `picks` (deleting the key when `value` is undefined), or adds a key. */
function mutate(root: Json, picks: readonly number[], value: Json | undefined, extraKey: string): Json {
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  let node: Json = copy;
  for (const pick of picks) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const k = keys[pick % keys.length] as string;
    const child = (node as Record<string, Json>)[k] as Json;
    if (child === null || typeof child !== 'object' || pick % 5 === 0) {
      if (value === undefined) delete (node as Record<string, Json>)[k];
      else (node as Record<string, Json>)[k] = value;
      return copy;
    }
    node = child;
  }
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) (node as Record<string, Json>)[extraKey] = value ?? 1;
  return copy;
}

/** A snapshot-like value with one part replaced, removed or added. */
export const mutatedSnapshot: fc.Arbitrary<unknown> = fc
  .tuple(
    snapshotLike,
    fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
    fc.option(fc.oneof(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, fc.constantFrom<Json>('NaN', 'Infinity', -1, '', [], {})), { nil: undefined }),
    fc.constantFrom('extra', '__proto__', 'symbol', '0'),
  )
  .map(([s, picks, value, extra]) => mutate(s as Json, picks, value, extra));
