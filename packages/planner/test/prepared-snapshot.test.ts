import type { EvaluatorSetup, HealthScore, Plan, PlannerEvent } from '@planner/contracts';
import { defineEvaluator } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPlanner } from '../src/create-planner.js';
import { PreparedSnapshot } from '../src/prepared-snapshot.js';
import { allFakes, config, evaluatorParams, fakeBuys, fakeEach, fakeSells, snapshot } from './fixtures.js';

const withoutTimings = (p: Plan) => ({ ...p, timings: undefined });

/** An evaluator with per-snapshot tables: it records what each prepare received. */
function tablesEvaluator(seen: unknown[], built: { count: number }) {
  return defineEvaluator({
    name: 'single_objective',
    description: 'fake scorer with tables',
    params: evaluatorParams,
    prepareSnapshot: (ctx) => {
      built.count++;
      return Object.freeze({ cash: ctx.availableCashEur });
    },
    prepare: (ctx, setup: EvaluatorSetup) => {
      seen.push(setup.snapshotTables);
      return {
        currentScore: (): HealthScore => ({ diversification: 50, dividend: 50, quality: 50, total: 50 }),
        evaluate: (seq) => {
          let score = 0.5 + (setup.settings.seed % 7) / 1000;
          for (const a of seq) score += a.side === 'BUY' ? a.valueEur / 10000 : -a.valueEur / 20000;
          return { score, diversificationScore: 0.5, riskScore: 0.5, transactionCost: 1, breakdown: { cash: ctx.availableCashEur } };
        },
      };
    },
  });
}

describe('Planner.prepare + plan(prepared)', () => {
  it('gives the plan of the snapshot itself, for any seed, and shares one prepared snapshot across plans', async () => {
    const planner = createPlanner({ config: config(), modules: allFakes });
    const prepared = planner.prepare(snapshot());
    expect(prepared).toBeInstanceOf(PreparedSnapshot);
    expect(Object.isFrozen(prepared)).toBe(true);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (seed) => {
        const direct = await planner.plan(snapshot(), { seed });
        const fromPrepared = await planner.plan(prepared, { seed });
        expect(withoutTimings(fromPrepared)).toEqual(withoutTimings(direct));
        expect(fromPrepared.timings).not.toHaveProperty('context');
        expect(direct.timings).toHaveProperty('context');
      }),
      { seed: 42, numRuns: 30 },
    );
  });

  it('hands the evaluator its seed-free tables, built once per prepared snapshot', async () => {
    const seen: unknown[] = [];
    const built = { count: 0 };
    const planner = createPlanner({ config: config(), modules: [fakeBuys, fakeSells, fakeEach, tablesEvaluator(seen, built)] });
    const prepared = planner.prepare(snapshot());
    expect(built.count).toBe(1);
    const a = await planner.plan(prepared, { seed: 1 });
    const b = await planner.plan(prepared, { seed: 2 });
    const c = await planner.plan(snapshot(), { seed: 2 });
    expect(built.count).toBe(1);
    expect(seen[0]).toEqual({ cash: 1000 });
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBeUndefined();
    expect(withoutTimings(b)).toEqual(withoutTimings(c));
    expect(a.endStateScore).not.toBe(b.endStateScore);
  });

  it('skips the context stage events but keeps the others', async () => {
    const events: PlannerEvent[] = [];
    const planner = createPlanner({ config: config(), modules: allFakes, onEvent: (e) => events.push(e) });
    const prepared = planner.prepare(snapshot());
    await planner.plan(prepared);
    const stages = events.filter((e) => e.type === 'stage-started').map((e) => (e as { stage: string }).stage);
    expect(stages).not.toContain('context');
    expect(stages).toContain('opportunities');
    expect(stages).toContain('evaluation');
  });

  it('rejects a snapshot prepared by another planner, even one of the same configuration', async () => {
    const a = createPlanner({ config: config(), modules: allFakes });
    const b = createPlanner({ config: config(), modules: allFakes });
    const prepared = a.prepare(snapshot());
    await expect(b.plan(prepared)).rejects.toThrow(/prepared by another planner/);
    await expect(b.plan(b.prepare(prepared.snapshot))).resolves.toBeDefined();
  });
});
