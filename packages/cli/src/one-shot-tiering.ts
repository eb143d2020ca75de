import { setFlagsFromString } from 'node:v8';
import type { PlannerEventListener } from '@planner/contracts';
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

/**
 * How long (ms, wall clock, from `deferTurbofan`) a one-shot process runs
 * without TurboFan: the setup and a default-preset first plan on a quiet
 * machine (about 4 + 10 ms). With the 1M interrupt budget TurboFan compiles
 * nothing before that anyway (`--trace-opt`: no compile in universe_30
 * aggressive's whole first plan), so a long plan loses nothing it would have had.
 */
export const TURBOFAN_AFTER_MS = 20;

/**
 * Turns TurboFan off until the process has run `afterMs`; the returned
 * listener, given to the plan (`createPlanner({ onEvent })`), turns it back on
 * at the first planner event after that.
 *
 * Why off: V8 11.3 asks `TieringManager::ShouldOptimize` whether to optimize a
 * function every time one of its ICs changes state, and with TurboFan on that
 * check formats the function's name as a C string for `--turbo-filter`
 * (`SharedFunctionInfo::PassesFilter`). In a first plan every IC changes at
 * least once: 18 % of empty_nothing_to_do conservative's first-plan
 * instructions (7.66 -> 6.28 M with `--no-turbofan`), 14 % of the small
 * conservative cases and 2-5 % of the default and aggressive ones once the
 * listener's events are paid (packages/cli/README.md, "One-shot tiering").
 * With `--no-turbofan` the check stops before the name.
 *
 * Why back on: a plan of seconds needs optimized code (a large universe with
 * Monte Carlo paths: first plan CPU 488 -> 809 ms with TurboFan off throughout,
 * 506 -> 495 with this switch back).
 * Events come at every stage's start and end, every generation depth and every
 * evaluated sequence, so a long plan gets TurboFan back within one of those.
 * The process's own `planner plan` only: a second plan in the same process,
 * a server or a worker keeps V8's defaults.
 */
export function deferTurbofan(afterMs = TURBOFAN_AFTER_MS, clock: { now(): number } = performance): PlannerEventListener {
  setFlagsFromString('--no-turbofan');
  const until = clock.now() + afterMs;
  let deferred = true;
  return () => {
    if (deferred && clock.now() >= until) {
      deferred = false;
      setFlagsFromString('--turbofan');
    }
  };
}

/** Whether the command line runs a one-shot plan (`planner plan ...`, also after root options: `planner --plugin x plan ...`). */
export function isOneShotPlan(args: readonly string[]): boolean {
  return commandOf(args) === 'plan';
}

/** Node options that decide TurboFan themselves: the listener would turn it on against them. */
const TURBOFAN_CHOSEN = /^--(no-turbofan|no-opt|jitless|max-opt)(=|$)/;

/**
 * Whether the one-shot plan can hand its plan the listener of `deferTurbofan`:
 * one plan (not `--buckets`, which plans per bucket), and Node was not started
 * with its own choice about TurboFan (`node --no-turbofan`, `--jitless`, ...).
 */
export function defersTurbofan(args: readonly string[], execArgv: readonly string[] = process.execArgv): boolean {
  return isOneShotPlan(args) && !args.includes('--buckets') && !execArgv.some((flag) => TURBOFAN_CHOSEN.test(flag.replaceAll('_', '-')));
}
