// What `planner bench` runs, loaded by the command only when it runs.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pyFixed } from '@planner/context';
import type { Plan } from '@planner/contracts';
import { createPlanner } from '@planner/planner';
import { type ColdCase, type ColdTiming, timeCold } from './cold.js';
import { readReferenceTimings, referenceMs } from './reference-timings.js';
import { geometricMean } from './stats.js';
import { defaultScenarioDir, type SuiteCase, suiteCases } from './suite.js';
import { STABLE_RULE, contendedNote, sharePercent, timeWarm } from './warm.js';
import { type WarmCaseTiming, type WarmProcessesTiming, combineWarmProcesses, warmInChild } from './warm-child.js';
import type { Context } from '../context.js';
import { table } from '../table.js';
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

const ms = (n: number): string => pyFixed(n, n < 10 ? 2 : 1);
// Warm plans of the small cases take microseconds: four decimals under 1 ms.
const warmMs = (n: number): string => pyFixed(n, n < 1 ? 4 : n < 10 ? 2 : 1);
const ratio = (r: number | null): string => (r === null ? '-' : `${pyFixed(r, r < 10 ? 2 : 1)}x`);
const RULE_TEXT = `warm-up until the medians of the last ${STABLE_RULE.window} blocks (block k: >= ${STABLE_RULE.blockRuns}*2^k runs and ${STABLE_RULE.blockMs}*2^k ms) ` +
  `lie within ${STABLE_RULE.tolerance * 100}% (at most ${STABLE_RULE.maxMs / 1000} s)`;

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
  const where = !inChildren ? '' : warmProcesses === 1 ? ', in a process of its own' : `, median of ${warmProcesses} processes of their own`;
  const perProcess = (xs: readonly number[] | undefined): string => (xs === undefined || xs.length < 2 ? '' : ` (${xs.map((x) => pyFixed(x, 4)).join(', ')})`);
  const multi = inChildren ? (warm as WarmProcessesTiming) : undefined;
  ctx.io.out(
    `${file} (config ${name}): median ${pyFixed(warm.medianMs, 4)} ms${perProcess(multi?.medianMsPerProcess)}, p95 ${pyFixed(warm.p95Ms, 4)} ms over ${runs} runs ` +
      `after ${warm.warmupRuns} warm-up runs${warm.warmupStable ? '' : ' (median not yet stable)'}${where}; ${warm.sequencesEvaluated} sequences evaluated per run\n` +
      `prepared snapshot (plan of a snapshot prepared once, the reference's boundary): median ${pyFixed(warm.warmPreparedMs, 4)} ms${perProcess(multi?.warmPreparedMsPerProcess)}, ` +
      `p95 ${pyFixed(warm.warmPreparedP95Ms, 4)} ms after ${warm.warmPreparedWarmupRuns} warm-up runs${warm.warmPreparedStable ? '' : ' (median not yet stable)'}` +
      `${warm.preparedSamePlan ? '' : '; WARNING: a different plan than from the snapshot'}\n` +
      `CPU share of the timed runs (CPU time / wall time): ${sharePercent(warm.cpuShare)}, prepared ${sharePercent(warm.warmPreparedCpuShare)}\n`,
  );
  const contended = contendedNote([{ name: file, cpuShare: warm.cpuShare, warmPreparedCpuShare: warm.warmPreparedCpuShare }]);
  if (contended !== '') ctx.io.out(`${contended}\n`);
  if (cold) {
    ctx.io.out(
      `fresh process (median of ${processes}): node start ${ms(cold.startMs)} ms, import ${ms(cold.importMs)} ms, setup ${ms(cold.setupMs)} ms, ` +
        `first plan ${ms(cold.firstPlanMs)} ms, second ${ms(cold.secondPlanMs)} ms; whole \`planner plan\` process ${ms(cold.processMs)} ms; code cache ${cold.codeCache}\n` +
        `CPU time: start ${ms(cold.startCpuMs)} ms, import ${ms(cold.importCpuMs)} ms, setup ${ms(cold.setupCpuMs)} ms, first plan ${ms(cold.firstPlanCpuMs)} ms\n`,
    );
  }
}

