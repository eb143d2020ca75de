import type { EvaluationResult, HealthScore, Plan, PlannerModule, Sequence } from '@planner/contracts';
import { ModuleError, defineEvaluator } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { createPlanner } from '../src/create-planner.js';
import { createIncrementalPlanner } from '../src/incremental-planner.js';
import { config, evaluatorParams, fakeBuys, fakeEach, fakeSells, snapshot } from './fixtures.js';
import { TestStore } from './work-store.js';

const withoutTimings = (p: Plan | null) => (p === null ? null : { ...p, timings: undefined });

interface Call { readonly steps: number; readonly detail: boolean; readonly afterCandidates: boolean }

/**
 * A scorer whose breakdown describes the end state it scored (cash left and
 * the symbols held), so the breakdown of the empty sequence is the current
 * portfolio's; it records each call.
 */
function describingEvaluator(calls: Call[], options: { failOnEmpty?: boolean } = {}) {
  return defineEvaluator({
    name: 'single_objective',
    description: 'describes the end state it scores',
    params: evaluatorParams,
    prepare: (ctx) => {
      let candidatesSeen = false;
      return {
        currentScore: (): HealthScore => ({ diversification: 50, dividend: 50, quality: 50, total: 50 }),
        candidates: () => { candidatesSeen = true; },
        evaluate: (seq: Sequence, detail?: boolean): EvaluationResult => {
          calls.push({ steps: seq.length, detail: detail === true, afterCandidates: candidatesSeen });
          if (options.failOnEmpty && seq.length === 0) throw new Error('nothing to score');
          let cash = ctx.availableCashEur;
          const held = new Set(ctx.portfolio.positions.keys());
          for (const a of seq) {
            cash += a.side === 'SELL' ? a.valueEur : -a.valueEur;
            if (a.side === 'BUY') held.add(a.symbol);
          }
          const score = 0.5 + (ctx.availableCashEur - cash) / 10000;
          const breakdown = { cash: { score: cash / 1000, weight: 0.5, contribution: cash / 2000 }, held: [...held].sort(), steps: seq.length };
          return { score, diversificationScore: 0.5, riskScore: 0.5, transactionCost: 0, ...(detail ? { breakdown } : {}) };
        },
      };
    },
  });
}

const CURRENT = { cash: { score: 1, weight: 0.5, contribution: 0.5 }, held: ['A', 'B', 'C'], steps: 0 };
const modulesWith = (calls: Call[], options: { failOnEmpty?: boolean } = {}): PlannerModule[] =>
  [fakeBuys, fakeSells, fakeEach, describingEvaluator(calls, options)];

describe('plan.currentScoreBreakdown: the current portfolio scored by the plan\'s evaluator', () => {
  it('is the detailed breakdown of the empty sequence, taken once, before the candidates are handed over', async () => {
    const calls: Call[] = [];
    const plan = await createPlanner({ config: config(), modules: modulesWith(calls) }).plan(snapshot());
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(plan.currentScoreBreakdown).toEqual(CURRENT);
    // The winner's breakdown comes from the same evaluator: the same component names, the end state's values.
    expect(Object.keys(plan.scoreBreakdown)).toEqual(Object.keys(CURRENT));
    expect(plan.scoreBreakdown).not.toEqual(CURRENT);
    const empty = calls.filter((c) => c.steps === 0);
    expect(empty).toEqual([{ steps: 0, detail: true, afterCandidates: false }]);
  });

  it('is there when the plan has no steps, whichever empty plan it is', async () => {
    const nothingFeasible = await createPlanner({ config: config({ calculators: [] }), modules: modulesWith([]) }).plan(snapshot());
    expect(nothingFeasible.narrative).toBe('Portfolio is well-balanced. No actions recommended at this time.');
    const belowMinimum = await createPlanner({ config: config({ planner: { minImprovement: 50 } }), modules: modulesWith([]) }).plan(snapshot());
    expect(belowMinimum.narrative).toBe('No beneficial actions identified.');
    for (const plan of [nothingFeasible, belowMinimum]) {
      expect(plan.steps).toEqual([]);
      expect(plan.scoreBreakdown).toEqual({});
      expect(plan.currentScoreBreakdown).toEqual(CURRENT);
    }
  });

  it('is the same from a prepared snapshot and from incremental planning, with or without steps', async () => {
    for (const cfg of [config({ planner: { maxDepth: 2, beamWidth: 3 } }), config({ calculators: [] })]) {
      const planner = createIncrementalPlanner({ config: cfg, modules: modulesWith([]) });
      const direct = await planner.plan(snapshot());
      const prepared = await planner.plan(planner.prepare(snapshot()));
      const incremental = await planner.planIncremental(snapshot(), { store: new TestStore(), bucket: 'core', batchSize: 2 });
      expect(direct.currentScoreBreakdown).toEqual(CURRENT);
      expect(withoutTimings(prepared)).toEqual(withoutTimings(direct));
      expect(withoutTimings(incremental.plan)).toEqual(withoutTimings(direct));
    }
  });

  it('is {} with an error diagnostic when the evaluator cannot score the current portfolio; strict rethrows', async () => {
    const plan = await createPlanner({ config: config(), modules: modulesWith([], { failOnEmpty: true }) }).plan(snapshot());
    expect(plan.currentScoreBreakdown).toEqual({});
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(plan.diagnostics).toEqual([{ level: 'error', module: 'single_objective', message: "evaluator 'single_objective' failed: nothing to score" }]);
    await expect(createPlanner({ config: config(), modules: modulesWith([], { failOnEmpty: true }), strict: true }).plan(snapshot()))
      .rejects.toBeInstanceOf(ModuleError);
  });
});
