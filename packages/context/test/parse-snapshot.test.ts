import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SnapshotError } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../src/parse-snapshot.js';

// The repository's copy of shared/scenarios lives with the CLI's parity tests.
const SCENARIOS = fileURLToPath(new URL('../../cli/test/scenarios/', import.meta.url));

function base(): Record<string, any> {
  return {
    asOf: '2026-01-02T12:00:00Z',
    baseCurrency: 'EUR',
    cash: { EUR: 1000, USD: 520 },
    fxRates: { USD: 1.04 },
    securities: [
      { symbol: 'AAA', name: 'Aaa', currency: 'EUR', price: 10, country: 'Germany', industry: 'Tech' },
      { symbol: 'BBB.US', name: 'Bbb', currency: 'USD', price: 20, country: 'United States', industry: 'Tech' },
    ],
    positions: [{ symbol: 'AAA', quantity: 5, avgPrice: 8 }],
    targets: { countries: { EU: 0.5 }, industries: {}, countryGroups: { EU: ['Germany'] }, industryGroups: {} },
  };
}

function issuesOf(input: unknown): { path: string; message: string; line?: number }[] {
  try {
    parseSnapshot(input, 'test.json');
  } catch (err) {
    expect(err).toBeInstanceOf(SnapshotError);
    expect((err as SnapshotError).code).toBe('PLANNER_SNAPSHOT_INVALID');
    return [...(err as SnapshotError).issues];
  }
  throw new Error('expected a SnapshotError');
}

function expectIssue(input: unknown, path: string, pattern: RegExp): void {
  const issues = issuesOf(input);
  const hit = issues.find((i) => i.path === path);
  expect(hit, `issues: ${JSON.stringify(issues)}`).toBeDefined();
  expect(hit!.message).toMatch(pattern);
}

describe('parseSnapshot on the shared scenarios', () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.input.json'));
  it('finds the scenario files', () => expect(files.length).toBeGreaterThanOrEqual(9));
  it.each(files)('accepts %s, keeping file order', (f) => {
    const text = readFileSync(join(SCENARIOS, f), 'utf8');
    const raw = JSON.parse(text);
    const snap = parseSnapshot(text, f);
    expect(snap.securities.map((s) => s.symbol)).toEqual(raw.securities.map((s: { symbol: string }) => s.symbol));
    expect(snap.positions.map((p) => p.symbol)).toEqual(raw.positions.map((p: { symbol: string }) => p.symbol));
    expect(snap.asOf).toBe('2026-01-02T12:00:00Z');
  });
});

describe('parseSnapshot defaults', () => {
  it('applies the FORMAT.md defaults', () => {
    const input = base();
    delete input.cash;
    delete input.positions;
    const snap = parseSnapshot(input);
    expect(snap.cash).toEqual(new Map());
    expect(snap.positions).toEqual([]);
    expect(snap.recentTrades).toEqual([]);
    expect(snap.minCashReserve).toBe(0);
    expect(snap.targetWeights).toBeUndefined();
    expect(snap.securities[0]).toMatchObject({ productType: 'EQUITY', allowBuy: true, allowSell: true, minLot: 1, priorityMultiplier: 1, metrics: {} });
    expect(snap.securities[0]!.qualityScore).toBeUndefined();
  });
  it('accepts the documented metadata keys', () => {
    const snap = parseSnapshot({ ...base(), name: 'n', description: 'd', seed: 7, priceHistory: { AAA: [1, 2, 3] } });
    expect(snap.seed).toBe(7);
    expect(snap.priceHistory).toEqual({ AAA: [1, 2, 3] });
  });
});

