// What `planner bench` runs, loaded by the command only when it runs.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ConfigError, type Plan } from '@planner/contracts';
import { createPlanner } from '@planner/planner';
import { type ColdCase, timeCold } from './cold.js';
import { readReferenceTimings, referenceMs } from './reference-timings.js';
import { oneCaseText, type SuiteRow, suiteSummary, suiteText } from './report-text.js';
import { defaultScenarioDir, type SuiteCase, suiteCases } from './suite.js';
import { STABLE_RULE, timeWarm } from './warm.js';
import { type WarmCaseTiming, type WarmProcessesTiming, combineWarmProcesses, warmInChild } from './warm-child.js';
import type { Context } from '../context.js';
import { chooseConfig, parseSeed, readSnapshot } from '../io.js';
import type { RunOptions } from '../commands/plan.js';
import { parsePositive } from '../commands/store-options.js';

export interface BenchOptions extends RunOptions {
  readonly runs: string;
  readonly cold?: boolean;
  readonly processes: string;
  /** Warm processes per case (their medians' median); default 1. */
  readonly warmProcesses?: string;
  readonly scenarios?: string;
  readonly only?: string;
  /** The root command's `--plugin` specifiers, handed to the warm processes. */
  readonly plugin?: readonly string[];
}

/** A plan's deterministic content: everything but its timings (a prepared snapshot's have no `context` stage). */
const planContent = (plan: Plan): string => JSON.stringify({ ...plan, timings: null });

/**
 * A case's warm figures in this process: `plan(snapshot)` (medianMs, what a
 * caller with a new snapshot pays), then `plan(prepared)` with the snapshot
 * prepared once outside the timed loop (warmPreparedMs: the reference's
 * boundary, whose warm figure excludes building its input), each warmed up by
 * the same rule.
 */
async function warmCase(ctx: Context, c: ColdCase, runs: number): Promise<WarmCaseTiming> {
  const snapshot = readSnapshot(c.snapshot);
  const config = chooseConfig(c, ctx.modules);
  const planner = createPlanner({ config, modules: ctx.modules });
  const options = c.seed === undefined ? {} : { seed: c.seed };
  const plan = await planner.plan(snapshot, options);
  const timing = await timeWarm(() => planner.plan(snapshot, options), runs);
  const prepared = planner.prepare(snapshot);
  const preparedPlan = await planner.plan(prepared, options);
  const preparedTiming = await timeWarm(() => planner.plan(prepared, options), runs);
  return {
    ...timing,
    sequencesEvaluated: plan.funnel.evaluated,
    warmPreparedMs: preparedTiming.medianMs,
    warmPreparedP95Ms: preparedTiming.p95Ms,
    warmPreparedWarmupRuns: preparedTiming.warmupRuns,
    warmPreparedStable: preparedTiming.warmupStable,
    preparedSamePlan: planContent(preparedPlan) === planContent(plan),
    warmPreparedCpuShare: preparedTiming.cpuShare,
  };
}

/** One plan of a case in this process: its steps (`SIDE SYMBOL QTY`), to compare with a fresh process's. */
async function planSteps(ctx: Context, c: ColdCase): Promise<string[]> {
  const planner = createPlanner({ config: chooseConfig(c, ctx.modules), modules: ctx.modules });
  const plan = await planner.plan(readSnapshot(c.snapshot), c.seed === undefined ? {} : { seed: c.seed });
  return plan.steps.map((s) => `${s.side} ${s.symbol} ${s.quantity}`);
}

