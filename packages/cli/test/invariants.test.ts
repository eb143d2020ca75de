import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModuleTable, Plan, PlannerConfig, PortfolioSnapshot } from '@planner/contracts';
import { loadPreset, parseConfig, serializeConfig } from '@planner/config';
import { buildContext, contextSettingsFrom, parseSnapshot, snapshotToJson } from '@planner/context';
import { createPlanner } from '@planner/planner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';
import { scenarioDir } from './helpers.js';

// Invariants every plan keeps, on random valid snapshots and random
// configurations (shipped presets and parity configurations with random search settings).

const modules = standardModules();
const FC = { seed: 42, numRuns: 150 } as const;

// ---- snapshots

const CURRENCIES = ['EUR', 'USD', 'GBP', 'HKD'] as const;
// Two of them named like built-ins in the snapshot: a currency name is the user's, and
// `__proto__` or `constructor` must be an ordinary key (cash, fxRates, cashAfter).
const BUILT_IN_NAMED: Readonly<Record<string, string>> = { GBP: '__proto__', HKD: 'constructor' };
const named = (currency: string): string => (Object.hasOwn(BUILT_IN_NAMED, currency) ? BUILT_IN_NAMED[currency]! : currency);
/** The record with its currency keys named, each an own key (Object.fromEntries defines `__proto__`, it does not set the prototype). */
const namedKeys = (record: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(record).map(([c, v]) => [named(c), v]));
const COUNTRY_GROUPS: Record<string, string[]> = {
  US: ['United States'],
  EU: ['Germany', 'France', 'United Kingdom'],
  ASIA: ['Hong Kong', 'Japan'],
};
// 'Brazil' and 'Materials' are in no group: they fall in OTHER.
const COUNTRIES = [...Object.values(COUNTRY_GROUPS).flat(), 'Brazil'];
const INDUSTRY_GROUPS: Record<string, string[]> = {
  TECH: ['Technology', 'Software'],
  FIN: ['Financials'],
  ENERGY: ['Energy', 'Utilities'],
  DEFENSIVE: ['Healthcare', 'Consumer Staples'],
};
// The reference splits industries on commas.
const INDUSTRIES = [...Object.values(INDUSTRY_GROUPS).flat(), 'Materials', 'Technology, Software', 'Financials, Energy'];
const DAY_MS = 86_400_000;

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const mostly = (p: number) => fc.oneof({ weight: p, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });

const metricsArb = fc.record(
  {
    cagr5y: num(-0.3, 0.4),
    cagr10y: num(-0.2, 0.3),
    dividendYield: num(0, 0.09),
    consistencyScore: num(0, 1),
    financialStrength: num(0, 1),
    dividendConsistency: num(0, 1),
    payoutRatio: num(0, 1.2),
    sortino: num(-1, 3),
    volatilityAnnual: num(0.05, 0.8),
    maxDrawdown: num(-0.8, 0),
    sharpe: num(-1, 3),
  },
  { requiredKeys: [] },
);

const securityArb = fc.record(
  {
    name: fc.constantFrom('Alpha Corp', 'Beta AG', 'Gamma plc', 'Delta Ltd', 'Epsilon SA'),
    productType: fc.constantFrom('EQUITY', 'ETF', 'ETC', 'MUTUALFUND'),
    currency: fc.constantFrom(...CURRENCIES),
    // No positive price = no quote (FORMAT.md): never a buy candidate.
    price: fc.oneof({ weight: 15, arbitrary: num(0.5, 1500) }, { weight: 1, arbitrary: fc.constant(0) }),
    country: fc.constantFrom(...COUNTRIES),
    industry: fc.constantFrom(...INDUSTRIES),
    allowBuy: mostly(6),
    allowSell: mostly(6),
    minLot: fc.constantFrom(1, 1, 1, 1, 5, 100),
    priorityMultiplier: num(0.5, 2),
    qualityScore: num(0, 1),
    metrics: metricsArb,
  },
  { requiredKeys: ['name', 'currency', 'price', 'country', 'industry', 'allowBuy', 'allowSell'] },
);

const positionArb = fc.record(
  {
    // Mostly whole shares; fractional holdings are valid input too.
    quantity: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 400 }) }, { weight: 1, arbitrary: num(0.5, 300) }),
    avgFactor: num(0.3, 2.5),
    firstBoughtDaysAgo: fc.integer({ min: 0, max: 2500 }),
    currentFactor: num(0.7, 1.3),
  },
  { requiredKeys: ['quantity', 'avgFactor'] },
);

const tradeArb = fc.record({
  index: fc.nat(),
  side: fc.constantFrom('BUY', 'SELL'),
  // within the last year relative to asOf
  secondsAgo: fc.integer({ min: 0, max: 365 * 86_400 }),
});