describe('parseSnapshot rejections', () => {
  it('malformed JSON text names (root), the parser message and the line', () => {
    const issues = issuesOf('{\n  "asOf": "2026-01-02",\n  oops\n}');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('(root)');
    expect(issues[0]!.message).toMatch(/^expected valid JSON, found a syntax error: /);
    expect(issues[0]!.line).toBe(3);
  });
  it('unknown top-level key', () => expectIssue({ ...base(), colour: 'red' }, 'colour', /^expected one of the keys name, description, seed, asOf.*, found unknown key "colour"$/));
  it('unknown nested key', () => {
    const s = base();
    s.securities[0].minlot = 5;
    expectIssue(s, 'securities[0].minlot', /unknown key "minlot"/);
  });
  it('NaN and infinite numbers', () => {
    const s = base();
    s.securities[0].price = Number.NaN;
    s.positions[0].quantity = Infinity;
    const issues = issuesOf(s);
    expect(issues.find((i) => i.path === 'securities[0].price')!.message).toBe('expected a finite number, found NaN');
    expect(issues.find((i) => i.path === 'positions[0].quantity')!.message).toBe('expected a finite number, found Infinity');
  });
  it('negative and missing price', () => {
    const s = base();
    s.securities[0].price = -1;
    delete s.securities[1].price;
    const issues = issuesOf(s);
    expect(issues.find((i) => i.path === 'securities[0].price')!.message).toBe('expected a number >= 0, found -1');
    expect(issues.find((i) => i.path === 'securities[1].price')!.message).toBe('expected a finite number, found nothing (required)');
  });
  it('a zero price is accepted (no quote)', () => {
    const s = base();
    s.securities[1].price = 0;
    expect(parseSnapshot(s).securities[1]!.price).toBe(0);
  });
  it('a held security with price 0 is refused (an unheld one is a security without a quote)', () => {
    const s = base();
    s.securities[0].price = 0;
    expect(issuesOf(s)).toEqual([{ path: 'securities[0].price', message: 'expected a price > 0 for a held security (positions[0]), found 0' }]);
  });
  it('negative cash is refused', () => {
    const s = base();
    s.cash = { EUR: -1000, USD: 5 };
    expect(issuesOf(s)).toEqual([{ path: 'cash.EUR', message: 'expected a number >= 0, found -1000' }]);
  });
  it('an empty security name is refused', () => {
    const s = base();
    s.securities[1].name = '';
    expect(issuesOf(s)).toEqual([{ path: 'securities[1].name', message: 'expected a non-empty string, found ""' }]);
  });
  it('a position currentPrice of 0 is accepted (valued at 0, FORMAT.md)', () => {
    const s = base();
    s.positions[0].currentPrice = 0;
    expect(parseSnapshot(s).positions[0]!.currentPrice).toBe(0);
  });
  it('negative or zero quantity', () => {
    const s = base();
    s.positions[0].quantity = -3;
    expectIssue(s, 'positions[0].quantity', /^expected a number > 0, found -3$/);
    s.positions[0].quantity = 0;
    expectIssue(s, 'positions[0].quantity', /^expected a number > 0, found 0$/);
  });
  it('avgPrice <= 0', () => {
    const s = base();
    s.positions[0].avgPrice = 0;
    expectIssue(s, 'positions[0].avgPrice', /^expected a number > 0, found 0$/);
  });
  it('duplicate security symbols: path of the second one', () => {
    const s = base();
    s.securities.push({ ...s.securities[0] });
    expectIssue(s, 'securities[2].symbol', /^expected a unique symbol, found "AAA" again \(first at securities\[0\]\)$/);
  });
  it('position in an unknown security', () => {
    const s = base();
    s.positions.push({ symbol: 'ZZZ', quantity: 1, avgPrice: 1 });
    expectIssue(s, 'positions[1].symbol', /^expected a symbol listed in securities, found "ZZZ"$/);
  });
  it('duplicate position symbols', () => {
    const s = base();
    s.positions.push({ symbol: 'AAA', quantity: 1, avgPrice: 1 });
    expectIssue(s, 'positions[1].symbol', /^expected one position per symbol, found "AAA" again/);
  });
  it('currency without exchange rate, for a security and for cash', () => {
    const s = base();
    s.securities[1].currency = 'GBP';
    s.cash.HKD = 10;
    const issues = issuesOf(s);
    expect(issues.find((i) => i.path === 'securities[1].currency')!.message).toMatch(/rate in fxRates, found "GBP" without one/);
    expect(issues.find((i) => i.path === 'cash.HKD')!.message).toMatch(/found "HKD" without one/);
  });
  it('exchange rates outside 1e-6..1e9 (zero, subnormal, absurdly large)', () => {
    const s = base();
    s.fxRates.USD = 0;
    expectIssue(s, 'fxRates.USD', /^expected a number >= 0.000001, found 0$/);
    s.fxRates.USD = 1e-320;
    expectIssue(s, 'fxRates.USD', /^expected a number >= 0.000001, found 1e-320$/);
    s.fxRates.USD = 1e12;
    expectIssue(s, 'fxRates.USD', /^expected a number <= 1000000000, found 1000000000000$/);
  });
  it('a first purchase date that is not an ISO date', () => {
    const s = base();
    s.positions[0].firstBoughtAt = 'yesterday';
    expectIssue(s, 'positions[0].firstBoughtAt', /expected an ISO-8601 date or date-time/);
  });
  it('negative target weights and sums above 1 (with tolerance)', () => {
    const s = base();
    s.targetWeights = { AAA: -0.1 };
    expectIssue(s, 'targetWeights.AAA', /^expected a number >= 0, found -0.1$/);
    s.targetWeights = { AAA: 0.7, 'BBB.US': 0.4 };
    expectIssue(s, 'targetWeights', /^expected weights summing to at most 1, found a sum of 1.1/);
    s.targetWeights = { AAA: 0.7, 'BBB.US': 0.3 + 5e-10 };
    expect(parseSnapshot(s).targetWeights).toEqual(new Map([['AAA', 0.7], ['BBB.US', 0.3 + 5e-10]]));
    s.targets.countries = { EU: 0.8, US: 0.3 };
    expectIssue(s, 'targets.countries', /summing to at most 1/);
  });
  it('targetWeights on unknown symbols', () => {
    const s = base();
    s.targetWeights = { 'NOPE.US': 0.1 };
    expectIssue(s, 'targetWeights["NOPE.US"]', /^expected a symbol listed in securities, found "NOPE.US"$/);
  });
  it('minLot not an integer >= 1', () => {
    const s = base();
    s.securities[0].minLot = 0;
    s.securities[1].minLot = 2.5;
    const issues = issuesOf(s);
    expect(issues.find((i) => i.path === 'securities[0].minLot')!.message).toBe('expected a number >= 1, found 0');
    expect(issues.find((i) => i.path === 'securities[1].minLot')!.message).toBe('expected an integer, found 2.5');
  });
  it('bad asOf and a non-EUR base currency', () => {
    const s = base();
    s.asOf = '2026-13-45';
    s.baseCurrency = 'USD';
    const issues = issuesOf(s);
    expect(issues.find((i) => i.path === 'asOf')!.message).toBe('expected an ISO-8601 date or date-time, found "2026-13-45"');
    expect(issues.find((i) => i.path === 'baseCurrency')!.message).toBe('expected one of "EUR", found "USD"');
  });
  it('a missing enum field is named as required, like the missing fields of other types', () => {
    const s = base();
    delete s.baseCurrency;
    s.recentTrades = [{ symbol: 'AAA', at: '2025-12-01T00:00:00' }];
    const issues = issuesOf(s);
    expect(issues.find((i) => i.path === 'baseCurrency')!.message).toBe('expected one of "EUR", found nothing (required)');
    expect(issues.find((i) => i.path === 'recentTrades[0].side')!.message).toBe('expected one of "BUY", "SELL", found nothing (required)');
  });
  it('recent trades with an unknown side or an unparseable time', () => {
    const s = base();
    s.recentTrades = [{ symbol: 'AAA', side: 'HOLD', at: '2025-12-01T00:00:00' }, { symbol: 'AAA', side: 'BUY', at: 'last week' }];
    const issues = issuesOf(s);
    expect(issues.find((i) => i.path === 'recentTrades[0].side')!.message).toBe('expected one of "BUY", "SELL", found "HOLD"');
    expect(issues.find((i) => i.path === 'recentTrades[1].at')!.message).toBe('expected an ISO-8601 date or date-time, found "last week"');
  });
  it('collects all issues and names the source in the message', () => {
    const s = base();
    s.securities[0].price = -1;
    s.positions[0].avgPrice = -1;
    s.extra = 1;
    try {
      parseSnapshot(s, 'my.json');
      expect.unreachable();
    } catch (err) {
      const e = err as SnapshotError;
      expect(e.issues.map((i) => i.path)).toEqual(['securities[0].price', 'positions[0].avgPrice', 'extra']);
      expect(e.message).toMatch(/^invalid snapshot in my\.json: 3 issue\(s\)/);
      expect(e.source).toBe('my.json');
    }
  });
  it('a non-object input', () => {
    expectIssue(42, '(root)', /^expected an object, found 42$/);
    expectIssue('[1]', '(root)', /^expected an object, found an array of 1$/);
  });
});

