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
import { parseArgs } from 'node:util';
import { loadMain } from './load-main.js';
import { deferTurbofan, tuneForOneShot } from './one-shot-tiering.js';

const startMs = performance.now();
/** CPU time of the process so far (ms, all threads): on a loaded machine it varies far less than wall time. */
const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const startCpuMs = cpu();
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    preset: { type: 'string' }, config: { type: 'string' }, seed: { type: 'string' }, plugin: { type: 'string', multiple: true },
    'v8-flag': { type: 'string', multiple: true }, timings: { type: 'boolean' },
    'stop-after': { type: 'string' }, 'callgrind-wrapper': { type: 'boolean' }, 'turbofan-after': { type: 'string' },
    'callgrind-setup-step': { type: 'string' },
  },
});
const setupStep = values['callgrind-setup-step'];
if (setupStep !== undefined && !['snapshot', 'config', 'create-planner'].includes(setupStep)) {
  throw new Error(`--callgrind-setup-step: expected 'snapshot', 'config' or 'create-planner', got '${setupStep}'`);
}
/** Runs one step of the setup, inside the callgrind toggle when it is the step asked for. */
const step = <T>(name: string, run: () => T): T => {
  if (name !== setupStep) return run();
  let out: T | undefined;
  [0].findLastIndex(() => ((out = run()), true));
  return out as T;
};
const stopAfter = values['stop-after'];
if (stopAfter !== undefined && stopAfter !== 'setup' && stopAfter !== 'first-plan') {
  throw new Error(`--stop-after: expected 'setup' or 'first-plan', got '${stopAfter}'`);
}
const turbofanAfter = values['turbofan-after'];
if (turbofanAfter !== undefined && !(Number(turbofanAfter) >= 0)) {
  throw new Error(`--turbofan-after: expected a number of ms >= 0, got '${turbofanAfter}'`);
}
const t0 = performance.now();
const c0 = cpu();
const { main, cache } = await loadMain('plan'); // what `planner plan` loads (bin.ts)
tuneForOneShot(); // as `planner plan` does, after loading (launch.ts)
// The plan gets the listener that turns TurboFan back on, as `planner plan`'s does.
const onEvent = deferTurbofan(turbofanAfter === undefined ? undefined : Number(turbofanAfter));
if (values['v8-flag'] !== undefined) {
  const { setFlagsFromString } = await import('node:v8');
  for (const flag of values['v8-flag']) setFlagsFromString(flag);
}
const { chooseConfig, commandModules, createPlanner, parseSeed, readSnapshot, standardModules } = await main.loadColdCore();
const t1 = performance.now();
const c1 = cpu();
const standard = standardModules();
// The plugins of `--plugin` and of the configuration file, as `planner plan` loads them before its action (src/program-run.ts).
const tp = performance.now();
const cp = cpu();
const { modules, configFiles } = await commandModules(process.argv.slice(2), standard);
const pluginsMs = performance.now() - tp;
const pluginsCpuMs = cpu() - cp;
const cSnapshot0 = cpu();
const snapshot = step('snapshot', () => readSnapshot(positionals[0] ?? '-'));
const cSnapshot = cpu();
const config = step('config', () => chooseConfig(values, modules, configFiles));
const cConfig = cpu();
const planner = step('create-planner', () => createPlanner({ config, modules, onEvent }));
const seed = parseSeed(values.seed);
const t2 = performance.now();
const c2 = cpu();
const options = seed === undefined ? {} : { seed };
if (stopAfter === 'setup') process.exit(0);
let pending: ReturnType<typeof planner.plan> | undefined;
if (values['callgrind-wrapper'] === true) [0].findLast(() => ((pending = planner.plan(snapshot, options)), true));
const plan = await (pending ?? planner.plan(snapshot, options));
const t3 = performance.now();
if (stopAfter === 'first-plan') process.exit(0);
const c3 = cpu();
await planner.plan(snapshot, options);
const t4 = performance.now();
process.stdout.write(`${JSON.stringify({
  startMs,
  importMs: t1 - t0,
  setupMs: t2 - t1 - pluginsMs,
  pluginsMs,
  firstPlanMs: t3 - t2,
  secondPlanMs: t4 - t3,
  startCpuMs,
  importCpuMs: c1 - c0,
  setupCpuMs: c2 - c1 - pluginsCpuMs,
  pluginsCpuMs,
  // the setup's steps: the snapshot read, the configuration, createPlanner
  setupStepsCpuMs: { snapshot: cSnapshot - cSnapshot0, config: cConfig - cSnapshot, createPlanner: c2 - cConfig },
  firstPlanCpuMs: c3 - c2,
  codeCache: cache,
  evaluated: plan.funnel.evaluated,
  steps: plan.steps.map((s) => `${s.side} ${s.symbol} ${s.quantity}`),
  ...(values.timings === true ? { timings: plan.timings } : {}),
})}\n`);