interface SuiteRow extends WarmProcessesTiming {
  readonly scenario: string;
  readonly preset: string;
  readonly referenceWarmMs: number | null;
  readonly warmRatio: number | null;
  /** The reference's warm figure / `warmPreparedMs`: both exclude building the input. */
  readonly warmPreparedRatio: number | null;
  readonly cold?: Omit<ColdTiming, 'steps'> & { readonly referenceFirstCallMs: number | null; readonly firstPlanRatio: number | null; readonly samePlan: boolean };
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
  const ratios = (pick: (r: SuiteRow) => number | null | undefined) => rows.map(pick).filter((r): r is number => typeof r === 'number');
  // Ratios exist only for the cases REFERENCE_TIMINGS.md lists: none gives null ("-"), not 0 and Infinity.
  const geomean = (xs: number[]): number | null => (xs.length === 0 ? null : geometricMean(xs));
  const least = (xs: number[]): number | null => (xs.length === 0 ? null : Math.min(...xs));
  const summary = {
    warmRatioGeomean: geomean(ratios((r) => r.warmRatio)),
    warmRatioMin: least(ratios((r) => r.warmRatio)),
    warmPreparedRatioGeomean: geomean(ratios((r) => r.warmPreparedRatio)),
    warmPreparedRatioMin: least(ratios((r) => r.warmPreparedRatio)),
    ...(colds ? {
      firstPlanRatioGeomean: geomean(ratios((r) => r.cold?.firstPlanRatio)),
      firstPlanRatioMin: least(ratios((r) => r.cold?.firstPlanRatio)),
      setupMsMax: Math.max(...ratios((r) => r.cold?.setupMs)),
      processMsMedianMax: Math.max(...ratios((r) => r.cold?.processMs)),
    } : {}),
  };
  if (opts.json) {
    ctx.io.out(`${JSON.stringify({ cases: rows, summary, processes: colds ? processes : 0, warmProcesses, runs, warmupRule: STABLE_RULE, loadAverage: { before: loadBefore, after: loadAfter } }, null, 2)}\n`);
    return;
  }
  const header = [
    'scenario', 'preset', ...(colds ? ['import', 'setup', 'first plan', 'cpu', 'ref first', 'ratio', '2nd plan', 'process'] : []),
    'warm', ...(warmProcesses > 1 ? ['spread'] : []), 'warm-up runs', 'ref warm', 'ratio', 'warm prepared', 'ratio (ref boundary)',
  ];
  // Spread of a case's per-process medians: (max - min) / median.
  const spread = (xs: readonly number[], mid: number): string => `${pyFixed(((Math.max(...xs) - Math.min(...xs)) / mid) * 100, 0)}%`;
  const body = rows.map((r) => [
    r.scenario, r.preset,
    ...(r.cold ? [ms(r.cold.importMs), ms(r.cold.setupMs), ms(r.cold.firstPlanMs), ms(r.cold.firstPlanCpuMs), r.cold.referenceFirstCallMs === null ? '-' : ms(r.cold.referenceFirstCallMs), ratio(r.cold.firstPlanRatio), ms(r.cold.secondPlanMs), ms(r.cold.processMs)] : []),
    warmMs(r.medianMs), ...(warmProcesses > 1 ? [spread(r.medianMsPerProcess, r.medianMs)] : []),
    `${r.warmupRuns}${r.warmupStable ? '' : '*'}`, r.referenceWarmMs === null ? '-' : ms(r.referenceWarmMs), ratio(r.warmRatio),
    `${warmMs(r.warmPreparedMs)}${r.warmPreparedStable ? '' : '*'}`, ratio(r.warmPreparedRatio),
  ]);
  const right = new Set(header.map((_, i) => i).filter((i) => i >= 2));
  const lines = [
    table(header, body, right), '',
    `ms, medians. Warm: each case in ${warmProcesses === 1 ? 'a process of its own' : `${warmProcesses} processes of its own (the median of their medians; spread: (max - min) / median)`} (\`planner bench SNAPSHOT\`), ${runs} runs after a ${RULE_TEXT}; * = not stable. ` +
      'Ratio: the reference\'s time / ours (> 1: we are faster).',
    'Warm = plan(snapshot), building the context from the snapshot in every run; warm prepared = plan(prepared), the snapshot prepared once (Planner.prepare) ' +
      'outside the timed runs: the reference\'s boundary, whose warm figure excludes input construction (REFERENCE_TIMINGS.md).',
  ];
  if (colds) {
    lines.push(
      `Fresh processes: ${processes} per case, interleaved over the cases; import, setup (snapshot + config + createPlanner) and the first plan in a probe process, ` +
        `"cpu" = the first plan's CPU time (all threads), "process" = a whole \`planner plan --json\` process of the built CLI. Reference "first": its first call in a fresh process. ` +
          `Code cache: ${[...new Set(rows.map((r) => r.cold?.codeCache))].join(', ')}.`,
      `First plan: geometric mean ${ratio(summary.firstPlanRatioGeomean ?? null)}, worst ${ratio(summary.firstPlanRatioMin ?? null)} the reference's first call; ` +
        `setup at most ${ms(summary.setupMsMax ?? 0)} ms; whole process at most ${ms(summary.processMsMedianMax ?? 0)} ms.`,
    );
    const differing = rows.filter((r) => r.cold && !r.cold.samePlan).map((r) => `${r.scenario}/${r.preset}`);
    if (differing.length > 0) lines.push(`WARNING: the fresh process planned differently from this process: ${differing.join(', ')}`);
  }
  const contended = contendedNote(rows.map((r) => ({ name: `${r.scenario}/${r.preset}`, cpuShare: r.cpuShare, warmPreparedCpuShare: r.warmPreparedCpuShare })));
  if (contended !== '') lines.push(contended);
  const unlike = rows.filter((r) => !r.preparedSamePlan).map((r) => `${r.scenario}/${r.preset}`);
  if (unlike.length > 0) lines.push(`WARNING: plan(prepared) gave another plan than plan(snapshot): ${unlike.join(', ')}`);
  lines.push(
    `Warm: geometric mean ${ratio(summary.warmRatioGeomean)}, worst ${ratio(summary.warmRatioMin)} the reference's warm median; ` +
      `prepared (the reference's boundary): geometric mean ${ratio(summary.warmPreparedRatioGeomean)}, worst ${ratio(summary.warmPreparedRatioMin)}.`,
    `Load average (1, 5, 15 min): ${loadBefore.map((l) => pyFixed(l, 2)).join(' ')} before, ${loadAfter.map((l) => pyFixed(l, 2)).join(' ')} after.`,
  );
  ctx.io.out(`${lines.join('\n')}\n`);
}

