import type { EvaluationResult, HealthScore, Sequence } from '@planner/contracts';
import { ModuleError, defineEvaluator } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { createPlanner } from '../src/create-planner.js';
import { config, evaluatorParams, fakeBuys, fakeEach, fakeSells, snapshot } from './fixtures.js';

interface Hooks {
  readonly prepareSnapshot?: () => unknown;
  readonly prepare?: () => void;
  readonly candidates?: () => void;
  /** The score of a sequence; the fake evaluator's formula when absent. */
  readonly score?: (seq: Sequence) => number | undefined;
}

/** The fixtures' fake scorer (0.5 + buys/10000 − sells/20000) with a failure injected where a hook says. */
function evaluator(hooks: Hooks) {
  return defineEvaluator({
    name: 'single_objective',
    description: 'fake scorer with injected failures',
    params: evaluatorParams,
    ...(hooks.prepareSnapshot ? { prepareSnapshot: hooks.prepareSnapshot } : {}),
    prepare: () => {
      hooks.prepare?.();
      return {
        currentScore: (): HealthScore => ({ diversification: 50, dividend: 50, quality: 50, total: 50 }),
        ...(hooks.candidates ? { candidates: hooks.candidates } : {}),
        evaluate: (seq: Sequence): EvaluationResult => {
          let score = 0.5;
          for (const a of seq) score += a.side === 'BUY' ? a.valueEur / 10000 : -a.valueEur / 20000;
          return { score: hooks.score?.(seq) ?? score, diversificationScore: 0.5, riskScore: 0.5, transactionCost: 2 };
        },
      };
    },
  });
}

const planner = (hooks: Hooks, strict = false) =>
  createPlanner({ config: config(), modules: [fakeBuys, fakeSells, fakeEach, evaluator(hooks)], strict });

async function failure(run: () => unknown): Promise<ModuleError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ModuleError);
    return error as ModuleError;
  }
  throw new Error('expected a ModuleError');
}

const boom = () => {
  throw new Error('no tables');
};

describe('evaluator failures', () => {
  it.each([
    ['prepare', { prepare: boom }],
    ['candidates (the whole list before the search)', { candidates: boom }],
  ])('a throw from %s is fatal even when not strict: a ModuleError naming the evaluator, its cause kept', async (_where, hooks) => {
    const error = await failure(() => planner(hooks).plan(snapshot()));
    expect([error.kind, error.module, error.message]).toEqual(['evaluator', 'single_objective', "evaluator 'single_objective' failed: no tables"]);
    expect((error.cause as Error).message).toBe('no tables');
  });

  it('a throw from prepareSnapshot is fatal at prepare(snapshot) as in plan', async () => {
    const error = await failure(() => planner({ prepareSnapshot: boom }).prepare(snapshot()));
    expect(error.message).toBe("evaluator 'single_objective' failed: no tables");
  });

  it('a ModuleError the evaluator throws itself (from a module it called) passes through as it is', async () => {
    const inner = new ModuleError('calculator', 'fake_buys', new Error('stale'));
    const rethrow = () => {
      throw inner;
    };
    for (const hooks of [{ prepare: rethrow }, { candidates: rethrow }, { prepareSnapshot: rethrow }]) {
      const p = planner(hooks);
      expect(await failure(() => ('prepareSnapshot' in hooks ? p.prepare(snapshot()) : p.plan(snapshot())))).toBe(inner);
    }
  });

  it('a non-finite score is a failed evaluation: the sequence is left out with an error diagnostic; strict rethrows', async () => {
    const withE = (seq: Sequence) => (seq.some((a) => a.symbol === 'E') ? Number.NaN : undefined);
    const best = await planner({}).plan(snapshot());
    expect(best.steps.map((s) => s.symbol)).toEqual(['D', 'E']);
    const plan = await planner({ score: withE }).plan(snapshot());
    expect(plan.steps.map((s) => s.symbol)).toEqual(['D']);
    expect(plan.diagnostics).toContainEqual({ level: 'error', module: 'single_objective', message: "evaluator 'single_objective' failed: non-finite score NaN" });
    const strict = await failure(() => planner({ score: withE }, true).plan(snapshot()));
    expect(strict.message).toBe("evaluator 'single_objective' failed: non-finite score NaN");
  });
});
