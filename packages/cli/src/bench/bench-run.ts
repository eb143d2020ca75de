// What `planner bench` runs, loaded by the command only when it runs.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pyFixed } from '@planner/context';
import { createPlanner } from '@planner/planner';
import { type ColdCase, type ColdTiming, timeCold } from './cold.js';
import { readReferenceTimings, referenceMs } from './reference-timings.js';
import { geometricMean } from './stats.js';
import { defaultScenarioDir, type SuiteCase, suiteCases } from './suite.js';
import { STABLE_RULE, timeWarm, type WarmTiming } from './warm.js';
import { warmInChild } from './warm-child.js';
import type { Context } from '../context.js';
import { table } from '../table.js';
import { chooseConfig, parseSeed, readSnapshot } from '../io.js';
import type { RunOptions } from '../commands/plan.js';
import { parsePositive } from '../commands/store-options.js';

export interface BenchOptions extends RunOptions {
  readonly runs: string;
  readonly cold?: boolean;
  readonly processes: string;
  readonly scenarios?: string;
  readonly only?: string;
  /** The root command's `--plugin` specifiers, handed to the warm processes. */
  readonly plugin?: readonly string[];
}

const ms = (n: number): string => pyFixed(n, n < 10 ? 2 : 1);
const ratio = (r: number | null): string => (r === null ? '-' : `${pyFixed(r, r < 10 ? 2 : 1)}x`);
const RULE_TEXT = `warm-up until the medians of the last ${STABLE_RULE.window} blocks (block k: >= ${STABLE_RULE.blockRuns}*2^k runs and ${STABLE_RULE.blockMs}*2^k ms) ` +
  `lie within ${STABLE_RULE.tolerance * 100}% (at most ${STABLE_RULE.maxMs / 1000} s)`;

async function warmCase(ctx: Context, c: ColdCase, runs: number): Promise<WarmTiming & { sequencesEvaluated: number }> {
  const snapshot = readSnapshot(c.snapshot);
  const config = chooseConfig(c, ctx.modules);
  const planner = createPlanner({ config, modules: ctx.modules });
  const options = c.seed === undefined ? {} : { seed: c.seed };
  const plan = await planner.plan(snapshot, options);
  const timing = await timeWarm(() => planner.plan(snapshot, options), runs);
  return { ...timing, sequencesEvaluated: plan.funnel.evaluated };
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
  // Bad input is reported here (exit 2), not as a failed fresh process.
  readSnapshot(file);
  const name = chooseConfig(c, ctx.modules).planner.name;
  const cold = opts.cold ? timeCold([c], processes, undefined, opts.plugin)[0]! : undefined;
  // With --cold, warm in a process of its own: not in the one that spawned the fresh processes (warmInChild).
  const warm = cold ? warmInChild(c, runs, opts.plugin) : await warmCase(ctx, c, runs);
  if (opts.json) {
    const { steps: _s, ...coldFields } = cold ?? { steps: [] };
    ctx.io.out(`${JSON.stringify({ ...warm, ...coldFields })}\n`);
    return;
  }
  ctx.io.out(
    `${file} (config ${name}): median ${pyFixed(warm.medianMs, 2)} ms, p95 ${pyFixed(warm.p95Ms, 2)} ms over ${runs} runs ` +
      `after ${warm.warmupRuns} warm-up runs${warm.warmupStable ? '' : ' (median not yet stable)'}${cold ? ', in a process of its own' : ''}; ${warm.sequencesEvaluated} sequences evaluated per run\n`,
  );
  if (cold) {
    ctx.io.out(
      `fresh process (median of ${processes}): node start ${ms(cold.startMs)} ms, import ${ms(cold.importMs)} ms, setup ${ms(cold.setupMs)} ms, ` +
        `first plan ${ms(cold.firstPlanMs)} ms, second ${ms(cold.secondPlanMs)} ms; whole \`planner plan\` process ${ms(cold.processMs)} ms; code cache ${cold.codeCache}\n` +
        `CPU time: start ${ms(cold.startCpuMs)} ms, import ${ms(cold.importCpuMs)} ms, setup ${ms(cold.setupCpuMs)} ms, first plan ${ms(cold.firstPlanCpuMs)} ms\n`,
    );
  }
}

