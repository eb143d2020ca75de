import { setFlagsFromString } from 'node:v8';
import { commandOf } from './command-line.js';

/**
 * A process that plans once (`planner plan`) exits before V8's optimizing
 * compiler pays off: on universe_30 aggressive, TurboFan compiling the hot
 * loops of the first plan (on background threads, OSR included) was about half
 * of that plan's CPU time (first plan 101 -> 53 ms CPU with a 7.5x larger
 * interrupt budget, the cold probe, medians of 4; see packages/cli/README.md
 * "Cold start"). A larger budget delays optimization instead of disabling it,
 * so a long plan still gets optimized code.
 *
 * Nor does Sparkplug pay off in a small plan: V8 compiles every function that got
 * a feedback vector to baseline code, in batches on the main thread, and a
 * small first plan runs hundreds of functions a few times each. Without it the
 * first plan took 2.8 instead of 5.0 ms CPU on empty_nothing_to_do conservative
 * and 3.3 instead of 5.3 on optimizer_target_weights conservative (one batch
 * compile, on entering buildContext, was 0.19 ms alone). Large plans pay a
 * little: their warm loops stay in the interpreter until TurboFan (aggressive
 * cases +4, -3, -2 ms in one round, +8, +16, +3 in another, medians of 9-11
 * on a loaded machine). The cold probe, medians of 7-11 interleaved
 * processes, packages/cli/README.md "Cold start". A second plan in the same
 * process would run in the interpreter until TurboFan: long-running commands
 * (bench's warm mode, batch, worker) keep V8's defaults.
 */
export function tuneForOneShot(): void {
  setFlagsFromString('--interrupt-budget=1000000');
  setFlagsFromString('--no-sparkplug');
}

/** Whether the command line runs a one-shot plan (`planner plan ...`, also after root options: `planner --plugin x plan ...`). */
export function isOneShotPlan(args: readonly string[]): boolean {
  return commandOf(args) === 'plan';
}
