import type {
  OpportunitiesByCategory, PatternCall, Plan, PlannerEvent, PlannerSettings, Sequence, SequenceGeneratorInput,
} from '@planner/contracts';
import { ConfigError, ModuleError, defineCalculator } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPlanner } from '../src/create-planner.js';
import {
  allFakes, cand, config, defineFilter, definePattern, defineSequenceGenerator, fakeBuys, fakeEach, fakeEvaluator, fakeSells,
  on, snapshot, throwingCalculator,
} from './fixtures.js';

const withoutTimings = (p: Plan) => ({ ...p, timings: undefined });
const symbolsOf = (p: Plan) => p.steps.map((s) => `${s.side}:${s.symbol}`);

function hasNaN(v: unknown): boolean {
  if (typeof v === 'number') return Number.isNaN(v);
  if (Array.isArray(v)) return v.some(hasNaN);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasNaN);
  return false;
}

describe('createPlanner + plan: the full flow with fake modules', () => {
  it('plans the best sequence with scores, cash, narratives, breakdowns and funnel', async () => {
    const plan = await createPlanner({ config: config(), modules: allFakes }).plan(snapshot());
    expect(symbolsOf(plan)).toEqual(['BUY:D', 'BUY:E']);
    expect(plan.currentScore).toBe(50);
    expect(plan.endStateScore).toBe(57);
    expect(plan.improvement).toBe(7);
    expect(plan.cashRequired).toBe(700);
    expect(plan.cashGenerated).toBe(0);
    expect(plan.feasible).toBe(true);
    expect(plan.availableCashEur).toBe(1000);
    expect(plan.narrative).toBe(
      'This plan deploys available cash into high-quality opportunities. The plan consists of 2 action(s): • Buy €700 in D, E Expected portfolio improvement: +7.0 points (from 50.0 to 57.0).',
    );
    expect(plan.steps[0]).toMatchObject({
      stepNumber: 1, quantity: 1, price: 100, currency: 'EUR', valueEur: 400, reason: 'reason D', tags: ['opportunity'],
      isWindfall: false, isAveragingDown: false,
      narrative: 'Buy €400 of D Inc. (D) reason D. A fake buy.',
    });
    expect(plan.scoreBreakdown).toEqual({ fake: true, steps: 2 });
    expect(plan.currentBreakdown).toEqual({ diversification: 50, dividend: 50, quality: 50, total: 50 });
    expect(plan.funnel).toEqual({
      opportunities: 4,
      opportunitiesByModule: { fake_buys: 2, fake_sells: 2 },
      generated: 15,
      sequencesByModule: { fake_each: 15 },
      afterDedup: 5,
      afterFilters: 5,
      feasible: 5,
      evaluated: 5,
    });
    expect(plan.seed).toBe(7);
    expect(plan.configName).toBe('test');
    expect(plan.diagnostics).toEqual([]);
    for (const key of ['context', 'opportunities', 'generation', 'filters', 'feasibility', 'evaluation', 'plan', 'total']) {
      expect(plan.timings[key]).toBeGreaterThanOrEqual(0);
    }
    expect(plan.timings['pattern:fake_each']).toBeGreaterThanOrEqual(0);
    expect(hasNaN(plan)).toBe(false);
  });

  it('is deterministic: the same input gives the same plan apart from timings', async () => {
    const planner = createPlanner({ config: config(), modules: allFakes });
    const a = await planner.plan(snapshot());
    const b = await planner.plan(snapshot());
    expect(withoutTimings(b)).toEqual(withoutTimings(a));
  });

  it('takes the seed from the call, else from the configuration', async () => {
    const planner = createPlanner({ config: config(), modules: allFakes });
    expect((await planner.plan(snapshot(), { seed: 99 })).seed).toBe(99);
    expect((await planner.plan(snapshot())).seed).toBe(7);
  });

  it('rejects a seed that is not a whole number >= 0 with a ConfigError at path seed', async () => {
    const planner = createPlanner({ config: config(), modules: allFakes });
    for (const seed of [1.5, Number.NaN, Number.POSITIVE_INFINITY, -1, '7' as unknown as number]) {
      await expect(planner.plan(snapshot(), { seed })).rejects.toMatchObject({ code: 'PLANNER_CONFIG_INVALID', path: 'seed' });
    }
  });

  it('emits started/finished events for every stage in order', async () => {
    const events: PlannerEvent[] = [];
    await createPlanner({ config: config(), modules: allFakes, onEvent: (e) => events.push(e) }).plan(snapshot());
    const stages = events.filter((e) => e.type === 'stage-started' || e.type === 'stage-finished').map((e) => `${e.type}:${'stage' in e ? e.stage : ''}`);
    expect(stages).toEqual(
      ['context', 'opportunities', 'generation', 'filters', 'feasibility', 'evaluation', 'plan'].flatMap((s) => [`stage-started:${s}`, `stage-finished:${s}`]),
    );
    expect(events.filter((e) => e.type === 'stage-progress' && e.stage === 'generation').map((e) => 'done' in e && e.done)).toEqual([1, 2, 3]);
    expect(events.find((e) => e.type === 'stage-finished' && e.stage === 'evaluation')).toMatchObject({ count: 5 });
  });

  it('uses the Pareto beam when multi-objective is on', async () => {
    const plan = await createPlanner({ config: config({ planner: { enableMultiObjective: true } }), modules: allFakes }).plan(snapshot());
    expect(symbolsOf(plan)).toEqual(['BUY:D', 'BUY:E']);
  });

  it('looks up the evaluator the configuration names among its modules', async () => {
    const marked = (name: string) => {
      const base = fakeEvaluator(name);
      return { ...base, prepare: (...args: Parameters<typeof base.prepare>) => {
        const s = base.prepare(...args);
        return { currentScore: s.currentScore, evaluate: (q: Sequence, d?: boolean) => ({ ...s.evaluate(q, d), ...(d ? { breakdown: { by: name } } : {}) }) };
      } };
    };
    const modules = [fakeBuys, fakeSells, fakeEach, marked('single_objective'), marked('stochastic'), marked('monte_carlo')];
    const run = async (evaluator: string) =>
      (await createPlanner({ config: config({ evaluator }), modules }).plan(snapshot())).scoreBreakdown;
    expect(await run('single_objective')).toEqual({ by: 'single_objective' });
    expect(await run('stochastic')).toEqual({ by: 'stochastic' });
    expect(await run('monte_carlo')).toEqual({ by: 'monte_carlo' });
  });
});

