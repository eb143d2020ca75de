import type { Plan, PlannerEventListener } from '@planner/contracts';
import type { SetupStep, ColdProbeOptions } from './cold-probe-options.js';
import type { MainModule } from './main-files.js';
import type { ColdTiming } from './bench/cold.js';

/**
 * What the probe does to the process, handed in: the entry (src/cold-probe.ts)
 * gives the real loader, V8 flags and clocks; a test gives its own, so the
 * probe's phases run in the test's process without changing its V8 flags.
 */
export interface ColdProbeDeps {
  /** Loads what `planner plan` loads (bin.ts): the built file with its code cache, or the sources. */
  readonly loadMain: () => Promise<{ main: MainModule; cache: string }>;
  /** As `planner plan` does after loading (launch.ts). */
  readonly tuneForOneShot: () => void;
  /** Turns TurboFan off; the listener turns it back on after `afterMs` (undefined: as `planner plan`). */
  readonly deferTurbofan: (afterMs: number | undefined) => PlannerEventListener;
  readonly setV8Flag: (flag: string) => void;
  /** Wall clock and the process's CPU time (all threads), ms. */
  readonly now: () => number;
  readonly cpu: () => number;
}

/**
 * One probe process's figures, printed as one JSON line (`planner bench --cold` takes their medians, bench/cold.ts):
 * a ColdTiming's fields before the medians and the whole-process runs, with the setup's steps and the plan's timings.
 */
export interface ColdProbeSample extends Omit<ColdTiming, 'processMs' | 'processes'> {
  /** The setup's steps: the snapshot read, the configuration, createPlanner. */
  readonly setupStepsCpuMs: { readonly snapshot: number; readonly config: number; readonly createPlanner: number };
  readonly timings?: Plan['timings'];
}

/** The probe's end: its figures, or where `--stop-after` stopped it (it prints nothing then). */
export type ColdProbeOutcome = { readonly stoppedAfter: 'setup' | 'first-plan' } | { readonly sample: ColdProbeSample };

/**
 * Runs `run`, inside `[0].findLastIndex(...)` when it is the setup step `--callgrind-setup-step`
 * chose: callgrind toggles its count on that builtin (tooling/setup-instructions.sh).
 */
export function setupStep<T>(name: SetupStep, chosen: SetupStep | undefined, run: () => T): T {
  if (name !== chosen) return run();
  let out: T | undefined;
  [0].findLastIndex(() => ((out = run()), true));
  return out as T;
}

/**
 * One fresh process's first plan, phase by phase (src/cold-probe.ts says what each figure is).
 * `start`: the wall clock and CPU time at the probe's first line (Node's own start-up).
 */
export async function runColdProbe(options: ColdProbeOptions, deps: ColdProbeDeps, start: { ms: number; cpuMs: number }): Promise<ColdProbeOutcome> {
  const { now, cpu } = deps;
  const t0 = now();
  const c0 = cpu();
  const { main, cache } = await deps.loadMain();
  deps.tuneForOneShot(); // as `planner plan` does, after loading (launch.ts)
  // The plan gets the listener that turns TurboFan back on, as `planner plan`'s does.
  const onEvent = deps.deferTurbofan(options.turbofanAfterMs);
  for (const flag of options.v8Flags) deps.setV8Flag(flag);
  const { chooseConfig, commandModules, createPlanner, parseSeed, readSnapshot, standardModules } = await main.loadColdCore();
  const t1 = now();
  const c1 = cpu();
  const standard = standardModules();
  // The plugins of `--plugin` and of the configuration file, as `planner plan` loads them before its action (src/program-run.ts).
  const tp = now();
  const cp = cpu();
  const { modules, configFiles } = await commandModules(options.argv, standard);
  const pluginsMs = now() - tp;
  const pluginsCpuMs = cpu() - cp;
  const cSnapshot0 = cpu();
  const snapshot = setupStep('snapshot', options.setupStep, () => readSnapshot(options.snapshot));
  const cSnapshot = cpu();
  const config = setupStep('config', options.setupStep, () => chooseConfig(options, modules, configFiles));
  const cConfig = cpu();
  const planner = setupStep('create-planner', options.setupStep, () => createPlanner({ config, modules, onEvent }));
  const seed = parseSeed(options.seed);
  const t2 = now();
  const c2 = cpu();
  const planOptions = seed === undefined ? {} : { seed };
  if (options.stopAfter === 'setup') return { stoppedAfter: 'setup' };
  let pending: ReturnType<typeof planner.plan> | undefined;
  // callgrind counts the first plan alone by toggling on this builtin (tooling/first-plan-instructions.sh).
  if (options.callgrindWrapper) [0].findLast(() => ((pending = planner.plan(snapshot, planOptions)), true));
  const plan = await (pending ?? planner.plan(snapshot, planOptions));
  const t3 = now();
  if (options.stopAfter === 'first-plan') return { stoppedAfter: 'first-plan' };
  const c3 = cpu();
  await planner.plan(snapshot, planOptions);
  const t4 = now();
  return {
    sample: {
      startMs: start.ms,
      importMs: t1 - t0,
      setupMs: t2 - t1 - pluginsMs,
      pluginsMs,
      firstPlanMs: t3 - t2,
      secondPlanMs: t4 - t3,
      startCpuMs: start.cpuMs,
      importCpuMs: c1 - c0,
      setupCpuMs: c2 - c1 - pluginsCpuMs,
      pluginsCpuMs,
      setupStepsCpuMs: { snapshot: cSnapshot - cSnapshot0, config: cConfig - cSnapshot, createPlanner: c2 - cConfig },
      firstPlanCpuMs: c3 - c2,
      codeCache: cache,
      evaluated: plan.funnel.evaluated,
      steps: plan.steps.map((s) => `${s.side} ${s.symbol} ${s.quantity}`),
      ...(options.timings ? { timings: plan.timings } : {}),
    },
  };
}
