import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../src/build-context.js';
import { readJsonInKeyOrder } from '../src/json-key-order.js';
import { parseSnapshot } from '../src/parse-snapshot.js';
import { snapshotToJson } from '../src/snapshot-json.js';

const SETTINGS = {
  transactionCostFixed: 2, transactionCostPercent: 0.002, allowBuy: true, allowSell: true, minHoldDays: 90,
  sellCooldownDays: 180, buyCooldownDays: 30, maxLossThreshold: -0.2, minSecurityScore: 0.5,
};

/** A snapshot as text, with the targets written verbatim (so digit-only keys stay where they are written). */
function snapshotText(targets: string, targetWeights = ''): string {
  return `{
    "asOf": "2026-01-02T12:00:00Z", "baseCurrency": "EUR", "cash": {"EUR": 1000}, "fxRates": {},
    "securities": [
      {"symbol": "A", "name": "A", "currency": "EUR", "price": 10, "country": "Germany", "industry": "Tech"},
      {"symbol": "7", "name": "Seven", "currency": "EUR", "price": 10, "country": "France", "industry": "Tech"}
    ],
    "positions": [{"symbol": "A", "quantity": 5, "avgPrice": 8}],
    "targets": ${targets}${targetWeights === '' ? '' : `, "targetWeights": ${targetWeights}`}
  }`;
}

