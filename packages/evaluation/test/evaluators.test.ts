import { createPythonRandom, pyRound } from '@planner/context';
import type { EvaluationContext } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { evaluators, monteCarlo, singleObjective, stochastic } from '../src/index.js';
import { sequenceRandom } from '../src/sequence-random.js';
import { action, compat, context, noRandom, settings } from './fixtures.js';

const ctx = context({
  securities: [
    { symbol: 'A', price: 100, country: 'United States', qualityScore: 0.8, metrics: { cagr5y: 0.1, dividendYield: 0.02, sortino: 1.4, sharpe: 0.8, volatilityAnnual: 0.22, maxDrawdown: -0.3 } },
    { symbol: 'B', price: 50, country: 'Germany', qualityScore: 0.6, metrics: { cagr5y: 0.14, volatilityAnnual: 0.35 } },
    { symbol: 'U', price: 108, currency: 'USD', country: 'United States', metrics: { cagr5y: 0.08, dividendYield: 0.03 } },
  ],
  holdings: [
    { symbol: 'A', quantity: 60 },
    { symbol: 'B', quantity: 80 },
  ],
  cash: 2000,
  fxRates: { USD: 1.08 },
  countryTargets: { US: 0.6, EU: 0.4 },
  countryGroups: { US: ['United States'], EU: ['Germany'] },
}); // invested 6000 + 4000 = 10 000 EUR

type StatKey =
  | 'scenarios_evaluated' | 'final_score' | 'worst_score' | 'avg_score' | 'paths_evaluated' | 'p10_score' | 'p90_score'
  | 'best_score' | 'end_score';
type Stats = Record<StatKey, number>;

const twoTrades = [action('SELL', 'A', 10, 100), action('BUY', 'B', 20, 50)]; // 2 × €1000
const setupWith = (overrides: Parameters<typeof settings>[0] = {}, c = compat()) => ({
  settings: settings(overrides),
  compat: c,
  rng: noRandom,
});

describe('module definitions', () => {
  it('exports the three evaluators by name, each accepting {} params', () => {
    expect(evaluators.map((e) => e.name)).toEqual(['single_objective', 'stochastic', 'monte_carlo']);
    for (const e of evaluators) {
      expect(e.kind).toBe('evaluator');
      expect(() => e.params.parse({})).not.toThrow();
    }
    expect(stochastic.params.parse({}).shifts).toEqual([-0.1, -0.05, 0, 0.05, 0.1]);
  });
});

