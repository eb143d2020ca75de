import { EVENT_LOOP_TURN_MS, yieldToEvents } from './event-loop-turns.js';
import {
  type GenerationInput, type GenerationResult, Generation, filterStage, finishDepths, generationResult, startDepths, walkDepths,
} from './generation.js';

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
  const depth = await g.recorder.stageAsync('generation', async () => {
    const walk = startDepths(g);
    let turnAt = walk.t + EVENT_LOOP_TURN_MS;
    // An abort set during a module call (by a module, or a handler it let run) counts before the next call.
    while (!walkDepths(g, gen, walk, (now) => now >= turnAt || signal.aborted)) {
      if (signal.aborted) return null;
      await yieldToEvents();
      if (signal.aborted) return null;
      // The pause is no module's time.
      walk.t = g.recorder.now();
      turnAt = walk.t + EVENT_LOOP_TURN_MS;
    }
    return finishDepths(g, gen, walk);
  }, (r) => r?.afterDedup ?? 0);
  if (depth === null || signal.aborted) return null;
  const sequences = g.recorder.stage('filters', () => filterStage(g, gen, depth.sequences), (r) => r.length, true);
  return signal.aborted ? null : generationResult(gen, depth, sequences);
}
