import { ConfigError, StoreError } from '@planner/contracts';
import type {
  Diagnostic, IncrementalStore, Plan, PlannerConfig, PlannerEvent, PlannerEventListener, PortfolioSnapshot, Sequence,
  StoredResult, StoredSequence, StoreProgress, WorkKey,
} from '@planner/contracts';
import { hashSequence, pyFixed } from '@planner/context';
import { NO_BENEFICIAL_ACTIONS_TEXT, type PlanFrame, assemblePlan, emptyPlan } from './assemble-plan.js';
import { runBeamSearch } from './beam-search.js';
import { FAILED_EVALUATION_SCORE, UNEXECUTABLE_SCORE, evaluateStoredUntil } from './batch-evaluator.js';
import { checkSequence } from './plan-check.js';
import type { ModuleSet } from './module-set.js';
import { candidateListUntil } from './generation-until.js';
import { type PreparedRun, candidateList, checked, finishPlan, prepareRun } from './plan-run.js';
import { RunRecorder } from './run-recorder.js';
import type { ScoredSequence } from './scored-sequence.js';
import { type WorkData, type WorkFunnel, decodeWorkData, encodeWorkData } from './work-data.js';
import { workKey } from './work-key.js';

export interface IncrementalOptions {
  /** Where the bucket's work lives (`@planner/store`: memory, sqlite, postgres). */
  readonly store: IncrementalStore;
  readonly bucket: string;
  /** Sequences per batch; default 100. */
  readonly batchSize?: number;
  /**
   * Stops the run within a few evaluations: the evaluated part of the batch in
   * hand is recorded, the rest is left to the store to hand out again; the next call resumes.
   */
  readonly signal?: AbortSignal;
  /** Overrides `config.planner.seed` (part of the work key). */
  readonly seed?: number;
  /**
   * TOML that rebuilds this planner's configuration (`serializeConfig`),
   * stored with the work so a worker on another machine can rebuild the scorer.
   */
  readonly configText?: string;
  /** Evaluate batches in this call (default true); false stores the work and leaves the batches to workers. */
  readonly evaluate?: boolean;
  /** When every remaining batch is held by another process: wait for it (default true) or return `pending`. */
  readonly wait?: boolean;
  /** Wait between looks at the progress while others evaluate, ms; default 200. */
  readonly pollIntervalMs?: number;
  /** Listener of this call, besides the planner's own. */
  readonly onEvent?: PlannerEventListener;
}

export interface IncrementalResult {
  /** `finished`: every sequence has a result and `plan` is set; `stopped`: aborted; `pending`: others hold the rest. */
  readonly status: 'finished' | 'stopped' | 'pending';
  /** Equal to `plan()` on the same input (apart from timings) once finished; null otherwise. */
  readonly plan: Plan | null;
  readonly key: WorkKey;
  readonly progress: StoreProgress;
  /** Sequences this call evaluated. */
  readonly evaluated: number;
  /** This call generated and stored the work (a fresh start). */
  readonly generated: boolean;
}

export interface IncrementalRunOptions {
  readonly strict: boolean;
  readonly onEvent?: PlannerEventListener;
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * pipeline.md §6.4 in the modular shape: generate and store the sequences
 * once, evaluate them batch by batch (any process, any order), and once all
 * have results replay the beam search over them in evaluation order, so the
 * plan is the one `plan()` gives.
 */
export async function runIncremental(
  snapshot: PortfolioSnapshot,
  config: PlannerConfig,
  modules: ModuleSet,
  options: IncrementalRunOptions,
  inc: IncrementalOptions,
): Promise<IncrementalResult> {
  const { store, bucket, signal } = inc;
  const batchSize = inc.batchSize ?? 100;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new ConfigError([{ path: 'batchSize', message: `expected a whole number >= 1, got ${String(batchSize)}` }]);
  }
  const listeners = [options.onEvent, inc.onEvent].filter((l): l is PlannerEventListener => l !== undefined);
  const emit: PlannerEventListener | undefined = listeners.length === 0 ? undefined : (e: PlannerEvent) => {
    for (const l of listeners) l(e);
  };
  const recorder = new RunRecorder(options.strict, emit, modules.timing);
  const t0 = recorder.now();
  const seed = inc.seed ?? config.planner.seed;
  const run = prepareRun(snapshot, config, modules, seed, recorder);
  const prepared = recorder.diagnostics.length;
  const key = workKey(bucket, snapshot, config, seed);