/** One snapshot: warm (and with --cold, fresh processes). */
export async function benchOne(ctx: Context, file: string, opts: BenchOptions, runs: number): Promise<void> {
  if (file === '-') {
    // The case is read again by each warm loop and each fresh process: standard input can be read only once.
    throw new ConfigError([{ path: '', message: 'bench: expected a snapshot file, found - (the bench reads the snapshot more than once, and in fresh processes)' }]);
  }
  const seed = parseSeed(opts.seed);
  const c: ColdCase = { snapshot: file, ...(opts.preset === undefined ? {} : { preset: opts.preset }), ...(opts.config === undefined ? {} : { config: opts.config }), ...(seed === undefined ? {} : { seed }) };
  const processes = parsePositive('--processes', opts.processes, 10);
  const warmProcesses = parsePositive('--warm-processes', opts.warmProcesses, 1);
  // Bad input is reported here (exit 2), not as a failed fresh process.
  readSnapshot(file);
  const name = chooseConfig(c, ctx.modules).planner.name;
  const cold = opts.cold ? timeCold([c], processes, undefined, opts.plugin)[0]! : undefined;
  // With --cold, warm in a process of its own: not in the one that spawned the fresh processes (warmInChild).
  const inChildren = cold !== undefined || warmProcesses > 1;
  const warm: WarmCaseTiming | WarmProcessesTiming = inChildren
    ? combineWarmProcesses(Array.from({ length: warmProcesses }, () => warmInChild(c, runs, opts.plugin)))
    : await warmCase(ctx, c, runs);
  if (opts.json) {
    const { steps: _s, ...coldFields } = cold ?? { steps: [] };
    ctx.io.out(`${JSON.stringify({ ...warm, ...coldFields })}\n`);
    return;
  }
  ctx.io.out(oneCaseText({ file, name, runs, warm, inChildren, warmProcesses, ...(cold === undefined ? {} : { cold }), processes }));
}

/** Every scenario × parity preset, with the reference's figures and our ratios. */
export async function benchSuite(ctx: Context, opts: BenchOptions, runs: number): Promise<void> {
  const dir = opts.scenarios ?? defaultScenarioDir();
  const cases: SuiteCase[] = suiteCases(dir, opts.only);
  const refs = readReferenceTimings(join(dir, 'REFERENCE_TIMINGS.md'));
  const loadBefore = loadavg();
  const processes = parsePositive('--processes', opts.processes, 10);
  const warmProcesses = parsePositive('--warm-processes', opts.warmProcesses, 1);
  const colds = opts.cold ? timeCold(cases, processes, (r) => ctx.io.err(`fresh processes: round ${r}/${processes}\n`), opts.plugin) : undefined;
  // Each case warm in processes of its own: its figure is `planner bench SNAPSHOT`'s, whatever ran before it (warmInChild).
  // Round by round over the cases, as the fresh processes, so that a change of the machine's load spreads over every case.
  const warmRuns: WarmCaseTiming[][] = cases.map(() => []);
  for (let round = 0; round < warmProcesses; round++) {
    cases.forEach((c, i) => warmRuns[i]!.push(warmInChild(c, runs, opts.plugin)));
    if (warmProcesses > 1) ctx.io.err(`warm processes: round ${round + 1}/${warmProcesses}\n`);
  }
  const rows: SuiteRow[] = [];
  for (const [i, c] of cases.entries()) {
    const warm = combineWarmProcesses(warmRuns[i]!);
    const refWarm = referenceMs(refs.warm, c.scenario, c.parity);
    const row: SuiteRow = {
      scenario: c.scenario, preset: c.parity, ...warm, referenceWarmMs: refWarm,
      warmRatio: refWarm === null ? null : refWarm / warm.medianMs,
      warmPreparedRatio: refWarm === null ? null : refWarm / warm.warmPreparedMs,
    };
    const cold = colds?.[i];
    if (cold) {
      const { steps: coldSteps, ...coldFields } = cold;
      const refFirst = referenceMs(refs.firstCall, c.scenario, c.parity);
      const steps = await planSteps(ctx, c);
      rows.push({ ...row, cold: { ...coldFields, referenceFirstCallMs: refFirst, firstPlanRatio: refFirst === null ? null : refFirst / cold.firstPlanMs, samePlan: coldSteps.join() === steps.join() } });
    } else rows.push(row);
  }
  const loadAfter = loadavg();
  const summary = suiteSummary(rows, colds !== undefined);
  if (opts.json) {
    ctx.io.out(`${JSON.stringify({ cases: rows, summary, processes: colds ? processes : 0, warmProcesses, runs, warmupRule: STABLE_RULE, loadAverage: { before: loadBefore, after: loadAfter } }, null, 2)}\n`);
    return;
  }
  ctx.io.out(suiteText({ rows, summary, withCold: colds !== undefined, processes, warmProcesses, runs, loadBefore, loadAfter }));
}

