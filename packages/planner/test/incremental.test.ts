import type { Plan, PlannerEvent, Sequence } from '@planner/contracts';
import { StoreError } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { createBatchEvaluator, FAILED_EVALUATION_SCORE } from '../src/batch-evaluator.js';
import { createIncrementalPlanner } from '../src/incremental-planner.js';
import { decodeWorkData } from '../src/work-data.js';
import { allFakes, config, definePattern, defineSequenceGenerator, fakeBuys, fakeEach, fakeEvaluator, fakeSells, snapshot } from './fixtures.js';
import { z } from 'zod';
import { TestStore } from './work-store.js';

const withoutTimings = (p: Plan | null) => (p === null ? null : { ...p, timings: undefined });

// Deep sequences: every subset order of the five candidates up to depth 3, so there are many batches.
const cfg = () => config({ planner: { maxDepth: 3, beamWidth: 3 } });

async function untilFinished(run: () => Promise<{ status: string; plan: Plan | null }>) {
  for (let i = 0; i < 1000; i++) {
    const r = await run();
    if (r.status === 'finished') return { ...r, calls: i + 1 };
  }
  throw new Error('never finished');
}

describe('planIncremental', () => {
  it('stores the sequences once, evaluates them all, and finishes with the plan of plan()', async () => {
    const planner = createIncrementalPlanner({ config: cfg(), modules: allFakes });
    const store = new TestStore();
    const events: PlannerEvent[] = [];
    const r = await planner.planIncremental(snapshot(), { store, bucket: 'core', batchSize: 2, onEvent: (e) => events.push(e) });
    expect(r.status).toBe('finished');
    expect(r.generated).toBe(true);
    expect(r.evaluated).toBe(store.sequences.length);
    expect(r.progress).toEqual({ total: store.sequences.length, evaluated: store.sequences.length, finished: true });
    expect(withoutTimings(r.plan)).toEqual(withoutTimings(await planner.plan(snapshot())));
    const batches = events.filter((e) => e.type === 'batch-finished');
    expect(batches.length).toBe(Math.ceil(store.sequences.length / 2));
    expect(batches.at(-1)).toMatchObject({ bucket: 'core', done: store.sequences.length, total: store.sequences.length });
    const last = batches.at(-1);
    expect(last?.type === 'batch-finished' && last.bestScore).toBeCloseTo(r.plan!.endStateScore, 6);
    for (const b of batches) if (b.type === 'batch-finished') expect(b.rate).toBeGreaterThanOrEqual(0);
  });

  it('rejects a batch size that is not a whole number >= 1 before touching the store', async () => {
    const planner = createIncrementalPlanner({ config: cfg(), modules: allFakes });
    for (const batchSize of [Number.NaN, 0, -5, 0.5, Number.POSITIVE_INFINITY]) {
      const store = new TestStore();
      await expect(planner.planIncremental(snapshot(), { store, bucket: 'core', batchSize })).rejects.toThrow(/batchSize: expected a whole number >= 1/);
      expect(store.sequences).toHaveLength(0);
    }
  });

  it('stops on an abort between batches and resumes where it stopped', async () => {
    const planner = createIncrementalPlanner({ config: cfg(), modules: allFakes });
    const store = new TestStore();
    const ac = new AbortController();
    const first = await planner.planIncremental(snapshot(), {
      store, bucket: 'core', batchSize: 1, signal: ac.signal, onEvent: (e) => e.type === 'batch-finished' && e.done === 2 && ac.abort(),
    });
    expect(first).toMatchObject({ status: 'stopped', plan: null, evaluated: 2, generated: true });
    expect(store.done.size).toBe(2);
    const put = store.sequences.length;
    const second = await planner.planIncremental(snapshot(), { store, bucket: 'core', batchSize: 1 });
    expect(second.generated).toBe(false);
    expect(second.evaluated).toBe(put - 2);
    expect(store.sequences.length).toBe(put);
    expect(withoutTimings(second.plan)).toEqual(withoutTimings(await planner.plan(snapshot())));
  });

  it('an abort inside a batch stops within a few evaluations: their results are kept, the rest is evaluated on resume', async () => {
    let calls = 0;
    const ac = new AbortController();
    // The scorer itself aborts at its third evaluation (as a SIGINT arriving mid-batch would).
    const scorer = fakeEvaluator('single_objective', { fail: () => (++calls === 3 && ac.abort(), false) });
    // Every combination of up to three candidates: more sequences than a stop waits for.
    const combinations = definePattern({
      name: 'fake_each', description: 'combinations', params: z.object({ maxDepth: z.number().optional() }),
      generate: (opps) => {
        const all = Object.values(opps).flatMap((list) => list ?? []);
        const out: Sequence[] = [];
        const grow = (from: number, seq: Sequence): void => {
          if (seq.length > 0) out.push(seq);
          if (seq.length < 3) for (let i = from; i < all.length; i++) grow(i + 1, [...seq, all[i]!]);
        };
        grow(0, []);
        return out;
      },
    });
    const modules = [fakeBuys, fakeSells, combinations, scorer];
    const planner = createIncrementalPlanner({ config: cfg(), modules });
    const store = new TestStore();
    const first = await planner.planIncremental(snapshot(), { store, bucket: 'core', batchSize: 1000, signal: ac.signal });
    const total = store.sequences.length;
    expect(first).toMatchObject({ status: 'stopped', plan: null, generated: true });
    // One batch holds every sequence: a stop after the batch in hand would have evaluated them all.
    expect(first.evaluated).toBeGreaterThan(0);
    expect(first.evaluated).toBeLessThan(total);
    expect(store.done.size).toBe(first.evaluated);
    expect(first.progress).toEqual({ total, evaluated: first.evaluated, finished: false });
    const second = await planner.planIncremental(snapshot(), { store, bucket: 'core', batchSize: 1000, signal: new AbortController().signal });
    expect(second).toMatchObject({ status: 'finished', generated: false, evaluated: total - first.evaluated });
    expect(withoutTimings(second.plan)).toEqual(withoutTimings(await createIncrementalPlanner({ config: cfg(), modules: [fakeBuys, fakeSells, combinations, fakeEvaluator()] }).plan(snapshot())));
  });

  describe('a stop during the generation', () => {
    // Two patterns and a generator that note each call, at max_depth 3: nine module calls in a known order.
    /** `abortAt`: the first pattern at that depth aborts `ac` (at once, or from an event-loop callback); `slowFirst`: its first call takes longer than a turn (50 ms). */
    const setup = (abortAt?: { depth: number; ac: AbortController; later?: boolean }, slowFirst = false) => {
      const calls: string[] = [];
      const noting = (name: string) => definePattern({
        name, description: name, params: z.object({}),
        generate: (opps, _p, call) => {
          calls.push(`${name}@${call.maxDepth}`);
          if (slowFirst && calls.length === 1) for (const until = performance.now() + 60; performance.now() < until;) { /* a long module call */ }
          if (abortAt !== undefined && name === 'first' && call.maxDepth === abortAt.depth) {
            const ac = abortAt.ac;
            if (abortAt.later) setImmediate(() => ac.abort());
            else ac.abort();
          }
          return fakeEach.generate(opps, {}, call);
        },
      });
      const pairs = defineSequenceGenerator({
        name: 'pairs', description: 'pairs', params: z.object({}), stage: 'depth',
        generate: (input) => {
          calls.push(`pairs@${input.depth}`);
          const buys = input.opportunities.opportunity_buys ?? [];
          return buys.length > 1 ? [buys.slice(0, 2)] : [];
        },
      });
      const modules = [fakeBuys, fakeSells, noting('first'), noting('second'), pairs, fakeEvaluator()];
      const planner = createIncrementalPlanner({ config: config({ planner: { maxDepth: 3, beamWidth: 3 }, patterns: ['first', 'second'], generators: ['pairs'] }), modules });
      return { calls, planner };
    };
    const ALL = ['first@1', 'second@1', 'pairs@1', 'first@2', 'second@2', 'pairs@2', 'first@3', 'second@3', 'pairs@3'];

    it('a signal already aborted: no module call, nothing stored; the next call generates and finishes with the plan of plan()', async () => {
      const { calls, planner } = setup();
      const store = new TestStore();
      const ac = new AbortController();
      ac.abort();
      const r = await planner.planIncremental(snapshot(), { store, bucket: 'core', signal: ac.signal });
      expect(r).toMatchObject({ status: 'stopped', plan: null, generated: false, evaluated: 0, progress: { total: 0, evaluated: 0, finished: false } });
      expect(calls).toEqual([]);
      expect(store.sequences).toHaveLength(0);
      const again = await planner.planIncremental(snapshot(), { store, bucket: 'core', signal: new AbortController().signal });
      expect(again).toMatchObject({ status: 'finished', generated: true });
      expect(calls).toEqual(ALL);
      expect(withoutTimings(again.plan)).toEqual(withoutTimings(await planner.plan(snapshot())));
    });

    it('aborted by a module (as a SIGINT handler would be, between two calls): the generation stops before the next module call', async () => {
      const ac = new AbortController();
      const { calls, planner } = setup({ depth: 2, ac });
      const store = new TestStore();
      const events: PlannerEvent[] = [];
      const r = await planner.planIncremental(snapshot(), { store, bucket: 'core', signal: ac.signal, onEvent: (e) => events.push(e) });
      expect(r).toMatchObject({ status: 'stopped', plan: null, generated: false, evaluated: 0 });
      // first@2 aborted: neither second@2 nor anything after it ran, and nothing was stored
      expect(calls).toEqual(['first@1', 'second@1', 'pairs@1', 'first@2']);
      expect(store.sequences).toHaveLength(0);
      expect(events.some((e) => e.type === 'stage-started' && e.stage === 'filters')).toBe(false);
    });

    it('an abort from an event-loop callback (a SIGINT handler) is seen at the first pause: a long generation lets the loop run between module calls', async () => {
      const ac = new AbortController();
      // first@1 takes longer than a turn and schedules the abort as a callback, which runs only when the generation pauses
      const { calls, planner } = setup({ depth: 1, ac, later: true }, true);
      const store = new TestStore();
      const r = await planner.planIncremental(snapshot(), { store, bucket: 'core', signal: ac.signal });
      expect(r).toMatchObject({ status: 'stopped', generated: false });
      expect(calls).toEqual(['first@1']);
      expect(store.sequences).toHaveLength(0);
    });

    it('a pause without an abort goes on where it paused: every module once, the plan of plan()', async () => {
      const { calls, planner } = setup(undefined, true);
      const r = await planner.planIncremental(snapshot(), { store: new TestStore(), bucket: 'core', signal: new AbortController().signal });
      expect(r.status).toBe('finished');
      expect(calls).toEqual(ALL);
      expect(withoutTimings(r.plan)).toEqual(withoutTimings(await planner.plan(snapshot())));
    });

    it('without a stop the stoppable generation gives the same work and plan as the plain one', async () => {
      const { planner } = setup();
      const stoppable = new TestStore();
      const plain = new TestStore();
      const a = await planner.planIncremental(snapshot(), { store: stoppable, bucket: 'core', signal: new AbortController().signal });
      const b = await planner.planIncremental(snapshot(), { store: plain, bucket: 'core' });
      expect(stoppable.sequences).toEqual(plain.sequences);
      expect(a.plan?.funnel).toEqual(b.plan?.funnel);
      expect(withoutTimings(a.plan)).toEqual(withoutTimings(b.plan));
      expect(Object.keys(a.plan?.timings ?? {})).toEqual(Object.keys(b.plan?.timings ?? {}));
    });
  });

  it('a changed portfolio, configuration or seed starts afresh', async () => {
    const planner = createIncrementalPlanner({ config: cfg(), modules: allFakes });
    const store = new TestStore();
    const a = await planner.planIncremental(snapshot(), { store, bucket: 'core', wait: false });
    const again = await planner.planIncremental(snapshot(), { store, bucket: 'core' });
    expect(again.key).toEqual(a.key);
    expect(again.generated).toBe(false);
    const richer = { ...snapshot(), cash: new Map([['EUR', 5000]]) };
    const b = await planner.planIncremental(richer, { store, bucket: 'core' });
    expect(b.generated).toBe(true);
    expect(b.key.portfolioHash).not.toBe(a.key.portfolioHash);
    expect(b.key.configHash).toBe(a.key.configHash);
    expect(withoutTimings(b.plan)).toEqual(withoutTimings(await planner.plan(richer)));
    const seeded = await planner.planIncremental(richer, { store, bucket: 'core', seed: 12345 });
    expect(seeded.generated).toBe(true);
    expect(seeded.key.configHash).not.toBe(b.key.configHash);
    const other = createIncrementalPlanner({ config: config({ planner: { maxDepth: 2, beamWidth: 3 } }), modules: allFakes });
    const c = await other.planIncremental(richer, { store, bucket: 'core', seed: 12345 });
    expect(c.generated).toBe(true);
    expect(withoutTimings(c.plan)).toEqual(withoutTimings(await other.plan(richer, { seed: 12345 })));
  });

  it('snapshots that differ only in the order of their group keys do not share stored work', async () => {
    const planner = createIncrementalPlanner({ config: cfg(), modules: allFakes });
    const store = new TestStore();
    const groups = (names: readonly string[]) => {
      const s = snapshot();
      const weights = new Map(names.map((n) => [n, 0.5]));
      return { ...s, targets: { ...s.targets, countries: weights, countryGroups: new Map(names.map((n) => [n, ['Germany']])) } };
    };
    const euLast = await planner.planIncremental(groups(['US', 'EU']), { store, bucket: 'core' });
    const euFirst = await planner.planIncremental(groups(['EU', 'US']), { store, bucket: 'core' });
    expect(euFirst.generated).toBe(true);
    expect(euFirst.key.portfolioHash).not.toBe(euLast.key.portfolioHash);
    expect(euFirst.key.configHash).toBe(euLast.key.configHash);
    // the same order again resumes its own work
    expect((await planner.planIncremental(groups(['EU', 'US']), { store, bucket: 'core' })).generated).toBe(false);
  });

  it('with evaluate: false only stores the work; results from elsewhere (any order) finish it', async () => {
    const planner = createIncrementalPlanner({ config: cfg(), modules: allFakes });
    const store = new TestStore();
    const r = await planner.planIncremental(snapshot(), { store, bucket: 'core', evaluate: false, wait: false });
    expect(r).toMatchObject({ status: 'pending', evaluated: 0, generated: true });
    const data = decodeWorkData(store.data!);
    expect(data.snapshot).toEqual(snapshot());
    // A "worker": rebuilds the scorer from the stored description and evaluates the batches backwards.
    const worker = createBatchEvaluator({ snapshot: data.snapshot, config: cfg(), modules: allFakes, seed: data.seed });
    expect(worker.keyFor('core')).toEqual(r.key);
    for (const s of [...store.sequences].reverse()) await store.recordResults(r.key, worker.evaluate([s]));
    const done = await planner.planIncremental(snapshot(), { store, bucket: 'core', evaluate: false });
    expect(done.status).toBe('finished');
    expect(withoutTimings(done.plan)).toEqual(withoutTimings(await planner.plan(snapshot())));
  });

  it('waits for batches others hold, and stops waiting on abort', async () => {
    const planner = createIncrementalPlanner({ config: cfg(), modules: allFakes });
    const store = new TestStore();
    await planner.planIncremental(snapshot(), { store, bucket: 'core', evaluate: false, wait: false });
    const ac = new AbortController();
    const waiting = planner.planIncremental(snapshot(), { store, bucket: 'core', evaluate: false, signal: ac.signal, pollIntervalMs: 5 });
    setTimeout(() => ac.abort(), 30);
    expect((await waiting).status).toBe('stopped');
  });

  it('a failed evaluation is stored as failed, never blocks the work, and is skipped like in plan()', async () => {
    const failing = (s: Sequence) => s.length === 1 && s[0]!.symbol === 'D';
    const modules = [fakeBuys, fakeSells, fakeEach, fakeEvaluator('single_objective', { fail: failing })];
    const planner = createIncrementalPlanner({ config: cfg(), modules });
    const store = new TestStore();
    const r = await planner.planIncremental(snapshot(), { store, bucket: 'core', batchSize: 3 });
    expect([...store.done.values()].filter((x) => x.score === FAILED_EVALUATION_SCORE)).toHaveLength(1);
    const full = await planner.plan(snapshot());
    expect(r.plan!.steps).toEqual(full.steps);
    expect(r.plan!.endStateScore).toBe(full.endStateScore);
    expect(r.plan!.diagnostics.some((d) => d.level === 'error' && d.module === 'single_objective')).toBe(true);
  });

  it('work replaced by another caller while waiting is a StoreError, never a wrong plan', async () => {
    const planner = createIncrementalPlanner({ config: cfg(), modules: allFakes });
    const store = new TestStore();
    await planner.planIncremental(snapshot(), { store, bucket: 'core', evaluate: false, wait: false });
    const waiting = planner.planIncremental(snapshot(), { store, bucket: 'core', evaluate: false, pollIntervalMs: 5 });
    await new Promise((r) => setTimeout(r, 20));
    await store.open({ bucket: 'core', portfolioHash: 'other', configHash: 'other' });
    await expect(waiting).rejects.toThrow(StoreError);
  });

  it('nothing feasible: the empty plan of plan(), nothing stored', async () => {
    const planner = createIncrementalPlanner({ config: config({ calculators: [], planner: { beamWidth: 3 } }), modules: allFakes });
    const store = new TestStore();
    const r = await planner.planIncremental(snapshot(), { store, bucket: 'core' });
    expect(r.status).toBe('finished');
    expect(store.sequences).toEqual([]);
    expect(withoutTimings(r.plan)).toEqual(withoutTimings(await planner.plan(snapshot())));
  });
});
