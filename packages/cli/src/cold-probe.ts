// One fresh process's first plan, phase by phase, for `planner bench --cold`:
//   node dist/bin/cold-probe.js SNAPSHOT [--preset NAME | --config FILE] [--seed N]
// prints one JSON line. `startMs` is Node's own start-up (process start to the
// probe's first line); `importMs` loads the planner (config, context, planner,
// the standard modules) as the command does, the code cache included (`codeCache`); `setupMs` reads and validates the snapshot and the
// configuration and creates the planner; `firstPlanMs` is the first plan.
import { parseArgs } from 'node:util';
import { loadMain } from './load-main.js';
import { tuneForOneShot } from './one-shot-tiering.js';

const startMs = performance.now();
/** CPU time of the process so far (ms, all threads): on a loaded machine it varies far less than wall time. */
const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const startCpuMs = cpu();
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { preset: { type: 'string' }, config: { type: 'string' }, seed: { type: 'string' } },
});
const t0 = performance.now();
const c0 = cpu();
const { main, cache } = await loadMain('plan'); // what `planner plan` loads (bin.ts)
tuneForOneShot(); // as `planner plan` does, after loading (bin.ts)
const { chooseConfig, createPlanner, parseSeed, readSnapshot, standardModules } = await main.loadColdCore();
const t1 = performance.now();
const c1 = cpu();
const snapshot = readSnapshot(positionals[0] ?? '-');
const modules = standardModules();
const config = chooseConfig(values, modules);
const planner = createPlanner({ config, modules });
const seed = parseSeed(values.seed);
const t2 = performance.now();
const c2 = cpu();
const options = seed === undefined ? {} : { seed };
const plan = await planner.plan(snapshot, options);
const t3 = performance.now();
const c3 = cpu();
await planner.plan(snapshot, options);
const t4 = performance.now();
process.stdout.write(`${JSON.stringify({
  startMs,
  importMs: t1 - t0,
  setupMs: t2 - t1,
  firstPlanMs: t3 - t2,
  secondPlanMs: t4 - t3,
  startCpuMs,
  importCpuMs: c1 - c0,
  setupCpuMs: c2 - c1,
  firstPlanCpuMs: c3 - c2,
  codeCache: cache,
  evaluated: plan.funnel.evaluated,
  steps: plan.steps.map((s) => `${s.side} ${s.symbol} ${s.quantity}`),
})}\n`);
