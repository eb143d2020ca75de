import { createPythonRandom, pyRound } from '@planner/context';
import type { ActionCandidate, CompatSwitches, EvaluationContext, SecurityMetrics, SequenceScorer } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FastScorer as NodeFastScorer } from '../src/fast-scorer.js';
import { monteCarlo } from '../src/monte-carlo.js';
import { sequenceRandom } from '../src/sequence-random.js';
import { shiftAdjustments } from '../src/shift-adjustments.js';
import { evaluateStraightforward, scoringInputs } from './reference-path.js';
import { singleObjective } from '../src/single-objective.js';
import { DEFAULT_SHIFTS, stochastic } from '../src/stochastic.js';
import { type SecuritySpec, action, compat, context, noRandom, settings } from './fixtures.js';

// The safety net of the package: the fast scorer must give exactly the
// numbers of the straightforward helpers (simulateSequence + healthScore +
// endStateScore), on random portfolios, sequences and switches. Run for each
// variant of '#fast-scorer' (package.json "imports"): Node's per-slot tables
// (fast-scorer.test.ts) and the browser bundle's (fast-scorer-browser.test.ts,
// where the evaluators import that variant).

/** What the suite calls on a scorer directly (the evaluators call the rest). */
export type ScorerClass = new (
  ctx: EvaluationContext,
  setup: ConstructorParameters<typeof NodeFastScorer>[1],
) => Pick<NodeFastScorer, 'bind' | 'uniqueSymbols' | 'run' | 'diversificationScore' | 'riskScore'>;

const COUNTRIES = ['United States', 'Germany', 'France', 'Japan', 'Brazil', ''];
const GROUPS = { US: ['United States'], EU: ['Germany', 'France'], ASIA: ['Japan'] };

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const metricsArb: fc.Arbitrary<SecurityMetrics> = fc
  .record({
    cagr5y: optional(fc.double({ min: -0.3, max: 0.5, noNaN: true })),
    dividendYield: optional(fc.double({ min: 0, max: 0.08, noNaN: true })),
    consistencyScore: optional(fc.double({ min: 0, max: 1, noNaN: true })),
    financialStrength: optional(fc.double({ min: 0, max: 1, noNaN: true })),
    dividendConsistency: optional(fc.double({ min: 0, max: 1, noNaN: true })),
    payoutRatio: optional(fc.double({ min: 0, max: 1.2, noNaN: true })),
    sortino: optional(fc.double({ min: -1, max: 3, noNaN: true })),
    volatilityAnnual: optional(fc.double({ min: 0, max: 0.9, noNaN: true })),
    maxDrawdown: optional(fc.double({ min: -0.8, max: 0, noNaN: true })),
    sharpe: optional(fc.double({ min: -1, max: 3, noNaN: true })),
  })
  .map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as SecurityMetrics);

const securityArb = (i: number): fc.Arbitrary<SecuritySpec> =>
  fc.record({
    symbol: fc.constant(`S${i}`),
    price: fc.double({ min: 1, max: 500, noNaN: true }),
    currency: fc.constantFrom('EUR', 'EUR', 'USD'),
    country: fc.constantFrom(...COUNTRIES),
    qualityScore: optional(fc.constantFrom(0, 0.3, 0.55, 0.8, 0.95)),
    metrics: metricsArb,
  });

interface Case {
  ctx: EvaluationContext;
  sequences: ActionCandidate[][];
  compat: CompatSwitches;
  multiTimeframe: boolean;
  costPenaltyFactor: number;
}