/** `weights` scaled to sum to `total` (<= 1) with some room for rounding. */
function normalise(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return sum > 0 ? weights.map((w) => ((w / sum) * total) * (1 - 1e-12)) : weights.map(() => 0);
}

const naive = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

const snapshotArb = fc.integer({ min: 5, max: 25 }).chain((n) =>
  fc.record({
    asOf: fc.constantFrom('2026-01-02T12:00:00Z', '2025-06-30T09:30:00Z'),
    securities: fc.array(securityArb, { minLength: n, maxLength: n }),
    positions: fc.array(fc.option(positionArb, { freq: 2 }), { minLength: n, maxLength: n }),
    cash: fc.record(
      { EUR: num(0, 40_000), USD: num(0, 20_000), GBP: num(0, 5_000), HKD: num(0, 60_000) },
      { requiredKeys: [] },
    ),
    fx: fc.record({ USD: num(0.9, 1.3), GBP: num(0.75, 0.95), HKD: num(7.5, 9.5) }),
    minCashReserve: fc.oneof(fc.constant(0), num(0, 3_000)),
    countryWeights: fc.array(num(0, 1), { minLength: 3, maxLength: 3 }),
    countryTotal: num(0.4, 1),
    industryWeights: fc.array(num(0, 1), { minLength: 4, maxLength: 4 }),
    industryTotal: num(0.4, 1),
    targetWeights: fc.option(
      fc.record({ weights: fc.array(fc.option(num(0, 1), { freq: 2 }), { minLength: n, maxLength: n }), total: num(0.3, 1) }),
      { freq: 2 },
    ),
    trades: fc.array(tradeArb, { maxLength: 12 }),
  }).map((g) => {
    const symbols = g.securities.map((s, i) => `S${String(i).padStart(2, '0')}.${s.currency === 'EUR' ? 'EU' : s.currency.slice(0, 2)}`);
    const asOfMs = Date.parse(g.asOf);
    const securities = g.securities.map((s, i) => ({ symbol: symbols[i]!, ...s, currency: named(s.currency) }));
    const positions = g.positions.flatMap((p, i) => {
      // a held security needs a quote (a held price of 0 is refused)
      if (p === null || securities[i]!.price === 0) return [];
      const price = securities[i]!.price;
      return [{
        symbol: symbols[i]!,
        quantity: p.quantity,
        avgPrice: Math.max(0.01, price * p.avgFactor),
        ...(p.firstBoughtDaysAgo === undefined ? {} : { firstBoughtAt: naive(asOfMs - p.firstBoughtDaysAgo * DAY_MS) }),
        ...(p.currentFactor === undefined ? {} : { currentPrice: price * p.currentFactor }),
      }];
    });
    const groupWeights = (groups: Record<string, string[]>, raw: number[], total: number) => {
      const w = normalise(raw, total);
      return Object.fromEntries(Object.keys(groups).map((k, i) => [k, w[i]!]));
    };
    let targetWeights: Record<string, number> | undefined;
    if (g.targetWeights !== null) {
      const picked = g.targetWeights.weights.flatMap((w, i) => (w === null ? [] : [[symbols[i]!, w] as const]));
      const w = normalise(picked.map(([, x]) => x), g.targetWeights.total);
      targetWeights = Object.fromEntries(picked.map(([s], i) => [s, w[i]!]));
    }
    return {
      asOf: g.asOf,
      baseCurrency: 'EUR',
      cash: namedKeys(g.cash),
      fxRates: namedKeys({ EUR: 1, ...g.fx }),
      minCashReserve: g.minCashReserve,
      securities,
      positions,
      targets: {
        countries: groupWeights(COUNTRY_GROUPS, g.countryWeights, g.countryTotal),
        industries: groupWeights(INDUSTRY_GROUPS, g.industryWeights, g.industryTotal),
        countryGroups: COUNTRY_GROUPS,
        industryGroups: INDUSTRY_GROUPS,
      },
      ...(targetWeights === undefined ? {} : { targetWeights }),
      recentTrades: g.trades.map((t) => ({
        symbol: symbols[t.index % n]!,
        side: t.side,
        at: naive(asOfMs - t.secondsAgo * 1000),
      })),
    };
  }),
);

// ---- configurations

const BASES: readonly { name: string; config: PlannerConfig }[] = [
  ...['default', 'conservative', 'aggressive'].map((p) => ({ name: `preset ${p}`, config: loadPreset(p, { modules }) })),
  ...['default', 'conservative', 'aggressive'].map((p) => ({
    name: `parity ${p}`,
    config: parseConfig(readFileSync(join(scenarioDir, `configs/${p}.toml`), 'utf8'), { modules }),
  })),
];

