import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AllBucketsPlan } from '@planner/buckets';
import { parseConfig } from '@planner/config';
import { defineCalculator, definePattern, type Plan } from '@planner/contracts';
import { parseSnapshot } from '@planner/context';
import { createPlanner } from '@planner/planner';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { standardModules } from '../src/modules.js';
import { writeFile } from './batch-helpers.js';
import { cli, here, scenarioDir } from './helpers.js';
import { useTempStore } from './temp-store.js';

// Names come from the user (currencies, symbols, countries, group and bucket
// ids); a name that is also a property of every object (`__proto__`,
// `constructor`, `toString`, ...) must be an ordinary name end to end: the
// same plan as under another name, every key in the JSON, every name shown.

const BUILT_IN = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'] as const;
/** The ordinary counterpart of a built-in name: the name and `_`, so it sorts where the name sorts. */
const ORDINARY = '_';

type Raw = Record<string, any>;

/** An object with these own keys in this order (`__proto__` included, as JSON.parse makes it). */
function own(entries: Iterable<readonly [string, unknown]>): Raw {
  const out: Raw = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * The scenario with its first foreign currencies, symbols and country or
 * industry names renamed to the built-in names (`suffix` appended), in every
 * field that holds them.
 */
function renamed(text: string, suffix: string): string {
  const s = JSON.parse(text) as Raw;
  const plan = (names: readonly string[]) => new Map(names.slice(0, BUILT_IN.length).map((n, i) => [n, `${BUILT_IN[i]}${suffix}`]));
  const currencies = plan([...new Set([...Object.keys(s.fxRates), ...s.securities.map((x: Raw) => x.currency)])].filter((c) => c !== 'EUR'));
  const symbols = plan(s.securities.map((x: Raw) => x.symbol));
  const t = s.targets ?? {};
  const places = plan([...new Set([t.countries, t.industries, t.countryGroups, t.industryGroups].flatMap((r) => Object.keys(r ?? {})))]);
  const name = (m: Map<string, string>, k: string) => m.get(k) ?? k;
  const keys = (r: Raw | undefined, m: Map<string, string>, value = (v: any) => v) =>
    r === undefined ? undefined : own(Object.entries(r).map(([k, v]) => [name(m, k), value(v)]));
  s.cash = keys(s.cash, currencies);
  s.fxRates = keys(s.fxRates, currencies);
  for (const x of s.securities) Object.assign(x, { symbol: name(symbols, x.symbol), currency: name(currencies, x.currency), country: name(places, x.country), industry: name(places, x.industry) });
  for (const x of [...(s.positions ?? []), ...(s.recentTrades ?? [])]) x.symbol = name(symbols, x.symbol);
  if (s.targetWeights) s.targetWeights = keys(s.targetWeights, symbols);
  if (s.priceHistory) s.priceHistory = keys(s.priceHistory, symbols);
  const members = (v: string[]) => v.map((x) => name(places, x));
  s.targets = { ...t, countries: keys(t.countries, places), industries: keys(t.industries, places), countryGroups: keys(t.countryGroups, places, members), industryGroups: keys(t.industryGroups, places, members) };
  return JSON.stringify(s);
}

/** The plan's JSON with the ordinary names turned back into the built-in ones (tags lower-case them, narratives upper-case). */
function asBuiltIn(json: string): string {
  let out = json;
  for (const n of BUILT_IN) for (const v of [n, n.toLowerCase(), n.toUpperCase()]) out = out.replaceAll(`${v}${ORDINARY}`, v);
  return out;
}

const withoutTimings = (plan: Plan): Omit<Plan, 'timings'> => {
  const { timings: _timings, ...rest } = plan;
  return rest;
};

const temp = useTempStore('builtin-names');

async function planBoth(scenario: string, preset: string): Promise<{ builtIn: string; ordinary: string; builtInFile: string }> {
  const text = readFileSync(join(scenarioDir, `${scenario}.input.json`), 'utf8');
  const builtInFile = writeFile(temp.dir, 'built-in.json', renamed(text, ''));
  const ordinaryFile = writeFile(temp.dir, 'ordinary.json', renamed(text, ORDINARY));
  const config = join(scenarioDir, `configs/${preset}.toml`);
  const [a, b] = [await cli('plan', builtInFile, '--config', config, '--json'), await cli('plan', ordinaryFile, '--config', config, '--json')];
  expect(a.code, a.err).toBe(0);
  expect(b.code, b.err).toBe(0);
  return { builtIn: a.out, ordinary: b.out, builtInFile };
}

describe('names like built-ins plan as ordinary names', () => {
  // Between them: price-scenario adjustments keyed by symbol (aggressive is stochastic),
  // foreign currencies bought and sold (cashAfter), country groups, target weights.
  it.each([
    ['low_cash_needs_sells', 'aggressive'],
    ['optimizer_target_weights', 'default'],
    ['rebalance_country_industry', 'default'],
    ['universe_30', 'default'],
    ['windfall_profit_taking', 'conservative'],
  ])('%s %s: the same steps, scores and cash figures; every key kept', async (scenario, preset) => {
    const { builtIn, ordinary } = await planBoth(scenario, preset);
    const a = JSON.parse(builtIn) as Plan;
    const b = JSON.parse(asBuiltIn(ordinary)) as Plan;
    expect(withoutTimings(a)).toEqual(withoutTimings(b));
    // toEqual reads keys like any other code; the text shows what JSON.parse kept.
    expect(JSON.stringify(withoutTimings(a))).toBe(JSON.stringify(withoutTimings(b)));
    // every traded currency has its balance after the plan, a number
    for (const step of a.steps) expect(Object.getOwnPropertyDescriptor(a.execution!.cashAfter, step.currency)?.value, step.currency).toEqual(expect.any(Number));
    // not vacuous: a step trades a renamed symbol or in a renamed currency
    expect(a.steps.some((s) => (BUILT_IN as readonly string[]).includes(s.symbol) || (BUILT_IN as readonly string[]).includes(s.currency))).toBe(true);
  }, 120_000);

  it('the JSON has the __proto__ keys of the cash after the plan and of the price scenario', async () => {
    const { builtIn } = await planBoth('low_cash_needs_sells', 'aggressive');
    const plan = JSON.parse(builtIn) as Plan;
    const ownKeys = (v: unknown) => Object.keys(v as object);
    expect(ownKeys(plan.execution!.cashAfter)).toContain('__proto__');
    expect(ownKeys(plan.execution!.cashAfter)).toContain('toString');
    expect(ownKeys((plan.scoreBreakdown.price_scenario as { adjustments: object }).adjustments)).toContain('__proto__');
    expect(builtIn).not.toContain('null');
  }, 120_000);

  it('the text output and the HTML report show the names and their figures', async () => {
    const { builtIn, builtInFile } = await planBoth('low_cash_needs_sells', 'aggressive');
    const plan = JSON.parse(builtIn) as Plan;
    const html = join(temp.dir, 'report.html');
    const r = await cli('plan', builtInFile, '--config', join(scenarioDir, 'configs/aggressive.toml'), '--html', html);
    expect(r.code, r.err).toBe(0);
    const cashAfter = plan.execution!.cashAfter;
    const balance = (c: string) => Object.getOwnPropertyDescriptor(cashAfter, c)!.value as number;
    // the execution line lists each balance, __proto__ and toString included
    for (const c of ['__proto__', 'toString']) expect(r.out).toContain(`${c} ${balance(c).toFixed(2)}`);
    for (const s of plan.steps) expect(r.out).toMatch(new RegExp(`(BUY|SELL)\\s+${s.symbol}\\s+${s.quantity}\\s`));
    // the page before the inlined chart library
    const page = readFileSync(html, 'utf8').split('<script>')[0]!;
    expect(page).not.toMatch(/NaN|function|undefined/);
    for (const c of ['__proto__', 'toString']) expect(page).toContain(`<td>${c}</td>`);
    for (const s of plan.steps) expect(page).toContain(s.symbol);
  }, 120_000);
});

describe('buckets and their stored work under names like built-ins', () => {
  const example = here('../examples/two-buckets.json');

  /** two-buckets.json with the satellite `sat` and USD, GBP named `constructor`, `__proto__`; balances per bucket. */
  function bucketSnapshot(sat: string): string {
    const s = JSON.parse(readFileSync(example, 'utf8')) as Raw;
    const currency = (c: string) => ({ USD: 'constructor', GBP: '__proto__' })[c] ?? c;
    for (const x of s.securities) {
      x.currency = currency(x.currency);
      if (x.bucket === 'momentum_1') x.bucket = sat;
    }
    s.fxRates = own(Object.entries(s.fxRates).map(([c, v]) => [currency(c), v]));
    s.cash = own([['EUR', 5000], ['__proto__', 500], ['constructor', 600]]);
    s.bucketCash = own([['core', own([['EUR', 4000], ['constructor', 600]])], [sat, own([['EUR', 1000], ['__proto__', 500]])]]);
    return JSON.stringify(s);
  }

  it.each(['__proto__', 'constructor', 'toString'])('a satellite named %s: registry, plan --buckets and batch round trips keep it', async (sat) => {
    const db = temp.db;
    expect((await cli('bucket', 'add', 'core', '--db', db, '--preset', 'aggressive', '--share', '0.85')).code).toBe(0);
    const added = await cli('bucket', 'add', sat, '--db', db, '--preset', 'conservative', '--kind', 'satellite', '--share', '0.15');
    expect(added.code, added.err).toBe(0);
    expect((await cli('bucket', 'list', '--db', db)).out).toMatch(new RegExp(`^${sat}\\s+satellite\\s+0\\.15\\s+active`, 'm'));
    expect((await cli('bucket', 'show', sat, '--db', db)).out).toContain(`id: ${sat}\nkind: satellite`);
    const file = writeFile(temp.dir, 'buckets.json', bucketSnapshot(sat));

    const all = await cli('plan', file, '--buckets', '--db', db, '--json');
    expect(all.code, all.err).toBe(0);
    const result = JSON.parse(all.out) as AllBucketsPlan;
    expect(result.buckets.map((b) => b.id)).toEqual(['core', sat]);
    const [core, satellite] = result.buckets;
    expect(JSON.stringify(satellite!.cash.balances)).toBe('{"EUR":1000,"__proto__":500}');
    expect(JSON.stringify(core!.cash.balances)).toBe('{"EUR":4000,"constructor":600}');
    expect(Object.keys(core!.plan!.execution!.cashAfter)).toEqual(expect.arrayContaining(['EUR', 'constructor']));
    // each traded currency has its balance after the bucket's plan (core buys in __proto__, which it holds none of)
    for (const b of result.buckets) {
      for (const step of b.plan!.steps) expect(Object.getOwnPropertyDescriptor(b.plan!.execution!.cashAfter, step.currency)?.value, `${b.id} ${step.currency}`).toEqual(expect.any(Number));
    }
    expect(core!.plan!.steps.some((s) => s.currency === '__proto__')).toBe(true);
    expect(result.aggregate.filter((a) => a.bucket === sat).map((a) => a.tags.at(-1))).toEqual(satellite!.plan!.steps.map(() => `bucket:${sat}`));
    // the text names the bucket and its balances
    const text = await cli('plan', file, '--buckets', '--db', db);
    expect(text.out).toContain(`== bucket ${sat} (satellite, active, share 0.15) ==\nCash: EUR 1000.00, __proto__ 500.00`);

    // the bucket's batches go through the store and give the plan of plan --buckets
    const batch = await cli('batch', '--db', db, '--bucket', sat, '--snapshot', file, '--batch-size', '3', '--json');
    expect(batch.code, batch.err).toBe(0);
    expect(batch.err).toMatch(new RegExp(`bucket ${sat}: (\\d+)/\\1 sequences evaluated`));
    const batched = JSON.parse(batch.out) as Plan;
    expect(withoutTimings(batched)).toEqual(withoutTimings(satellite!.plan!));
    // and a second run reads the stored work back
    const again = await cli('batch', '--db', db, '--bucket', sat, '--snapshot', file, '--batch-size', '3', '--json');
    expect(again.code, again.err).toBe(0);
    expect(withoutTimings(JSON.parse(again.out) as Plan)).toEqual(withoutTimings(batched));
    expect((await cli('bucket', 'remove', sat, '--db', db)).code).toBe(0);
    expect((await cli('bucket', 'list', '--db', db)).out).not.toContain(sat);
  }, 180_000);
});

describe('plugin modules named like built-ins', () => {
  /** A calculator proposing one buy of the first EUR security, and a pattern taking it alone: both named `name`. */
  const modulesNamed = (name: string) => [
    defineCalculator({
      name, description: 'one buy', params: z.object({ amountEur: z.number().default(500) }), category: 'opportunity_buys', order: 250, sides: ['BUY'],
      calculate(ctx, p) {
        const s = ctx.securities.find((x) => x.allowBuy && x.currency === 'EUR' && (ctx.buyPrices.get(x.symbol) ?? 0) > 0)!;
        const price = ctx.buyPrices.get(s.symbol)!;
        const quantity = Math.max(1, Math.floor(p.amountEur / price));
        return [{ side: 'BUY', symbol: s.symbol, name: s.name, quantity, price, valueEur: quantity * price, currency: 'EUR', priority: 9, reason: `by ${name}`, tags: [name] }];
      },
    }),
    definePattern({
      name, description: 'that buy alone', params: z.object({}), order: 50, needs: [name],
      generate: (opps) => (opps.opportunity_buys ?? []).filter((c) => c.tags.includes(name)).map((c) => [c]),
    }),
  ];

  it.each(['__proto__', 'constructor', 'toString'])('a calculator and a pattern named %s: configured, run, counted and timed under their name', async (name) => {
    const modules = [...standardModules(), ...modulesNamed(name)];
    const toml = `extends = "default"\n[opportunity_calculators.${name}.params]\namount_eur = 700\n[pattern_generators.${name}]\nenabled = true\n`;
    const config = parseConfig(toml, { modules });
    expect(config.calculators.get(name)).toEqual({ enabled: true, params: { amountEur: 700 } });
    const planner = createPlanner({ config, modules });
    const snapshot = parseSnapshot(readFileSync(here('../examples/portfolio.json'), 'utf8'));
    // the second plan fills the records from their template (record-shape.ts), the first one without
    for (const plan of [await planner.plan(snapshot), await planner.plan(snapshot)]) {
      const json = JSON.parse(JSON.stringify(plan)) as Plan;
      expect(Object.getOwnPropertyDescriptor(json.funnel.opportunitiesByModule, name)?.value).toBe(1);
      expect(Object.getOwnPropertyDescriptor(json.funnel.sequencesByModule, name)?.value).toBeGreaterThan(0);
      expect(Object.keys(json.timings)).toEqual(expect.arrayContaining([`calculator:${name}`, `pattern:${name}`]));
      expect(nonNumbers(json.funnel)).toEqual([]);
    }
  });
});

/** Paths of the values under a record of counts that are not numbers (an inherited function read as a count). */
function nonNumbers(funnel: Plan['funnel']): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(funnel)) {
    if (typeof v === 'object') for (const [m, n] of Object.entries(v as object)) if (typeof n !== 'number') out.push(`${k}.${m}`);
  }
  return out;
}