  let data: WorkData | null = null;
  let generated = false;
  if (!(await store.open(key)).hasSequences) {
    // A stop during the generation (which can take long at a large max_depth) stores nothing: the next call generates again.
    const list = signal === undefined ? candidateList(run) : await candidateListUntil(run, signal);
    if (list === null) return { status: 'stopped', plan: null, key, progress: await store.progress(key), evaluated: 0, generated: false };
    if (list.sequences.length === 0) {
      // Nothing to store: the next call generates again (as the reference does).
      const plan = finishPlan(run, list, null, 0);
      recorder.addTime('total', recorder.now() - t0);
      void recorder.timings; // the plan holds the record: bring it up to date
      return { status: 'finished', plan, key, progress: { total: 0, evaluated: 0, finished: true }, evaluated: 0, generated: true };
    }
    const g = list.generation;
    data = {
      snapshot,
      seed,
      config: inc.configText ?? null,
      funnel: { generated: g.generated, sequencesByModule: g.sequencesByModule, afterDedup: g.afterDedup, afterFilters: g.afterFilters, feasible: list.sequences.length },
      diagnostics: recorder.diagnostics.slice(prepared),
    };
    // The description first: a worker that sees a batch can always rebuild the scorer.
    await store.setWorkData(key, encodeWorkData(data));
    await store.put(key, storedSequences(list.sequences.toArray()));
    generated = true;
  }

  const doEvaluate = inc.evaluate ?? true;
  const wait = inc.wait ?? true;
  const pollMs = inc.pollIntervalMs ?? 200;
  let progress = await store.progress(key);
  const doneAtStart = progress.evaluated;
  const started = recorder.now();
  let evaluated = 0;
  let reported = -1;
  const report = async (): Promise<void> => {
    if (progress.evaluated === reported) return;
    reported = progress.evaluated;
    const best = await store.best(key);
    const seconds = (recorder.now() - started) / 1000;
    recorder.emit({
      type: 'batch-finished',
      bucket,
      done: progress.evaluated,
      total: progress.total,
      bestScore: best === null ? null : best.score * 100,
      rate: seconds > 0 ? (progress.evaluated - doneAtStart) / seconds : 0,
    });
  };
  const result = (status: 'stopped' | 'pending'): IncrementalResult => ({ status, plan: null, key, progress, evaluated, generated });

  while (!progress.finished) {
    // Lets signal handlers run between batches (and between a batch's evaluations, in evaluateStoredUntil).
    await tick();
    if (signal?.aborted) return result('stopped');
    const batch = doEvaluate ? await store.claimBatch(key, batchSize) : [];
    if (batch.length > 0) {
      // A stop cuts the batch short; what was evaluated is kept, the rest goes back with the store's close().
      const results = await evaluateStoredUntil(run, batch, signal);
      if (results.length > 0) await store.recordResults(key, results);
      evaluated += results.length;
      progress = await store.progress(key);
      await report();
      continue;
    }
    progress = await store.progress(key);
    if (progress.finished) break;
    if (progress.total === 0) {
      throw new StoreError(`the work of bucket '${bucket}' was replaced (its portfolio or configuration changed) while planning; run again`);
    }
    await report();
    if (!wait) return result('pending');
    await sleep(pollMs, signal);
  }
  await report();

  if (data === null) {
    const text = await store.workData(key);
    data = text === null ? null : decodeWorkData(text);
  }
  const plan = await assembleIncremental(run, key, store, data, recorder.diagnostics.slice(0, prepared), progress.total);
  recorder.addTime('total', recorder.now() - t0);
  void recorder.timings; // the plan holds the record: bring it up to date
  return { status: 'finished', plan, key, progress, evaluated, generated };
}

/** Stored form of the candidate list: index = evaluation order; the hash is unique within the work. */
function storedSequences(sequences: readonly Sequence[]): StoredSequence[] {
  const seen = new Set<string>();
  return sequences.map((sequence, index) => {
    let hash = hashSequence(sequence);
    // Two candidates with the same trades are still two places in the evaluation order.
    if (seen.has(hash)) hash = `${hash}#${index}`;
    seen.add(hash);
    return { index, hash, sequence };
  });
}

const PLACEHOLDER: Sequence = [];