const caseArb: fc.Arbitrary<Case> = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.record({
      secs: fc.tuple(...Array.from({ length: n }, (_, i) => securityArb(i))),
      held: fc.array(fc.tuple(fc.nat(n - 1), fc.integer({ min: 0, max: 60 })), { maxLength: n }),
      cash: fc.constantFrom(0, 500, 5_000, 50_000),
      withTargets: fc.boolean(),
      foreign: fc.boolean(),
      countries: fc.constantFrom('universe' as const, 'held' as const),
      compat: fc.record({
        simulationDropsGroupMaps: fc.boolean(),
        priceShiftUsesLocalPrice: fc.boolean(),
        missingMetricsAreZero: fc.boolean(),
        costsNotDeductedFromCash: fc.boolean(),
        totalValueExcludesCash: fc.boolean(),
      }),
      multiTimeframe: fc.boolean(),
      costPenaltyFactor: fc.constantFrom(0, 0.05, 0.1, 1),
      sequences: fc.array(
        fc.array(
          fc.record({
            sell: fc.boolean(),
            // index n means a symbol outside the universe
            idx: fc.nat(n),
            qty: fc.integer({ min: -2, max: 80 }),
          }),
          { minLength: 0, maxLength: 5 },
        ),
        { minLength: 1, maxLength: 6 },
      ),
    }),
  )
  .map((r) => {
    const holdings = new Map<string, number>();
    for (const [i, q] of r.held) holdings.set(`S${i}`, q);
    const ctx = context({
      securities: r.secs,
      holdings: [...holdings].map(([symbol, quantity]) => ({ symbol, quantity })),
      cash: r.cash,
      fxRates: { USD: 1.08 },
      ...(r.withTargets ? { countryTargets: { US: 0.5, EU: 0.3, ASIA: 0.1, OTHER: 0.1 }, countryGroups: GROUPS } : {}),
      ...(r.foreign ? { foreignPositions: { ZZZ: 750 } } : {}),
      countries: r.countries,
    });
    const sequences = r.sequences.map((seq) =>
      seq.map(({ sell, idx, qty }) => {
        const sec = ctx.securities[idx];
        if (sec === undefined) return action(sell ? 'SELL' : 'BUY', 'XTRA', qty, 20);
        const rate = sec.currency === 'USD' ? 1.08 : 1;
        return action(sell ? 'SELL' : 'BUY', sec.symbol, qty, sec.price, (qty * sec.price) / rate, sec.currency);
      }),
    );
    return {
      ctx,
      sequences,
      compat: compat(r.compat),
      multiTimeframe: r.multiTimeframe,
      costPenaltyFactor: r.costPenaltyFactor,
    };
  });

