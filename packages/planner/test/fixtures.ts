import type {
  ActionCandidate, EvaluationResult, HealthScore, ModuleSettings, PlannerConfig, PlannerSettings, PortfolioSnapshot,
  Security, Sequence, Side,
} from '@planner/contracts';
import { COMPAT_DEFAULTS, defineCalculator, defineEvaluator, defineFilter, definePattern, defineSequenceGenerator } from '@planner/contracts';
import { candidate, plannerSettings, security as kitSecurity } from '@planner/testkit';
import { z } from 'zod';

/** One share at 100 EUR. */
export const cand = (symbol: string, side: Side, priority: number, extra: Partial<ActionCandidate> = {}): ActionCandidate =>
  candidate(side, symbol, { name: `${symbol} Inc.`, price: 100, valueEur: 100, priority, reason: `reason ${symbol}`, ...extra });

export const security = (symbol: string, extra: Partial<Security> = {}): Security =>
  kitSecurity(symbol, { name: `${symbol} Inc.`, country: 'United States', industry: 'Technology', ...extra });

export const SETTINGS: PlannerSettings = plannerSettings({ description: 'test config', maxDepth: 3, costPenaltyFactor: 0.1, seed: 7 });

const on = (params: Record<string, unknown> = {}): ModuleSettings => ({ enabled: true, params });

/**
 * Params as @planner/config hands them over: parsed by the module's own
 * schema (defaults filled). The planner trusts them, so the fixture does what
 * config does for the fake modules it knows.
 */
function validated(name: string, settings: ModuleSettings): ModuleSettings {
  const module = [fakeBuys, fakeSells, throwingCalculator, fakeEach].find((m) => m.name === name);
  if (module === undefined || !settings.enabled) return settings;
  return { enabled: true, params: module.params.parse(settings.params) as Record<string, unknown> };
}

const table = (...names: (string | [string, ModuleSettings])[]) =>
  new Map(names.map((n): [string, ModuleSettings] => (typeof n === 'string' ? [n, validated(n, on())] : [n[0], validated(n[0], n[1])])));

export function config(
  parts: {
    planner?: Partial<PlannerSettings>;
    calculators?: (string | [string, ModuleSettings])[];
    patterns?: (string | [string, ModuleSettings])[];
    generators?: (string | [string, ModuleSettings])[];
    filters?: (string | [string, ModuleSettings])[];
    /** The evaluator's name, as @planner/config resolves it from the [planner] switches. */
    evaluator?: string;
  } = {},
): PlannerConfig {
  return {
    planner: { ...SETTINGS, ...parts.planner },
    calculators: table(...(parts.calculators ?? ['fake_buys', 'fake_sells'])),
    patterns: table(...(parts.patterns ?? ['fake_each'])),
    sequenceGenerators: table(...(parts.generators ?? [])),
    filters: table(...(parts.filters ?? [])),
    compat: COMPAT_DEFAULTS,
    evaluator: parts.evaluator ?? 'single_objective',
    warnings: [],
  };
}

export { on };

/** Three held EUR securities A, B, C and two to buy D, E; 1000 EUR cash. */
export function snapshot(): PortfolioSnapshot {
  return {
    asOf: '2026-01-02T12:00:00Z',
    baseCurrency: 'EUR',
    cash: new Map([['EUR', 1000]]),
    fxRates: { EUR: 1 },
    minCashReserve: 0,
    securities: ['A', 'B', 'C', 'D', 'E'].map((s, i) =>
      security(s, { country: ['United States', 'Germany', 'France', 'Japan', 'Spain'][i]!, qualityScore: 0.8 }),
    ),
    positions: [
      { symbol: 'A', quantity: 10, avgPrice: 80 },
      { symbol: 'B', quantity: 10, avgPrice: 80 },
      { symbol: 'C', quantity: 10, avgPrice: 80 },
    ],
    targets: { countries: new Map(), industries: new Map(), countryGroups: new Map(), industryGroups: new Map() },
    recentTrades: [],
  };
}

// ------------------------------------------------------------- fake modules

export const fakeBuys = defineCalculator({
  name: 'fake_buys',
  description: 'buys D and E',
  params: z.object({ boost: z.number().default(0) }),
  category: 'opportunity_buys',
  narrate: (c) => (c.side === 'BUY' ? { parts: [`${c.reason}.`, 'A fake buy.'] } : undefined),
  calculate: (_ctx, p) => [
    cand('D', 'BUY', 0.8 + p.boost, { valueEur: 400, tags: ['opportunity'] }),
    cand('E', 'BUY', 0.6 + p.boost, { valueEur: 300, tags: ['quality'] }),
  ],
});

export const fakeSells = defineCalculator({
  name: 'fake_sells',
  description: 'sells A (windfall) and B',
  params: z.object({}),
  category: (c) => (c.tags.includes('windfall') ? 'profit_taking' : 'rebalance_sells'),
  calculate: () => [
    cand('A', 'SELL', 0.7, { valueEur: 250, tags: ['windfall'] }),
    cand('B', 'SELL', 0.5, { valueEur: 200, tags: ['rebalance', 'overweight_us'] }),
  ],
});

export const throwingCalculator = defineCalculator({
  name: 'broken',
  description: 'always throws',
  params: z.object({}),
  calculate: () => {
    throw new Error('boom');
  },
});

/** One sequence per candidate of every list, in list order, capped at maxDepth steps of a buy run. */
export const fakeEach = definePattern({
  name: 'fake_each',
  description: 'each candidate alone, plus the first maxDepth buys together',
  params: z.object({ maxDepth: z.number().optional() }),
  generate: (opps, _p, call) => {
    const out: Sequence[] = [];
    const buys = [...(opps.opportunity_buys ?? []), ...(opps.averaging_down ?? []), ...(opps.rebalance_buys ?? [])];
    for (const list of Object.values(opps)) for (const c of list ?? []) out.push([c]);
    if (buys.length > 1) out.push(buys.slice(0, call.maxDepth));
    return out;
  },
});

export const evaluatorParams = z.object({});

/** Score = 0.5 + Σ(BUY value)/10000 − Σ(SELL value)/20000; deterministic, with a detail breakdown. */
export function fakeEvaluator(name = 'single_objective', overrides: { fail?: (s: Sequence) => boolean } = {}) {
  return defineEvaluator({
    name,
    description: 'fake scorer',
    params: evaluatorParams,
    prepare: () => ({
      currentScore: (): HealthScore => ({ diversification: 50, dividend: 50, quality: 50, total: 50.0 }),
      evaluate: (seq: Sequence, detail?: boolean): EvaluationResult => {
        if (overrides.fail?.(seq)) throw new Error('cannot score');
        let score = 0.5;
        for (const a of seq) score += a.side === 'BUY' ? a.valueEur / 10000 : -a.valueEur / 20000;
        return {
          score,
          diversificationScore: 0.5,
          riskScore: 0.5,
          transactionCost: seq.length * 2,
          ...(detail ? { breakdown: { fake: true, steps: seq.length } } : {}),
        };
      },
    }),
  });
}

export const allFakes = [fakeBuys, fakeSells, fakeEach, fakeEvaluator()];

export { defineFilter, definePattern, defineSequenceGenerator };