describe('empty plans', () => {
  it('says the portfolio is well-balanced when no sequence survives the early filtering', async () => {
    const plan = await createPlanner({ config: config({ calculators: [] }), modules: allFakes }).plan(snapshot());
    expect(plan.steps).toEqual([]);
    expect(plan.narrative).toBe('Portfolio is well-balanced. No actions recommended at this time.');
    expect(plan.endStateScore).toBe(plan.currentScore);
    expect(plan.improvement).toBe(0);
    expect(plan.scoreBreakdown).toEqual({});
    expect([plan.cashRequired, plan.cashGenerated, plan.feasible]).toEqual([0, 0, true]);
    expect(plan.funnel.evaluated).toBe(0);
  });

  it('says no beneficial actions when the beam stays empty', async () => {
    const modules = [fakeBuys, fakeSells, fakeEach, fakeEvaluator('single_objective', { fail: () => true })];
    const plan = await createPlanner({ config: config(), modules }).plan(snapshot());
    expect(plan.steps).toEqual([]);
    expect(plan.narrative).toBe('No beneficial actions identified.');
    expect(plan.endStateScore).toBe(50);
    expect(plan.diagnostics).toEqual([{ level: 'error', module: 'single_objective', message: "evaluator 'single_objective' failed: cannot score" }]);
  });

  it('applies min_improvement only when set (display points)', async () => {
    const at = async (minImprovement: number) =>
      createPlanner({ config: config({ planner: { minImprovement } }), modules: allFakes }).plan(snapshot());
    expect((await at(0)).steps).toHaveLength(2);
    expect((await at(6.9)).steps).toHaveLength(2);
    const rejected = await at(7.1);
    expect(rejected.steps).toEqual([]);
    expect(rejected.narrative).toBe('No beneficial actions identified.');
    expect(rejected.diagnostics[0]?.level).toBe('warning');
  });
});