function withEnabled(table: ModuleTable, name: string, enabled: boolean): ModuleTable {
  const out = new Map(table);
  const entry = table.get(name);
  out.set(name, { enabled, params: entry?.params ?? {} });
  return out;
}

const configArb = fc
  .record({
    base: fc.integer({ min: 0, max: BASES.length - 1 }),
    maxDepth: fc.integer({ min: 1, max: 5 }),
    priorityThreshold: num(0, 0.7),
    beamWidth: fc.integer({ min: 1, max: 20 }),
    multiObjective: fc.boolean(),
    stochastic: fc.boolean(),
    monteCarlo: mostly(1).map((b) => !b),
    paths: fc.integer({ min: 10, max: 16 }),
    partialExecution: fc.boolean(),
    constraintRelaxation: fc.boolean(),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  })
  .map((c) => {
    const base = BASES[c.base]!;
    const changed: PlannerConfig = {
      ...base.config,
      planner: {
        ...base.config.planner,
        maxDepth: c.maxDepth,
        priorityThreshold: c.priorityThreshold,
        beamWidth: c.beamWidth,
        enableMultiObjective: c.multiObjective,
        enableStochasticScenarios: c.stochastic,
        enableMonteCarloPaths: c.monteCarlo,
        monteCarloPathCount: c.paths,
        seed: c.seed,
      },
      sequenceGenerators: withEnabled(
        withEnabled(base.config.sequenceGenerators, 'partial_execution', c.partialExecution),
        'constraint_relaxation',
        c.constraintRelaxation,
      ),
    };
    // Through TOML and back: the configuration is validated as a user's would be.
    return { label: `${base.name} ${JSON.stringify(c)}`, config: parseConfig(serializeConfig(changed), { modules }) };
  });

// ---- helpers

interface Case {
  snapshot: PortfolioSnapshot;
  config: PlannerConfig;
  plan: Plan;
}

async function planCase(raw: unknown, config: PlannerConfig): Promise<Case> {
  const snapshot = parseSnapshot(raw); // throws if the arbitrary produced an invalid snapshot
  const plan = await createPlanner({ config, modules }).plan(snapshot);
  return { snapshot, config, plan };
}

const inputs = fc.record({ raw: snapshotArb, cfg: configArb });

function contextOf(c: Case) {
  return buildContext(c.snapshot, contextSettingsFrom(c.config.planner), {
    totalValueExcludesCash: c.config.compat.totalValueExcludesCash,
  });
}

function withoutTimings(plan: Plan): Omit<Plan, 'timings'> {
  const { timings: _timings, ...rest } = plan;
  return rest;
}

function nonFinitePaths(value: unknown, path = 'plan'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinitePaths(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => nonFinitePaths(v, `${path}.${k}`));
  }
  return [];
}

// ---- properties