/** Step 5 of §5.2 over stored results: the beam search replayed in evaluation order, then the plan. */
async function assembleIncremental(
  run: PreparedRun,
  key: WorkKey,
  store: IncrementalStore,
  data: WorkData | null,
  prepDiagnostics: readonly Diagnostic[],
  total: number,
): Promise<Plan> {
  const { recorder, config, current } = run;
  let funnel: WorkFunnel;
  let genDiagnostics: readonly Diagnostic[];
  if (data === null) {
    // Work stored without a description: the generation is deterministic, so run it again for its counts.
    const before = recorder.diagnostics.length;
    const list = candidateList(run);
    const g = list.generation;
    funnel = { generated: g.generated, sequencesByModule: g.sequencesByModule, afterDedup: g.afterDedup, afterFilters: g.afterFilters, feasible: list.sequences.length };
    genDiagnostics = recorder.diagnostics.slice(before);
  } else {
    funnel = data.funnel;
    genDiagnostics = data.diagnostics;
  }

  if (funnel.feasible !== total) {
    throw new StoreError(`the work of bucket '${key.bucket}' holds ${total} sequences, its description ${funnel.feasible}; run again`);
  }
  const results = await store.results(key);
  const byIndex: (StoredResult | undefined)[] = new Array(funnel.feasible);
  for (const r of results) byIndex[r.index] = r;
  for (let i = 0; i < byIndex.length; i++) {
    if (byIndex[i] === undefined) throw new StoreError(`the work of bucket '${key.bucket}' has no result for sequence ${i}; run again`);
  }
  const s = config.planner;
  // Places the executable profile skipped (plan check failed), in evaluation order.
  const dropped: number[] = [];
  const replay = () => {
    let failed = 0;
    function* stream(): Generator<ScoredSequence | null> {
      for (let index = 0; index < byIndex.length; index++) {
        const r = byIndex[index] as StoredResult;
        if (r.score === UNEXECUTABLE_SCORE) {
          dropped.push(index);
          yield null;
          continue;
        }
        if (r.score === FAILED_EVALUATION_SCORE) {
          failed++;
          yield null;
          continue;
        }
        // Only the winner's sequence is needed; it is read from the store afterwards.
        yield { index, sequence: PLACEHOLDER, result: r };
      }
    }
    let pulled = 0;
    const search = runBeamSearch(stream(), {
      beamWidth: s.beamWidth,
      multiObjective: s.enableMultiObjective,
      plateauNeverResets: config.compat.beamPlateauNeverResets,
      total: byIndex.length,
    }, (_, n) => {
      pulled = n;
    });
    return { search, pulled, failed };
  };
  const { search, pulled, failed } = replay();

  const diagnostics: Diagnostic[] = [...prepDiagnostics, ...genDiagnostics];
  if (dropped.length > 0) {
    // The same warning as plan()'s stream gives (evaluation order: the first dropped place first).
    const first = (await store.sequencesAt(key, [dropped[0]!]))[0];
    const message = first === undefined ? '?' : checkSequence(first.sequence, run.check).violations[0]?.message;
    diagnostics.push({ level: 'warning', message: `dropped ${dropped.length} sequence(s) that fail the plan check at true values (first: ${message})` });
  }
  if (failed > 0) {
    const { name } = run.modules.evaluator;
    diagnostics.push({ level: 'error', module: name, message: `module 'evaluator:${name}' failed on ${failed} of the sequences the search reached` });
  }
  const frame: PlanFrame = {
    current,
    currentScoreBreakdown: run.currentScoreBreakdown,
    availableCashEur: run.ctx.availableCashEur,
    funnel: { opportunities: run.opportunities.total, opportunitiesByModule: run.opportunities.byModule, ...funnel, evaluated: pulled },
    timings: recorder.timingRecord, // brought up to date when the run ends
    diagnostics,
    seed: run.seed,
    configName: s.name,
  };
  const winner = search.winner();
  const nothing = checkSequence([], run.check);
  if (winner === undefined) return emptyPlan(frame, NO_BENEFICIAL_ACTIONS_TEXT, nothing);
  const gain = winner.result.score * 100 - current.total;
  if (s.minImprovement > 0 && gain < s.minImprovement) {
    diagnostics.push({ level: 'warning', message: `best plan improves the score by ${pyFixed(gain, 2)} points, below min_improvement ${s.minImprovement}` });
    return emptyPlan(frame, NO_BENEFICIAL_ACTIONS_TEXT, nothing);
  }
  const stored = (await store.sequencesAt(key, [winner.index]))[0];
  const hash = (byIndex[winner.index] as StoredResult).hash;
  if (stored === undefined || stored.hash !== hash) {
    throw new StoreError(`the work of bucket '${key.bucket}' changed while the plan was assembled; run again`);
  }
  const { name, timingKey } = run.modules.evaluator;
  const mark = recorder.diagnostics.length;
  const detailed = recorder.call('evaluator', name, () => run.scorer.evaluate(stored.sequence, true), timingKey);
  diagnostics.push(...recorder.diagnostics.slice(mark));
  return assemblePlan(
    frame,
    { sequence: stored.sequence, score: winner.result.score, breakdown: detailed?.breakdown ?? {} },
    run.ctx.portfolio,
    run.opportunities.categories,
    checked(run, stored.sequence),
    run.modules.narrators,
  );
}