interface SuiteRow extends WarmTiming {
  readonly scenario: string;
  readonly preset: string;
  readonly sequencesEvaluated: number;
  readonly referenceWarmMs: number | null;
  readonly warmRatio: number | null;
  readonly cold?: Omit<ColdTiming, 'steps'> & { readonly referenceFirstCallMs: number | null; readonly firstPlanRatio: number | null; readonly samePlan: boolean };
}

/** Every scenario × parity preset, with the reference's figures and our ratios. */
export async function benchSuite(ctx: Context, opts: BenchOptions, runs: number): Promise<void> {
  const dir = opts.scenarios ?? defaultScenarioDir();
  const cases: SuiteCase[] = suiteCases(dir, opts.only);
  const refs = readReferenceTimings(join(dir, 'REFERENCE_TIMINGS.md'));
  const loadBefore = loadavg();
  const processes = parsePositive('--processes', opts.processes, 10);
  const colds = opts.cold ? timeCold(cases, processes, (r) => ctx.io.err(`fresh processes: round ${r}/${processes}\n`), opts.plugin) : undefined;
  const rows: SuiteRow[] = [];
  for (const [i, c] of cases.entries()) {
    // Each case warm in a process of its own: its figure is `planner bench SNAPSHOT`'s, whatever ran before it (warmInChild).
    const warm = warmInChild(c, runs, opts.plugin);
    const refWarm = referenceMs(refs.warm, c.scenario, c.parity);
    const row: SuiteRow = { scenario: c.scenario, preset: c.parity, ...warm, referenceWarmMs: refWarm, warmRatio: refWarm === null ? null : refWarm / warm.medianMs };
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
    ...(colds ? {
      firstPlanRatioGeomean: geomean(ratios((r) => r.cold?.firstPlanRatio)),
      firstPlanRatioMin: least(ratios((r) => r.cold?.firstPlanRatio)),
      setupMsMax: Math.max(...ratios((r) => r.cold?.setupMs)),
      processMsMedianMax: Math.max(...ratios((r) => r.cold?.processMs)),
    } : {}),
  };
  if (opts.json) {
    ctx.io.out(`${JSON.stringify({ cases: rows, summary, processes: colds ? processes : 0, runs, warmupRule: STABLE_RULE, loadAverage: { before: loadBefore, after: loadAfter } }, null, 2)}\n`);
    return;
  }
  const header = ['scenario', 'preset', ...(colds ? ['import', 'setup', 'first plan', 'cpu', 'ref first', 'ratio', '2nd plan', 'process'] : []), 'warm', 'warm-up runs', 'ref warm', 'ratio'];
  const body = rows.map((r) => [
    r.scenario, r.preset,
    ...(r.cold ? [ms(r.cold.importMs), ms(r.cold.setupMs), ms(r.cold.firstPlanMs), ms(r.cold.firstPlanCpuMs), r.cold.referenceFirstCallMs === null ? '-' : ms(r.cold.referenceFirstCallMs), ratio(r.cold.firstPlanRatio), ms(r.cold.secondPlanMs), ms(r.cold.processMs)] : []),
    ms(r.medianMs), `${r.warmupRuns}${r.warmupStable ? '' : '*'}`, r.referenceWarmMs === null ? '-' : ms(r.referenceWarmMs), ratio(r.warmRatio),
  ]);
  const right = new Set(header.map((_, i) => i).filter((i) => i >= 2));
  const lines = [
    table(header, body, right), '',
    `ms, medians. Warm: each case in a process of its own (\`planner bench SNAPSHOT\`), ${runs} runs after a ${RULE_TEXT}; * = not stable. ` +
      'Ratio: the reference\'s time / ours (> 1: we are faster).',
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
  lines.push(
    `Warm: geometric mean ${ratio(summary.warmRatioGeomean)}, worst ${ratio(summary.warmRatioMin)} the reference's warm median.`,
    `Load average (1, 5, 15 min): ${loadBefore.map((l) => pyFixed(l, 2)).join(' ')} before, ${loadAfter.map((l) => pyFixed(l, 2)).join(' ')} after.`,
  );
  ctx.io.out(`${lines.join('\n')}\n`);
}

