// One fresh process's first plan, phase by phase, for `planner bench --cold`:
//   node dist/bin/cold-probe.js SNAPSHOT [--preset NAME | --config FILE] [--seed N] [--plugin X ...]
// Options for looking into the first plan (not used by the bench):
//   --v8-flag F (repeatable) sets a V8 flag after loading, as tuneForOneShot does
//   (a flag on Node's command line would make V8 reject the code cache);
//   --timings adds the first plan's `timings` record;
//   --turbofan-after MS: how long TurboFan stays off (default: as `planner plan`, one-shot-tiering.ts;
//   callgrind slows the process some 50 times, so a wall-clock switch comes that much earlier in a plan);
//   --stop-after setup|first-plan exits there; --callgrind-wrapper runs the first
//   plan inside `[0].findLast(...)`, so that
//   `valgrind --tool=callgrind --collect-atstart=no --toggle-collect=Builtins_ArrayPrototypeFindLast`
//   counts the first plan's instructions alone (tooling/first-plan-instructions.sh);
//   --callgrind-setup-step snapshot|config|create-planner runs that step of the setup
//   inside `[0].findLastIndex(...)` (toggle Builtins_ArrayPrototypeFindLastIndex;
//   tooling/setup-instructions.sh).
// prints one JSON line. `startMs` is Node's own start-up (process start to the
// probe's first line); `importMs` loads the planner (config, context, planner,
// the standard modules) as the command does, the code cache included (`codeCache`); `setupMs` reads and validates the snapshot and the
// configuration and creates the planner; `pluginsMs` (not in `setupMs`) looks for and loads the plugins of
// `--plugin` and of the configuration file's `plugins` (reading that file) as the command does before its action;
// `firstPlanMs` is the first plan.
// This file is the process's entry alone: the options and the phases are
// cold-probe-options.ts and cold-probe-run.ts, which the tests run in-process.
import { setFlagsFromString } from 'node:v8';
import { parseColdProbeOptions } from './cold-probe-options.js';
import { runColdProbe } from './cold-probe-run.js';
import { loadMain } from './load-main.js';
import { deferTurbofan, tuneForOneShot } from './one-shot-tiering.js';

const startMs = performance.now();
/** CPU time of the process so far (ms, all threads): on a loaded machine it varies far less than wall time. */
const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const startCpuMs = cpu();
let options;
try {
  options = parseColdProbeOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`cold-probe: ${(error as Error).message}\n`);
  process.exit(2);
}
const outcome = await runColdProbe(options, {
  loadMain: () => loadMain('plan'), // what `planner plan` loads (bin.ts)
  tuneForOneShot,
  deferTurbofan: (afterMs) => deferTurbofan(afterMs),
  setV8Flag: setFlagsFromString,
  now: () => performance.now(),
  cpu,
}, { ms: startMs, cpuMs: startCpuMs });
// --stop-after: the process ends there, whatever the plan left pending.
if ('stoppedAfter' in outcome) process.exit(0);
process.stdout.write(`${JSON.stringify(outcome.sample)}\n`);