describe('failure isolation', () => {
  it('records a throwing calculator and plans without it; strict rethrows', async () => {
    const events: PlannerEvent[] = [];
    const cfg = config({ calculators: ['broken', 'fake_buys', 'fake_sells'] });
    const modules = [...allFakes, throwingCalculator];
    const plan = await createPlanner({ config: cfg, modules, onEvent: (e) => events.push(e) }).plan(snapshot());
    expect(symbolsOf(plan)).toEqual(['BUY:D', 'BUY:E']);
    expect(plan.diagnostics).toEqual([{ level: 'error', module: 'broken', message: "calculator 'broken' failed: boom" }]);
    expect(plan.funnel.opportunitiesByModule).toEqual({ broken: 0, fake_buys: 2, fake_sells: 2 });
    expect(events.filter((e) => e.type === 'module-failed')).toMatchObject([{ module: 'broken', kind: 'calculator' }]);
    await expect(createPlanner({ config: cfg, modules, strict: true }).plan(snapshot())).rejects.toBeInstanceOf(ModuleError);
  });

  it('a calculator routing to a category that does not exist fails alone; one with nothing to route is fine', async () => {
    const misrouted = defineCalculator({
      name: 'misrouted', description: '', params: z.object({}), category: 'moonshots' as never, calculate: () => [cand('D', 'BUY', 0.9)],
    });
    const quiet = defineCalculator({ name: 'quiet', description: '', params: z.object({}), category: 'moonshots' as never, calculate: () => [] });
    const cfg = config({ calculators: ['misrouted', 'quiet', 'fake_buys'] });
    const plan = await createPlanner({ config: cfg, modules: [...allFakes, misrouted, quiet] }).plan(snapshot());
    expect(plan.diagnostics).toEqual([{ level: 'error', module: 'misrouted', message: "calculator 'misrouted' failed: unknown opportunity category 'moonshots'" }]);
    expect(plan.funnel.opportunitiesByModule).toEqual({ misrouted: 0, quiet: 0, fake_buys: 2 });
  });

  it('passes sequences through a throwing filter and ignores a throwing pattern or generator', async () => {
    const badFilter = defineFilter({ name: 'bad_filter', description: '', params: z.object({}), filter: () => { throw new Error('f'); } });
    const badPattern = definePattern({ name: 'bad_pattern', description: '', params: z.object({}), generate: () => { throw new Error('p'); } });
    const badGen = defineSequenceGenerator({
      name: 'bad_gen', description: '', params: z.object({}), stage: 'depth',
      // Lazy: throws only when drained.
      *generate() { yield [cand('D', 'BUY', 1)]; throw new Error('g'); },
    });
    const cfg = config({ patterns: ['bad_pattern', 'fake_each'], generators: ['bad_gen'], filters: ['bad_filter'] });
    const plan = await createPlanner({ config: cfg, modules: [...allFakes, badFilter, badPattern, badGen] }).plan(snapshot());
    expect(symbolsOf(plan)).toEqual(['BUY:D', 'BUY:E']);
    expect(plan.diagnostics.map((d) => d.module)).toEqual(['bad_pattern', 'bad_gen', 'bad_filter']);
    expect(plan.funnel.afterFilters).toBe(5);
  });
});

