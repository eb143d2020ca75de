import type { PlannerStage, Sequence } from '@planner/contracts';
import { EVENT_LOOP_TURN_MS, yieldToEvents } from './event-loop-turns.js';
import {
  type GenerationInput, type GenerationResult, Generation, depthWalk, finishDepths, generateSequences,
} from './generation.js';
import { type CandidateList, type PreparedRun, candidateList, generationInput } from './plan-run.js';
import type { RunRecorder } from './run-recorder.js';

/** A stage whose body awaits: the stage's time includes the event-loop turns. Here, not in RunRecorder, so that a browser bundle of `plan()` leaves it out. */
async function awaitedStage<T>(recorder: RunRecorder, stage: PlannerStage, body: () => Promise<T>, count: (result: T) => number): Promise<T> {
  const t0 = recorder.begin(stage);
  const result = await body();
  recorder.end(stage, t0, count(result));
  return result;
}

/**
 * `generateSequences` for a run that can be stopped (`planIncremental`, the
 * `planner batch` command): between module calls of the depth loop it lets the
 * event loop run every EVENT_LOOP_TURN_MS, so that a SIGINT/SIGTERM handler can
 * abort `signal`, and once `signal` is aborted it returns null before the next
 * module call or stage. A module call is not cut short. The sequences never
 * depend on where it paused.
 */
export async function generateSequencesUntil(g: GenerationInput, signal: AbortSignal): Promise<GenerationResult | null> {
  const gen = new Generation(g);
  const depth = await awaitedStage(g.recorder, 'generation', async () => {
    const raw: Sequence[] = [];
    const walk = depthWalk(g, gen, raw);
    let turnAt = g.recorder.now() + EVENT_LOOP_TURN_MS;
    // An abort set during a module call (by a module, or a handler it let run) counts before the next call.
    while (!walk((now) => now >= turnAt || signal.aborted)) {
      if (signal.aborted) return null;
      await yieldToEvents();
      if (signal.aborted) return null;
      turnAt = g.recorder.now() + EVENT_LOOP_TURN_MS;
    }
    return finishDepths(g, gen, raw);
  }, (r) => r?.afterDedup ?? 0);
  if (depth === null || signal.aborted) return null;
  const generation = generateSequences(g, gen, depth);
  return signal.aborted ? null : generation;
}

/**
 * `candidateList` that lets the event loop run during the generation and
 * returns null once `signal` is aborted (before the next module call or stage).
 */
export async function candidateListUntil(run: PreparedRun, signal: AbortSignal): Promise<CandidateList | null> {
  const generation = await generateSequencesUntil(generationInput(run), signal);
  return generation === null ? null : candidateList(run, generation);
}