describe('plan invariants on random snapshots and configurations', () => {
  it('the arbitraries produce valid, varied inputs', () => {
    const samples = fc.sample(inputs, { seed: 42, numRuns: 60 });
    for (const s of samples) expect(() => parseSnapshot(s.raw)).not.toThrow();
    const snaps = samples.map((s) => parseSnapshot(s.raw));
    expect(snaps.some((s) => s.targetWeights !== undefined)).toBe(true);
    expect(snaps.some((s) => s.targetWeights === undefined)).toBe(true);
    expect(snaps.some((s) => s.recentTrades.length > 0)).toBe(true);
    expect(new Set(samples.map((s) => s.cfg.label.split(' {')[0])).size).toBe(BASES.length);
  });

  it('the random plans are not vacuous: buys, sells, multi-step plans, both identification paths', async () => {
    const stats = { plans: 0, withSteps: 0, buys: 0, sells: 0, multiStep: 0, weightBased: 0, heuristic: 0, maxSteps: 0 };
    for (const { raw, cfg } of fc.sample(inputs, { seed: 42, numRuns: 60 })) {
      const c = await planCase(raw, cfg.config);
      const steps = c.plan.steps;
      stats.plans++;
      if (steps.length > 0) stats.withSteps++;
      if (steps.some((s) => s.side === 'BUY')) stats.buys++;
      if (steps.some((s) => s.side === 'SELL')) stats.sells++;
      if (steps.length > 1) stats.multiStep++;
      stats.maxSteps = Math.max(stats.maxSteps, steps.length);
      if (steps.length > 0) stats[contextOf(c).weightBasedMode ? 'weightBased' : 'heuristic']++;
    }
    expect(stats.buys).toBeGreaterThan(5);
    expect(stats.sells).toBeGreaterThan(5);
    expect(stats.multiStep).toBeGreaterThan(5);
    expect(stats.weightBased).toBeGreaterThan(3);
    expect(stats.heuristic).toBeGreaterThan(3);
  });

  it('(a) never spends more cash than there is, walking the steps in order', async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async ({ raw, cfg }) => {
        const { plan } = await planCase(raw, cfg.config);
        // The walk of pipeline.md §5.2 step 12, in the planner's own EUR accounting (valueEur).
        let cash = plan.availableCashEur;
        for (const s of plan.steps) {
          cash += s.side === 'SELL' ? s.valueEur : -s.valueEur;
          expect(cash, `cash after ${s.side} ${s.symbol}`).toBeGreaterThanOrEqual(-1e-9);
        }
        expect(plan.feasible).toBe(true);
      }),
      FC,
    );
  });

  it('(b) never sells more than is held and (c) never trades a symbol twice', async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async ({ raw, cfg }) => {
        const { snapshot, plan } = await planCase(raw, cfg.config);
        const held = new Map(snapshot.positions.map((p) => [p.symbol, p.quantity]));
        const sold = new Map<string, number>();
        for (const s of plan.steps) if (s.side === 'SELL') sold.set(s.symbol, (sold.get(s.symbol) ?? 0) + s.quantity);
        for (const [symbol, q] of sold) expect(q, `sold ${symbol}`).toBeLessThanOrEqual(held.get(symbol) ?? 0);
        // pipeline.md §5.2 step 12 drops every sequence with a repeated symbol.
        const symbols = plan.steps.map((s) => s.symbol);
        expect(new Set(symbols).size).toBe(symbols.length);
      }),
      FC,
    );
  });

  it('(d) respects cooldowns, minimum holds and the allowBuy/allowSell flags', async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async ({ raw, cfg }) => {
        const c = await planCase(raw, cfg.config);
        const ctx = contextOf(c);
        for (const s of c.plan.steps) {
          const security = ctx.securitiesBySymbol.get(s.symbol);
          expect(security, s.symbol).toBeDefined();
          if (s.side === 'SELL') {
            expect(security!.allowSell, `SELL ${s.symbol} allowSell`).toBe(true);
            expect(ctx.recentlySold.has(s.symbol), `SELL ${s.symbol} sold within sell_cooldown_days`).toBe(false);
            expect(ctx.ineligibleSymbols.has(s.symbol), `SELL ${s.symbol} under minimum hold / loss limit`).toBe(false);
          } else {
            expect(security!.allowBuy, `BUY ${s.symbol} allowBuy`).toBe(true);
            // The 30-day buy cooldown applies to heuristic identification only; the
            // weight-based path applies none (modules-sequences-filters.md §8.3).
            if (!ctx.weightBasedMode) expect(ctx.recentlyBought.has(s.symbol), `BUY ${s.symbol} bought recently`).toBe(false);
          }
        }
      }),
      FC,
    );
  });

  it('(e) no NaN or Infinity anywhere, quantities are positive integers (but reference zero sells), no module failed', async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async ({ raw, cfg }) => {
        const { plan } = await planCase(raw, cfg.config);
        expect(nonFinitePaths(plan)).toEqual([]);
        // every traded currency has its balance after the plan as an own key, whatever its name
        for (const s of plan.steps) expect(typeof Object.getOwnPropertyDescriptor(plan.execution!.cashAfter, s.currency)?.value, s.currency).toBe('number');
        for (const s of plan.steps) {
          const at = `${s.side} ${s.symbol} quantity ${s.quantity}`;
          expect(Number.isInteger(s.quantity) && s.quantity >= 0, at).toBe(true);
          // The reference emits profit-taking sells that truncate to 0 shares (value 0) and
          // the spec keeps them for parity (modules-calculators.md §4 edge cases, §10 decision 3).
          const zeroProfitTake = s.side === 'SELL' && s.tags.includes('profit_taking') && s.quantity === 0 && s.valueEur === 0;
          if (!zeroProfitTake) {
            expect(s.quantity, at).toBeGreaterThan(0);
            expect(s.valueEur, at).toBeGreaterThan(0);
          }
        }
        expect(plan.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
      }),
      FC,
    );
  });

  it('(f) the same input twice gives the same plan, and the snapshot is left untouched', async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async ({ raw, cfg }) => {
        const snapshot = parseSnapshot(raw);
        const before = snapshotToJson(snapshot);
        const planner = createPlanner({ config: cfg.config, modules });
        const first = withoutTimings(await planner.plan(snapshot));
        const again = withoutTimings(await planner.plan(snapshot));
        const fresh = withoutTimings(await createPlanner({ config: cfg.config, modules }).plan(parseSnapshot(raw)));
        expect(again).toEqual(first);
        expect(fresh).toEqual(first);
        expect(JSON.stringify(again)).toBe(JSON.stringify(first));
        expect(JSON.stringify(fresh)).toBe(JSON.stringify(first));
        expect(snapshotToJson(snapshot)).toBe(before);
      }),
      { ...FC, numRuns: 60 },
    );
  });
});
