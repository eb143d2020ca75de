import type {
  PlannerConfig, PlannerEventListener, PlannerModule, PortfolioSnapshot, StoredResult, StoredSequence, WorkKey,
} from '@planner/contracts';
import { EVENT_LOOP_TURN_MS, yieldToEvents } from './event-loop-turns.js';
import { resolveModules } from './module-set.js';
import { type PreparedRun, passesCheck, prepareRun } from './plan-run.js';
import { RunRecorder } from './run-recorder.js';
import { workKey } from './work-key.js';

/**
 * Stored score of a sequence whose evaluation threw: recorded so it never
 * blocks the work, and read back as a failed evaluation (the beam search
 * skips it, as `plan()` skips a failed evaluation).
 */
export const FAILED_EVALUATION_SCORE = -Number.MAX_VALUE;

/**
 * Stored score of a sequence the executable profile dropped because it fails
 * the plan check (issue 13): read back as a skipped place, as `plan()` skips it.
 */
export const UNEXECUTABLE_SCORE = -Number.MAX_VALUE / 2;

/** Where `evaluateStored` starts, and when it pauses (told each evaluation's end time; true: return the results so far). */
export interface EvaluateStoredRange {
  readonly from?: number;
  readonly pauseWhen?: (now: number) => boolean;
}

/** Evaluates stored sequences with the run's scorer; a throwing evaluation becomes a FAILED_EVALUATION_SCORE result. */
export function evaluateStored(run: PreparedRun, sequences: readonly StoredSequence[], range: EvaluateStoredRange = {}): StoredResult[] {
  const { scorer, recorder } = run;
  const { name, timingSlot } = run.modules.evaluator;
  const { pauseWhen } = range;
  const out: StoredResult[] = [];
  let t0 = recorder.now();
  const dropped = { count: 0 } as { count: number; first?: string };
  for (let i = range.from ?? 0; i < sequences.length; i++) {
    const s = sequences[i] as StoredSequence;
    let result: StoredResult;
    if (!passesCheck(run, s.sequence, dropped)) {
      out.push({ index: s.index, hash: s.hash, score: UNEXECUTABLE_SCORE, diversificationScore: 0, riskScore: 0, transactionCost: 0 });
      t0 = recorder.now();
      if (pauseWhen?.(t0)) break;
      continue;
    }
    try {
      const r = scorer.evaluate(s.sequence);
      if (!Number.isFinite(r.score)) throw new Error(`non-finite score ${r.score}`);
      result = {
        index: s.index, hash: s.hash, score: r.score,
        diversificationScore: r.diversificationScore, riskScore: r.riskScore, transactionCost: r.transactionCost,
      };
    } catch (error) {
      recorder.fail('evaluator', name, error);
      result = { index: s.index, hash: s.hash, score: FAILED_EVALUATION_SCORE, diversificationScore: 0, riskScore: 0, transactionCost: 0 };
    }
    // One timestamp per evaluation: each one's time runs from the previous one's end.
    const t1 = recorder.now();
    recorder.addSlot(timingSlot, t1 - t0);
    t0 = t1;
    out.push(result);
    if (pauseWhen?.(t1)) break;
  }
  return out;
}

/**
 * `evaluateStored`, cut short by `signal`: every EVENT_LOOP_TURN_MS it lets
 * the event loop run (so a SIGINT/SIGTERM handler can abort), and once
 * aborted it returns the results so far, a prefix of `sequences` in order.
 * Without a signal it is `evaluateStored`. The scores never depend on where it stops.
 */
export async function evaluateStoredUntil(run: PreparedRun, sequences: readonly StoredSequence[], signal?: AbortSignal): Promise<StoredResult[]> {
  if (!signal) return evaluateStored(run, sequences);
  const out: StoredResult[] = [];
  while (out.length < sequences.length && !signal.aborted) {
    const turnAt = run.recorder.now() + EVENT_LOOP_TURN_MS;
    // An abort set during an evaluation (by the scorer, or a handler it let run) counts at once.
    for (const r of evaluateStored(run, sequences, { from: out.length, pauseWhen: (now) => now >= turnAt || signal.aborted })) out.push(r);
    if (out.length < sequences.length) await yieldToEvents();
  }
  return out;
}

export interface BatchEvaluatorOptions {
  readonly snapshot: PortfolioSnapshot;
  readonly config: PlannerConfig;
  readonly modules: readonly PlannerModule[];
  readonly seed: number;
  readonly strict?: boolean;
  readonly onEvent?: PlannerEventListener;
}

export interface BatchEvaluator {
  /** The work key this evaluator's inputs hash to, for any bucket. */
  keyFor(bucket: string): WorkKey;
  evaluate(sequences: readonly StoredSequence[]): StoredResult[];
  /** `evaluate`, stopped early by `signal`: the results of a prefix of `sequences` (see `evaluateStoredUntil`). */
  evaluateUntil(sequences: readonly StoredSequence[], signal: AbortSignal): Promise<StoredResult[]>;
}

/**
 * The scorer of one piece of work, rebuilt from its inputs alone: what a
 * worker on any machine runs. Scores equal those of `plan()` for the same
 * snapshot, configuration and seed, whatever the order of the batches.
 */
export function createBatchEvaluator(options: BatchEvaluatorOptions): BatchEvaluator {
  const modules = resolveModules(options.config, options.modules);
  const recorder = new RunRecorder(options.strict ?? false, options.onEvent, modules.timing);
  const run = prepareRun(options.snapshot, options.config, modules, options.seed, recorder);
  return {
    keyFor: (bucket) => workKey(bucket, options.snapshot, options.config, options.seed),
    evaluate: (sequences) => evaluateStored(run, sequences),
    evaluateUntil: (sequences, signal) => evaluateStoredUntil(run, sequences, signal),
  };
}