/** The oracle tests, on `FastScorer` and on the evaluators as they import '#fast-scorer'. */
export function fastScorerSuite(variant: string, FastScorer: ScorerClass): void {
  describe(`FastScorer (${variant}) agrees with the straightforward helpers`, () => {
    it('single evaluation: score, objectives and cost are identical', () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const setup = {
            settings: settings({ enableMultiTimeframe: c.multiTimeframe, costPenaltyFactor: c.costPenaltyFactor }),
            compat: c.compat,
            rng: noRandom,
          };
          const scorer = singleObjective.prepare(c.ctx, setup, {});
          const inputs = scoringInputs(c.ctx, setup);
          for (const seq of c.sequences) {
            const fast = scorer.evaluate(seq);
            const slow = evaluateStraightforward(c.ctx, inputs, seq);
            expect(fast.score).toBe(slow.score);
            expect(fast.diversificationScore).toBe(slow.diversificationScore);
            expect(fast.riskScore).toBe(slow.riskScore);
            expect(fast.transactionCost).toBe(slow.transactionCost);
          }
        }),
        { seed: 42, numRuns: 300 },
      );
    });

    it('price-shifted evaluation is identical for every shift', () => {
      fc.assert(
        fc.property(caseArb, fc.constantFrom(...DEFAULT_SHIFTS, 0.37), (c, shift) => {
          const setup = { settings: settings({ enableMultiTimeframe: c.multiTimeframe }), compat: c.compat, rng: noRandom };
          const fast = new FastScorer(c.ctx, setup);
          const inputs = scoringInputs(c.ctx, setup);
          for (const seq of c.sequences) {
            const cost = fast.bind(seq);
            const mult = new Float64Array(fast.uniqueSymbols).fill(1 + shift);
            const score = fast.run(seq, cost, mult);
            const slow = evaluateStraightforward(c.ctx, inputs, seq, shiftAdjustments(seq, shift));
            expect(score).toBe(slow.score);
            expect(fast.diversificationScore()).toBe(slow.diversificationScore);
            expect(fast.riskScore()).toBe(slow.riskScore);
          }
        }),
        { seed: 42, numRuns: 200 },
      );
    });

    it('the current score is the health score of the start portfolio', () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const setup = { settings: settings(), compat: c.compat, rng: noRandom };
          const scorer = singleObjective.prepare(c.ctx, setup, {});
          const slow = evaluateStraightforward(c.ctx, scoringInputs(c.ctx, setup), []);
          expect(scorer.currentScore()).toEqual(slow.health);
        }),
        { seed: 42, numRuns: 100 },
      );
    });

    it('stochastic evaluator = 0.6·worst + 0.4·avg of the straightforward scenarios', () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const setup = { settings: settings({ costPenaltyFactor: c.costPenaltyFactor }), compat: c.compat, rng: noRandom };
          const scorer = stochastic.prepare(c.ctx, setup, stochastic.params.parse({}));
          const inputs = scoringInputs(c.ctx, setup);
          for (const seq of c.sequences) {
            const runs = DEFAULT_SHIFTS.map((s) => evaluateStraightforward(c.ctx, inputs, seq, shiftAdjustments(seq, s)));
            let sum = 0;
            for (const r of runs) sum += r.score;
            const worst = Math.min(...runs.map((r) => r.score));
            const got = scorer.evaluate(seq);
            expect(got.score).toBe(worst * 0.6 + (sum / 5) * 0.4);
            expect(got.diversificationScore).toBe(runs[2]?.diversificationScore);
            expect(got.riskScore).toBe(runs[2]?.riskScore);
          }
        }),
        { seed: 42, numRuns: 100 },
      );
    });

    it('Monte Carlo evaluator = the straightforward path loop with the same draws', () => {
      fc.assert(
        fc.property(caseArb, fc.integer({ min: 0, max: 1000 }), (c, seed) => {
          const s = settings({ monteCarloPathCount: 10, enableMultiTimeframe: c.multiTimeframe, seed });
          const scorer = monteCarlo.prepare(c.ctx, { settings: s, compat: c.compat, rng: createPythonRandom(seed) }, {});
          const inputs = scoringInputs(c.ctx, { settings: s, compat: c.compat });
          for (const seq of c.sequences) {
            const rng = sequenceRandom(seed, seq);
            const symbols = [...new Set(seq.map((a) => a.symbol))];
            const scores: number[] = [];
            const results = [];
            for (let p = 0; p < 10; p++) {
              const adj = new Map<string, number>();
              for (const sym of symbols) {
                const m = inputs.metrics.get(sym);
                const vol = Math.max(0.1, Math.min(1.0, m === undefined ? 0.2 : (m.volatilityAnnual ?? 0.2)));
                const z = rng.gauss(0, 1);
                adj.set(sym, Math.max(0.5, Math.min(2.0, Math.exp((vol / Math.sqrt(252)) * z))));
              }
              const r = evaluateStraightforward(c.ctx, inputs, seq, adj);
              scores.push(r.score);
              results.push(r);
            }
            let sum = 0;
            for (const x of scores) sum += x;
            const sorted = [...scores].sort((a, b) => a - b);
            const expected = Math.min(...scores) * 0.4 + (sorted[1] as number) * 0.3 + (sum / 10) * 0.3;
            const got = scorer.evaluate(seq);
            expect(got.score).toBe(expected);
            expect(got.diversificationScore).toBe(results[5]?.diversificationScore);
            expect(got.riskScore).toBe(results[5]?.riskScore);
          }
        }),
        { seed: 42, numRuns: 60 },
      );
    });

    it('detail breakdowns carry the score the fast path computed', () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const setup = { settings: settings({ costPenaltyFactor: 0.1 }), compat: c.compat, rng: noRandom };
          const scorer = singleObjective.prepare(c.ctx, setup, {});
          for (const seq of c.sequences) {
            const got = scorer.evaluate(seq, true);
            const mo = got.breakdown?.multi_objective as Record<string, number>;
            expect(mo.end_score).toBe(pyRound(got.score, 3));
            expect(mo.diversification_score).toBe(got.diversificationScore);
            expect(mo.risk_score).toBe(got.riskScore);
            expect(mo.transaction_cost).toBe(got.transactionCost);
          }
        }),
        { seed: 42, numRuns: 100 },
      );
    });

    // The detailed mode builds the breakdown from the fast run; it must be the
    // straightforward path's object, key order included (plans print it).
    const sameBreakdown = (fast: unknown, slow: unknown) => {
      expect(fast).toEqual(slow);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
    };

    it('single objective detail breakdown = the straightforward breakdown', () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const setup = {
            settings: settings({ enableMultiTimeframe: c.multiTimeframe, costPenaltyFactor: c.costPenaltyFactor }),
            compat: c.compat,
            rng: noRandom,
          };
          const scorer = singleObjective.prepare(c.ctx, setup, {});
          const inputs = scoringInputs(c.ctx, setup);
          for (const seq of c.sequences) {
            sameBreakdown(scorer.evaluate(seq, true).breakdown, evaluateStraightforward(c.ctx, inputs, seq).breakdown);
          }
        }),
        { seed: 42, numRuns: 200 },
      );
    });

    it('stochastic detail breakdown = the straightforward breakdown of the unshifted scenario', () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const setup = {
            settings: settings({ enableMultiTimeframe: c.multiTimeframe, costPenaltyFactor: c.costPenaltyFactor }),
            compat: c.compat,
            rng: noRandom,
          };
          const scorer = stochastic.prepare(c.ctx, setup, stochastic.params.parse({}));
          const inputs = scoringInputs(c.ctx, setup);
          for (const seq of c.sequences) {
            const got = scorer.evaluate(seq, true).breakdown ?? {};
            const { stochastic: block, ...rest } = got;
            expect(block).toBeDefined();
            sameBreakdown(rest, evaluateStraightforward(c.ctx, inputs, seq, shiftAdjustments(seq, 0)).breakdown);
          }
        }),
        { seed: 42, numRuns: 100 },
      );
    });

    it('Monte Carlo detail breakdown = the straightforward breakdown of the middle path', () => {
      fc.assert(
        fc.property(caseArb, fc.integer({ min: 0, max: 1000 }), (c, seed) => {
          const s = settings({ monteCarloPathCount: 10, enableMultiTimeframe: c.multiTimeframe, seed });
          const scorer = monteCarlo.prepare(c.ctx, { settings: s, compat: c.compat, rng: createPythonRandom(seed) }, {});
          const inputs = scoringInputs(c.ctx, { settings: s, compat: c.compat });
          for (const seq of c.sequences) {
            const rng = sequenceRandom(seed, seq);
            const symbols = [...new Set(seq.map((a) => a.symbol))];
            let middle = new Map<string, number>();
            for (let p = 0; p < 10; p++) {
              const adj = new Map<string, number>();
              for (const sym of symbols) {
                const m = inputs.metrics.get(sym);
                const vol = Math.max(0.1, Math.min(1.0, m === undefined ? 0.2 : (m.volatilityAnnual ?? 0.2)));
                adj.set(sym, Math.max(0.5, Math.min(2.0, Math.exp((vol / Math.sqrt(252)) * rng.gauss(0, 1)))));
              }
              if (p === 5) middle = adj;
            }
            const { monte_carlo: block, ...rest } = scorer.evaluate(seq, true).breakdown ?? {};
            expect(block).toBeDefined();
            sameBreakdown(rest, evaluateStraightforward(c.ctx, inputs, seq, middle).breakdown);
          }
        }),
        { seed: 42, numRuns: 60 },
      );
    });
  });

  describe(`scorers (${variant}) from prepared snapshot tables (Evaluator.prepareSnapshot)`, () => {
    const fields = (r: ReturnType<SequenceScorer['evaluate']>) => [r.score, r.diversificationScore, r.riskScore, r.transactionCost, r.breakdown];

    it('each evaluator gives what a fresh scorer gives, with two scorers of the same tables interleaved', () => {
      fc.assert(
        fc.property(caseArb, fc.constantFrom(singleObjective, stochastic, monteCarlo), (c, evaluator) => {
          const s = settings({ monteCarloPathCount: 10, enableMultiTimeframe: c.multiTimeframe, costPenaltyFactor: c.costPenaltyFactor });
          const params = evaluator.params.parse({}) as never;
          const setup = { settings: s, compat: c.compat, rng: noRandom };
          const tables = evaluator.prepareSnapshot!(c.ctx, { settings: s, compat: c.compat }, params);
          const fresh = evaluator.prepare(c.ctx, setup, params);
          const a = evaluator.prepare(c.ctx, { ...setup, snapshotTables: tables }, params);
          const b = evaluator.prepare(c.ctx, { ...setup, snapshotTables: tables }, params);
          expect(a.currentScore()).toEqual(fresh.currentScore());
          for (const seq of c.sequences) {
            const want = fields(fresh.evaluate(seq, true));
            expect(fields(a.evaluate(seq, true))).toEqual(want);
            expect(fields(b.evaluate(seq, true))).toEqual(want);
          }
          // The tables were only read: a third scorer still starts from the snapshot.
          const c3 = evaluator.prepare(c.ctx, { ...setup, snapshotTables: tables }, params);
          for (const seq of [...c.sequences].reverse()) expect(fields(c3.evaluate(seq))).toEqual(fields(fresh.evaluate(seq)));
        }),
        { seed: 42, numRuns: 150 },
      );
    });

    it('tables of other scoring settings or another context are not used', () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const s = settings({ enableMultiTimeframe: c.multiTimeframe, costPenaltyFactor: c.costPenaltyFactor });
          const other = settings({ enableMultiTimeframe: !c.multiTimeframe, costPenaltyFactor: c.costPenaltyFactor === 0 ? 0.5 : 0 });
          const tables = singleObjective.prepareSnapshot!(c.ctx, { settings: other, compat: c.compat }, {});
          const foreign = singleObjective.prepareSnapshot!({ ...c.ctx }, { settings: s, compat: c.compat }, {});
          const fresh = singleObjective.prepare(c.ctx, { settings: s, compat: c.compat, rng: noRandom }, {});
          for (const t of [tables, foreign, { not: 'tables' }]) {
            const got = singleObjective.prepare(c.ctx, { settings: s, compat: c.compat, rng: noRandom, snapshotTables: t }, {});
            for (const seq of c.sequences) expect(fields(got.evaluate(seq, true))).toEqual(fields(fresh.evaluate(seq, true)));
          }
        }),
        { seed: 42, numRuns: 100 },
      );
    });
  });
}