describe('single_objective', () => {
  it('current score is the health of the start portfolio', () => {
    const h = singleObjective.prepare(ctx, setupWith(), {}).currentScore();
    // US 0.6 / EU 0.4 exactly on target -> diversification 100
    expect(h.diversification).toBe(100);
    expect(h.total).toBe(pyRound(100 * 0.4 + h.dividend * 0.3 + h.quality * 0.3, 1));
  });

  it('cost penalty: €8 of costs on €10 000 with factor 0.1 subtracts 0.00008 (§4.3)', () => {
    const plain = singleObjective.prepare(ctx, setupWith(), {}).evaluate(twoTrades, true);
    const penalised = singleObjective.prepare(ctx, setupWith({ costPenaltyFactor: 0.1 }), {}).evaluate(twoTrades, true);
    expect(plain.transactionCost).toBe(8);
    expect(penalised.score).toBeCloseTo(plain.score - 0.00008, 12);
    expect(penalised.breakdown?.transaction_cost).toEqual({
      total_cost_eur: 8,
      cost_penalty: 0.0001,
      adjusted_score: pyRound(penalised.score, 3),
    });
    expect(plain.breakdown?.transaction_cost).toBeUndefined();
  });

  it('multi-timeframe multiplies the end-state score by 1.015, unclamped', () => {
    const plain = singleObjective.prepare(ctx, setupWith(), {}).evaluate(twoTrades, true);
    const mt = singleObjective.prepare(ctx, setupWith({ enableMultiTimeframe: true }), {}).evaluate(twoTrades, true);
    expect(mt.score).toBeCloseTo(1.015 * plain.score, 12);
    expect(mt.breakdown?.multi_timeframe).toEqual({
      short_term_1y: pyRound(plain.score * 0.95, 3),
      medium_term_3y: pyRound(plain.score, 3),
      long_term_5y: pyRound(plain.score * 1.05, 3),
      weighted_score: pyRound(mt.score, 3),
    });
  });

  it('multi-timeframe applies before the cost penalty', () => {
    const both = singleObjective
      .prepare(ctx, setupWith({ enableMultiTimeframe: true, costPenaltyFactor: 0.1 }), {})
      .evaluate(twoTrades);
    const mt = singleObjective.prepare(ctx, setupWith({ enableMultiTimeframe: true }), {}).evaluate(twoTrades);
    expect(both.score).toBeCloseTo(mt.score - 0.00008, 12);
  });

  it('the objectives are the rounded multi_objective block; no breakdown unless asked', () => {
    const r = singleObjective.prepare(ctx, setupWith(), {}).evaluate(twoTrades);
    expect(r.breakdown).toBeUndefined();
    const d = singleObjective.prepare(ctx, setupWith(), {}).evaluate(twoTrades, true);
    expect(d.breakdown?.multi_objective).toEqual({
      end_score: pyRound(r.score, 3),
      diversification_score: r.diversificationScore,
      risk_score: r.riskScore,
      transaction_cost: 8,
    });
    expect(d.breakdown?.price_scenario).toBeUndefined();
  });

  it('an empty end state scores 0.5 with risk 0.5', () => {
    const empty = context({ securities: [{ symbol: 'A', price: 10 }], cash: 0 });
    const r = singleObjective.prepare(empty, setupWith(), {}).evaluate([], true);
    expect(r.score).toBe(0.5);
    expect(r.riskScore).toBe(0.5);
    expect(r.breakdown?.error).toBe('Invalid portfolio data');
  });

  it('T <= 0: health 50, end state 0.5 and no cost penalty', () => {
    const zero: EvaluationContext = { ...ctx, portfolio: { ...ctx.portfolio, totalValue: 0 } };
    const scorer = singleObjective.prepare(zero, setupWith({ costPenaltyFactor: 1 }), {});
    expect(scorer.currentScore()).toEqual({ diversification: 50, dividend: 50, quality: 50, total: 50 });
    const r = scorer.evaluate(twoTrades);
    expect(r.score).toBe(0.5);
    expect(r.diversificationScore).toBe(0.5);
  });

  it('reference quirk: with the group maps dropped, the geography of every sequence collapses to OTHER', () => {
    const quirk = singleObjective.prepare(ctx, setupWith(), {}).evaluate([action('SELL', 'A', 1, 100)]);
    const fixed = singleObjective
      .prepare(ctx, setupWith({}, compat({ simulationDropsGroupMaps: false })), {})
      .evaluate([action('SELL', 'A', 1, 100)]);
    expect(quirk.diversificationScore).toBeLessThan(fixed.diversificationScore);
  });

  it('reference quirk: total value excludes cash; corrected it includes the available cash', () => {
    const quirk = singleObjective.prepare(ctx, setupWith(), {}).currentScore();
    const fixed = singleObjective
      .prepare(ctx, setupWith({}, compat({ totalValueExcludesCash: false })), {})
      .currentScore();
    // cash dilutes the weights: quality 100 × Σ q·w shrinks by 10 000 / 12 000
    expect(fixed.quality).toBeCloseTo(pyRound((quirk.quality * 10_000) / 12_000, 1), 0);
    expect(fixed.quality).toBeLessThan(quirk.quality);
  });

  it('reference quirk: missing metrics score as 0 for known securities, defaults otherwise', () => {
    const bare = context({ securities: [{ symbol: 'N', price: 10 }], holdings: [{ symbol: 'N', quantity: 100 }] });
    const quirk = singleObjective.prepare(bare, setupWith(), {}).evaluate([]);
    const fixed = singleObjective.prepare(bare, setupWith({}, compat({ missingMetricsAreZero: false })), {}).evaluate([]);
    // volatility 0 is "unknown" (0.5), drawdown 0 -> 1.0, Sharpe 0 -> 0
    expect(quirk.riskScore).toBe(0.55);
    expect(fixed.riskScore).toBe(0.5);
  });
});

describe('stochastic', () => {
  it('aggregates 0.6·worst + 0.4·avg and reports the shift-0 breakdown', () => {
    const scorer = stochastic.prepare(ctx, setupWith(), stochastic.params.parse({}));
    const r = scorer.evaluate(twoTrades, true);
    const st = r.breakdown?.stochastic as Stats;
    expect(st.scenarios_evaluated).toBe(5);
    expect(st.final_score).toBe(pyRound(r.score, 3));
    expect(st.worst_score).toBeLessThanOrEqual(st.final_score);
    expect(st.final_score).toBeLessThanOrEqual(st.avg_score);
    expect(r.breakdown?.price_scenario).toEqual({ adjustments: { A: 1, B: 1 } });
    const base = singleObjective.prepare(ctx, setupWith(), {}).evaluate(twoTrades);
    // EUR-only sequence: the 0 shift equals the unshifted evaluation
    expect((r.breakdown?.multi_objective as Stats).end_score).toBe(pyRound(base.score, 3));
  });

  it('keys the price scenario by symbol whatever the symbol is named: __proto__ and constructor are ordinary keys', () => {
    const named = context({
      securities: [
        { symbol: '__proto__', price: 100, country: 'United States', metrics: { cagr5y: 0.1 } },
        { symbol: 'constructor', price: 50, country: 'Germany', metrics: { cagr5y: 0.14 } },
      ],
      holdings: [{ symbol: '__proto__', quantity: 60 }, { symbol: 'constructor', quantity: 80 }],
      cash: 2000,
    });
    const r = stochastic.prepare(named, setupWith(), stochastic.params.parse({})).evaluate([action('SELL', '__proto__', 10, 100), action('BUY', 'constructor', 20, 50)], true);
    const adjustments = (r.breakdown?.price_scenario as { adjustments: Record<string, number> }).adjustments;
    expect(Object.keys(adjustments)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(adjustments)).toBe(Object.prototype);
    expect(JSON.stringify(adjustments)).toBe('{"__proto__":1,"constructor":1}');
  });

  it('custom shifts and weights: a single 0 shift with weights 1/0 is the single evaluation', () => {
    const scorer = stochastic.prepare(ctx, setupWith(), stochastic.params.parse({ shifts: [0], worstWeight: 1, averageWeight: 0 }));
    const base = singleObjective.prepare(ctx, setupWith(), {}).evaluate(twoTrades);
    expect(scorer.evaluate(twoTrades).score).toBe(base.score);
  });
});