describe('readJsonInKeyOrder', () => {
  it('gives the value JSON.parse gives, for any JSON (the reader, and the path without digit-only keys)', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const text = JSON.stringify(v, null, 1);
      expect(readJsonInKeyOrder(text).value).toStrictEqual(JSON.parse(text));
      const withDigitKey = `{"0": ${text}}`;
      expect(readJsonInKeyOrder(withDigitKey).value).toStrictEqual(JSON.parse(withDigitKey));
    }), { numRuns: 300 });
  });

  it('finds a digit-only key written with escapes', () => {
    const { value, keysOf } = readJsonInKeyOrder('{"b": 1, "\\u0031\\u0030" : 2}');
    expect(keysOf(value as object)).toEqual(['b', '10']);
  });

  it('keeps digit-only keys where they are written', () => {
    const { value, keysOf } = readJsonInKeyOrder('{"b": 1, "10": {"z": 0, "2": 0, "a": 0}, "a": [{"9": 1, "x": 2}]}');
    const v = value as { 10: object; a: object[] };
    expect(keysOf(value as object)).toEqual(['b', '10', 'a']);
    expect(keysOf(v[10])).toEqual(['z', '2', 'a']);
    expect(keysOf(v.a[0] as object)).toEqual(['9', 'x']);
    expect(Object.keys(value as object)).toEqual(['10', 'b', 'a']); // what JSON.parse alone can tell
  });

  it('reads escapes, a key written twice and __proto__ as JSON.parse does', () => {
    const text = '{"k\\"1": "a\\u00e9\\n", "d": 1, "__proto__": {"x": 1}, "d": [true, false, null, -0.5e-3]}';
    const { value, keysOf } = readJsonInKeyOrder(text);
    expect(value).toStrictEqual(JSON.parse(text));
    expect(keysOf(value as object)).toEqual(['k"1', 'd', '__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value as object, '__proto__')).toBe(true);
  });

  it('throws JSON.parse\'s syntax error; deep nesting does not overflow the stack', () => {
    expect(() => readJsonInKeyOrder('{"a": 1,}')).toThrow(SyntaxError);
    const deep = `{"1": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    let v = (readJsonInKeyOrder(deep).value as Record<string, unknown>)[1];
    let depth = 0;
    while (Array.isArray(v) && v.length > 0) [v, depth] = [v[0], depth + 1];
    expect(depth).toBe(199_999);
  });
});

describe('parseSnapshot keeps every key of the targets in file order', () => {
  const targets = `{
    "countries": {"EU": 0.5, "10": 0.3, "__proto__": 0.1},
    "industries": {"Tech": 0.5, "2": 0.5},
    "countryGroups": {"EU": ["Germany", "France"], "10": ["France"], "__proto__": ["Italy"]},
    "industryGroups": {"9": ["Tech"], "Tech": ["Tech"]}
  }`;

  it('text: every key where it was written, digit-only and __proto__ included', () => {
    const s = parseSnapshot(snapshotText(targets, '{"A": 0.4, "7": 0.6}'));
    expect([...s.targets.countries]).toEqual([['EU', 0.5], ['10', 0.3], ['__proto__', 0.1]]);
    expect([...s.targets.industries.keys()]).toEqual(['Tech', '2']);
    expect([...s.targets.countryGroups]).toEqual([['EU', ['Germany', 'France']], ['10', ['France']], ['__proto__', ['Italy']]]);
    expect([...s.targets.industryGroups.keys()]).toEqual(['9', 'Tech']);
    expect([...(s.targetWeights ?? new Map()).keys()]).toEqual(['A', '7']);
  });

  it('the last group naming a country wins, whatever its name', () => {
    const ctx = buildContext(parseSnapshot(snapshotText(targets)), SETTINGS);
    expect([...ctx.countryToGroup]).toEqual([['Germany', 'EU'], ['France', '10'], ['Italy', '__proto__']]);
    expect([...ctx.countryWeights.keys()]).toEqual(['EU', '10', '__proto__']);
    expect(ctx.portfolio.industryToGroup.get('Tech')).toBe('Tech');
  });

  it('an object can only give the order JavaScript lists (digit-only keys first)', () => {
    const s = parseSnapshot(JSON.parse(snapshotText(targets)));
    expect([...s.targets.countries.keys()]).toEqual(['10', 'EU', '__proto__']);
  });

  it('the order of a stored value read with readJsonInKeyOrder is kept (options.keysOf)', () => {
    const { value, keysOf } = readJsonInKeyOrder(snapshotText(targets));
    expect([...parseSnapshot(value, 'stored', { keysOf }).targets.countryGroups.keys()]).toEqual(['EU', '10', '__proto__']);
  });

  it('empty or absent group tables are empty Maps; absent targetWeights stay absent', () => {
    const s = parseSnapshot(snapshotText('{"countries": {"EU": 1}}'));
    expect(s.targets.industries).toEqual(new Map());
    expect(s.targets.countryGroups).toEqual(new Map());
    expect(s.targetWeights).toBeUndefined();
  });

  it('a __proto__ value is validated like any other', () => {
    expect(() => parseSnapshot(snapshotText('{"countries": {"EU": 0.5, "__proto__": -1}}'))).toThrow(/targets\.countries\.__proto__: expected a number >= 0, found -1/);
  });
});

describe('the records looked up by key keep a __proto__ key', () => {
  it('bucketCash: a bucket named __proto__ keeps its balances; a bad balance there is named', () => {
    const text = snapshotText('{}').replace('"fxRates": {}', '"fxRates": {}, "bucketCash": {"core": {"EUR": 600}, "__proto__": {"EUR": 400}}');
    const s = parseSnapshot(text);
    expect([...(s.bucketCash ?? new Map()).keys()]).toEqual(['core', '__proto__']);
    expect(s.bucketCash?.get('__proto__')).toEqual(new Map([['EUR', 400]]));
    expect(() => parseSnapshot(text.replace('{"EUR": 400}', '{"EUR": -1}'))).toThrow(/bucketCash\.__proto__\.EUR: expected a number >= 0, found -1/);
  });
});

describe('snapshotToJson', () => {
  it('writes the Maps in their order: parsing the text gives an equal snapshot', () => {
    const s = parseSnapshot(snapshotText('{"countries": {"EU": 0.5, "10": 0.5}, "countryGroups": {"EU": ["Germany"], "10": ["Germany"]}}', '{"A": 0.5, "7": 0.5}'));
    const text = snapshotToJson(s);
    expect(text).toContain('"countryGroups":{"EU":["Germany"],"10":["Germany"]}');
    const again = parseSnapshot(text);
    expect(again).toEqual(s);
    expect([...again.targets.countryGroups.keys()]).toEqual(['EU', '10']);
    expect([...(again.targetWeights ?? new Map()).keys()]).toEqual(['A', '7']);
  });

  it('without Maps\' digit-only keys it is JSON.stringify\'s text of the file format', () => {
    const s = parseSnapshot(snapshotText('{"countries": {"EU": 1}, "countryGroups": {"EU": ["Germany"]}}'));
    const asObjects = { ...s, cash: Object.fromEntries(s.cash), targets: { countries: { EU: 1 }, industries: {}, countryGroups: { EU: ['Germany'] }, industryGroups: {} } };
    expect(snapshotToJson(s)).toBe(JSON.stringify(asObjects));
  });
});

describe('cash and bucketCash keep the file order: balances are summed in it, as the reference sums its dict', () => {
  // EUR 1000.1 + USD 3000.3 / 1.08 + "756" 500.05 / 0.94 added in this order, as Python adds a dict's
  // items, is 4310.123640661938; in the order a JavaScript object lists them ("756" first) it is 4310.123640661939.
  const FILE_ORDER_SUM = 4310.123640661938;
  const balances = '{"EUR": 1000.1, "USD": 3000.3, "756": 500.05}';
  const text = snapshotText('{}').replace('"cash": {"EUR": 1000}, "fxRates": {}', `"cash": ${balances}, "fxRates": {"USD": 1.08, "756": 0.94}`);

  it('the values are chosen so that the order shows in the last bit', () => {
    const inObjectOrder = Object.entries(JSON.parse(balances) as Record<string, number>)
      .reduce((sum, [currency, amount]) => sum + amount / ({ EUR: 1, USD: 1.08, 756: 0.94 } as Record<string, number>)[currency]!, 0);
    expect(inObjectOrder).not.toBe(FILE_ORDER_SUM);
  });

  it('the cash the plan may spend is the sum in file order', () => {
    const s = parseSnapshot(text);
    expect([...s.cash.keys()]).toEqual(['EUR', 'USD', '756']);
    expect(buildContext(s, SETTINGS).availableCashEur).toBe(FILE_ORDER_SUM);
    // through stored work too (snapshotToJson writes the Map in its order)
    expect(buildContext(parseSnapshot(snapshotToJson(s)), SETTINGS).availableCashEur).toBe(FILE_ORDER_SUM);
  });

  it('a bucket\'s balances keep their order as well', () => {
    const withBuckets = text.replace('"fxRates"', `"bucketCash": {"7": ${balances}, "core": {"EUR": 0}}, "fxRates"`);
    const s = parseSnapshot(withBuckets);
    expect([...(s.bucketCash ?? new Map()).keys()]).toEqual(['7', 'core']);
    expect([...(s.bucketCash?.get('7') ?? new Map()).keys()]).toEqual(['EUR', 'USD', '756']);
  });
});