describe('parseSnapshot on hostile input (issue 14)', () => {
  const text = (edit: (s: Record<string, any>) => void): string => {
    const s = base();
    edit(s);
    return JSON.stringify(s);
  };

  it('keeps a __proto__ key as an ordinary key, and validates its value', () => {
    const s = parseSnapshot(text((x) => { x.targets.countries = { EU: 0.5 }; }).replace('"EU":["Germany"]', '"EU":["Germany"],"__proto__":["France"]'));
    expect([...s.targets.countryGroups.keys()]).toEqual(['EU', '__proto__']);
    expect(s.targets.countryGroups.get('__proto__')).toEqual(['France']);
    expect(issuesOf(text(() => undefined).replace('"countries":{"EU":0.5}', '"countries":{"EU":0.5,"__proto__":-1}')))
      .toEqual([{ path: 'targets.countries.__proto__', message: 'expected a number >= 0, found -1' }]);
  });

  it('keeps a digit-only key among others where the text wrote it', () => {
    const s = parseSnapshot(text(() => undefined).replace('"EU":["Germany"]', '"EU":["Germany"],"10":["France"]'));
    expect([...s.targets.countryGroups]).toEqual([['EU', ['Germany']], ['10', ['France']]]);
  });

  it('accepts a byte-order mark; refuses NUL characters', () => {
    expect(parseSnapshot(`\uFEFF${text(() => undefined)}`).securities).toHaveLength(2);
    expect(issuesOf(`{"a":"\u0000"}`)[0]?.message).toBe('expected UTF-8 JSON text, found NUL characters (a UTF-16 or binary file?)');
  });

  it('refuses values whose derived EUR values overflow', () => {
    expect(issuesOf(text((x) => { x.positions[0].quantity = 1e308; x.positions[0].avgPrice = 1; })).map((i) => i.path)).toEqual(['positions[0]']);
    expect(issuesOf(text((x) => { x.positions[0].avgPrice = 1e308; x.positions[0].quantity = 5; })).map((i) => i.path)).toEqual(['positions[0].avgPrice']);
    expect(issuesOf(text((x) => { x.cash = { EUR: 1e308, USD: 1e308 }; }))).toEqual([{ path: 'cash', message: 'expected balances whose sum in EUR is finite, found a sum of Infinity' }]);
  });

  it('lists the known keys once per object', () => {
    const issues = issuesOf(text((x) => { x.colour = 1; x.size = 2; }));
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^expected one of the keys name, description, .*, found unknown key "colour"$/),
      'expected one of the keys listed above for (root), found unknown key "size"',
    ]);
  });
});