describe('monte_carlo', () => {
  const seq = [action('SELL', 'A', 10, 100), action('BUY', 'U', 5, 108, 500, 'USD'), action('BUY', 'B', 2, 50)];

  it('is deterministic for a fixed seed and changes with the seed', () => {
    const run = (seed: number) => {
      const scorer = monteCarlo.prepare(ctx, { ...setupWith({ seed }), rng: createPythonRandom(seed) }, {});
      return [scorer.evaluate(seq).score, scorer.evaluate(twoTrades).score];
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('draws paths × distinct symbols normals from the sequence\'s own generator, paths outer; the run\'s generator is untouched', () => {
    const rng = createPythonRandom(11);
    const paths = monteCarlo.prepare(ctx, { ...setupWith({ monteCarloPathCount: 10, seed: 11 }), rng }, {}).evaluate(seq, true);
    expect(rng.random()).toBe(createPythonRandom(11).random());
    const own = sequenceRandom(11, seq);
    const draws = Array.from({ length: 30 }, () => own.gauss(0, 1));
    // The breakdown is the middle path (5): its three symbols are draws 15..17.
    const adj = (paths.breakdown?.price_scenario as { adjustments: Record<string, number> }).adjustments;
    const vol = [0.22, 0.1, 0.35].map((v) => v / Math.sqrt(252)); // A, U (no metric: the 0.1 floor), B
    expect(Object.values(adj)).toEqual([0, 1, 2].map((k) => pyRound(Math.max(0.5, Math.min(2.0, Math.exp(vol[k]! * draws[15 + k]!))), 3)));
  });

  it('scores a sequence the same whatever was evaluated before it (incremental batches, any order)', () => {
    const fresh = () => monteCarlo.prepare(ctx, { ...setupWith({ seed: 5 }), rng: createPythonRandom(5) }, {});
    const inOrder = fresh();
    const a = inOrder.evaluate(seq);
    const b = inOrder.evaluate(twoTrades);
    const reversed = fresh();
    expect(reversed.evaluate(twoTrades)).toEqual(b);
    expect(reversed.evaluate(seq)).toEqual(a);
    // The detailed re-evaluation of the winner repeats the draws it was scored with.
    expect(reversed.evaluate(seq, true).score).toBe(a.score);
  });

  it('clamps the path count to 10..500 and reports statistics', () => {
    const low = monteCarlo
      .prepare(ctx, { ...setupWith({ monteCarloPathCount: 3 }), rng: createPythonRandom(1) }, {})
      .evaluate(seq, true);
    const mc = low.breakdown?.monte_carlo as Stats;
    expect(mc.paths_evaluated).toBe(10);
    expect(mc.worst_score).toBeLessThanOrEqual(mc.p10_score);
    expect(mc.p10_score).toBeLessThanOrEqual(mc.p90_score);
    expect(mc.p90_score).toBeLessThanOrEqual(mc.best_score);
    expect(mc.final_score).toBe(pyRound(low.score, 3));
    const high = monteCarlo
      .prepare(ctx, { ...setupWith({ monteCarloPathCount: 5000 }), rng: createPythonRandom(1) }, {})
      .evaluate(twoTrades, true);
    expect((high.breakdown?.monte_carlo as Stats).paths_evaluated).toBe(500);
  });

  it('multipliers stay within a few percent (one-day horizon)', () => {
    const r = monteCarlo
      .prepare(ctx, { ...setupWith(), rng: createPythonRandom(3) }, {})
      .evaluate(seq, true);
    const adj = (r.breakdown?.price_scenario as { adjustments: Record<string, number> }).adjustments;
    expect(Object.keys(adj)).toEqual(['A', 'U', 'B']);
    for (const m of Object.values(adj)) expect(Math.abs(m - 1)).toBeLessThan(0.2);
  });
});
