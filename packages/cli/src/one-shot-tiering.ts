import { setFlagsFromString } from 'node:v8';
import { commandOf } from './command-line.js';

/**
 * A process that plans once (`planner plan`) exits before V8's optimizing
 * compiler pays off: on universe_30 aggressive, TurboFan compiling the hot
 * loops of the first plan (on background threads, OSR included) was about half
 * of that plan's CPU time (first plan 101 -> 53 ms CPU with a 7.5x larger
 * interrupt budget, the cold probe, medians of 4; see packages/cli/README.md
 * "Cold start"). A larger budget delays optimization instead of disabling it,
 * so a long plan still gets optimized code. Long-running commands (bench's warm
 * mode, batch, worker) keep V8's defaults.
 */
export function tuneForOneShot(): void {
  setFlagsFromString('--interrupt-budget=1000000');
}

/** Whether the command line runs a one-shot plan (`planner plan ...`, also after root options: `planner --plugin x plan ...`). */
export function isOneShotPlan(args: readonly string[]): boolean {
  return commandOf(args) === 'plan';
}