describe('configuration checks', () => {
  it('names a missing module, a module of the wrong kind and a missing evaluator', () => {
    const err = (fn: () => unknown) => {
      try { fn(); } catch (e) { return e; }
      return undefined;
    };
    const missing = err(() => createPlanner({ config: config({ filters: ['nope'] }), modules: allFakes }));
    expect(missing).toBeInstanceOf(ConfigError);
    expect((missing as ConfigError).issues[0]?.path).toBe('filters.nope');
    const wrongKind = err(() => createPlanner({ config: config({ patterns: ['fake_buys'] }), modules: allFakes })) as ConfigError;
    expect(wrongKind.message).toContain("'fake_buys'");
    expect(wrongKind.message).toContain('only a calculator');
    const noEval = err(() => createPlanner({ config: config({ evaluator: 'monte_carlo' }), modules: allFakes })) as ConfigError;
    expect(noEval.message).toContain("evaluator 'monte_carlo'");
  });

  it('refuses two different modules of one kind under one name (the same module twice is fine)', () => {
    const impostor = defineCalculator({ ...fakeBuys, description: 'another fake_buys' });
    const err = (() => {
      try {
        createPlanner({ config: config(), modules: [...allFakes, impostor] });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).issues).toContainEqual({ path: 'fake_buys', message: "two different calculator modules are named 'fake_buys'" });
    expect(() => createPlanner({ config: config(), modules: [...allFakes, fakeBuys] })).not.toThrow();
  });

  it('ignores disabled modules and passes the params the configuration validated', async () => {
    const cfg = config({ calculators: [['fake_buys', on({ boost: 1 })], ['broken', { enabled: false, params: {} }]] });
    const plan = await createPlanner({ config: cfg, modules: allFakes }).plan(snapshot());
    expect(plan.funnel.opportunitiesByModule).toEqual({ fake_buys: 2 });
    expect(plan.diagnostics).toEqual([]);
  });
});

describe('how modules are driven', () => {
  it('routes candidates, sorts each category stably, caps per depth and passes per-depth maxDepth', async () => {
    const calls: { lists: OpportunitiesByCategory; call: PatternCall }[] = [];
    const once: { lists: OpportunitiesByCategory; call: PatternCall }[] = [];
    const spy = definePattern({
      name: 'spy', description: '', params: z.object({ maxDepth: z.number().optional() }),
      generate: (lists, _p, call) => { calls.push({ lists, call }); return []; },
    });
    // An unset maxDepth is no cap (the reference drives every depth up to the planner's).
    const defaults: number[] = [];
    const spyDefault = definePattern({
      name: 'spy_default', description: '', params: z.object({ maxDepth: z.number().optional() }),
      generate: (_lists, _p, call) => { defaults.push(call.maxDepth); return []; },
    });
    const spyOnce = definePattern({
      name: 'spy_once', description: '', params: z.object({}), stage: 'once',
      generate: (lists, _p, call) => { once.push({ lists, call }); return []; },
    });
    const unrouted = defineCalculator({
      name: 'unrouted', description: '', params: z.object({}),
      calculate: () => [cand('X', 'SELL', 0.7), cand('Y', 'BUY', 0.8)],
    });
    const cfg = config({
      planner: { maxOpportunitiesPerCategory: 1, enableDiverseSelection: false },
      calculators: ['fake_sells', 'unrouted', 'fake_buys'],
      patterns: [['spy', on({ maxDepth: 2 })], 'spy_default', 'spy_once'],
    });
    await createPlanner({ config: cfg, modules: [...allFakes, unrouted, spy, spyDefault, spyOnce] }).plan(snapshot());
    expect(calls.map((c) => c.call.maxDepth)).toEqual([1, 2, 2]);
    expect(defaults).toEqual([1, 2, 3]);
    expect(calls[0]!.call.availableCashEur).toBe(1000);
    expect(calls[0]!.lists.opportunity_buys?.map((c) => c.symbol)).toEqual(['Y']);
    expect(once).toHaveLength(1);
    expect(once[0]!.call.maxDepth).toBe(3);
    // Full lists: Y (0.8, unrouted) ties with D (0.8, fake_buys) and keeps calculator order.
    expect(once[0]!.lists.opportunity_buys?.map((c) => c.symbol)).toEqual(['Y', 'D', 'E']);
    expect(once[0]!.lists.rebalance_sells?.map((c) => c.symbol)).toEqual(['X', 'B']);
    expect(once[0]!.lists.profit_taking?.map((c) => c.symbol)).toEqual(['A']);
  });

  it('calls depth generators per depth and extend generators with the sequences so far, after the filters', async () => {
    const seen: string[] = [];
    const depthGen = defineSequenceGenerator({
      name: 'depth_gen', description: '', params: z.object({}), stage: 'depth',
      generate: (input: SequenceGeneratorInput) => {
        seen.push(`depth:${input.depth}:${input.sequences.length}:${input.securitiesBySymbol?.size}`);
        return input.depth === 2 ? [[cand('C', 'SELL', 0.9, { quantity: 2 }), cand('E', 'BUY', 0.9, { valueEur: 300 })]] : [];
      },
    });
    const dropSingles = defineFilter({
      name: 'drop_singles', description: '', params: z.object({}),
      filter: (seqs) => { seen.push(`filter:${seqs.length}`); return seqs.filter((s) => s.length > 1); },
    });
    const extend = defineSequenceGenerator({
      name: 'prefixes', description: '', params: z.object({}), stage: 'extend',
      generate: (input: SequenceGeneratorInput) => {
        seen.push(`extend:${input.depth}:${input.sequences.length}`);
        return input.sequences.map((s) => s.slice(0, 1));
      },
    });
    const cfg = config({ generators: ['depth_gen', 'prefixes'], filters: ['drop_singles'] });
    const plan = await createPlanner({ config: cfg, modules: [...allFakes, depthGen, dropSingles, extend] }).plan(snapshot());
    expect(seen).toEqual(['depth:1:0:5', 'depth:2:0:5', 'depth:3:0:5', 'filter:6', 'extend:3:2']);
    expect(plan.funnel).toMatchObject({ generated: 18, sequencesByModule: { fake_each: 15, depth_gen: 1, prefixes: 2 }, afterDedup: 6, afterFilters: 4 });
  });
});

describe('plan timings', () => {
  it('hold every stage and every module that ran, in first-use order, with module times within their stages', async () => {
    const plan = await createPlanner({ config: config(), modules: allFakes }).plan(snapshot(), { seed: 7 });
    expect(Object.keys(plan.timings)).toEqual([
      'context', 'calculator:fake_buys', 'calculator:fake_sells', 'opportunities', 'pattern:fake_each', 'generation', 'filters',
      'feasibility', 'evaluator:single_objective', 'evaluation', 'plan', 'total',
    ]);
    const t = plan.timings;
    expect(t['calculator:fake_buys']! + t['calculator:fake_sells']!).toBeLessThanOrEqual(t.opportunities!);
    expect(t['pattern:fake_each']).toBeLessThanOrEqual(t.generation!);
    expect(t.total).toBeGreaterThanOrEqual(t.context! + t.opportunities! + t.generation! + t.evaluation! + t.plan!);
  });
});
