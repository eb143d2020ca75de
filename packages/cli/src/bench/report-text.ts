// The bench's figures as text (`planner bench` without --json): pure functions of the figures, so that
// every line and column can be checked without timing anything.
import { pyFixed } from '@planner/context';
import type { ColdTiming } from './cold.js';
import { geometricMean } from './stats.js';
import { STABLE_RULE, contendedNote, sharePercent } from './warm.js';
import type { WarmCaseTiming, WarmProcessesTiming } from './warm-child.js';
import { table } from '../table.js';

const ms = (n: number): string => pyFixed(n, n < 10 ? 2 : 1);
// Warm plans of the small cases take microseconds: four decimals under 1 ms.
const warmMs = (n: number): string => pyFixed(n, n < 1 ? 4 : n < 10 ? 2 : 1);
const ratio = (r: number | null): string => (r === null ? '-' : `${pyFixed(r, r < 10 ? 2 : 1)}x`);
const RULE_TEXT = `warm-up until the medians of the last ${STABLE_RULE.window} blocks (block k: >= ${STABLE_RULE.blockRuns}*2^k runs and ${STABLE_RULE.blockMs}*2^k ms) ` +
  `lie within ${STABLE_RULE.tolerance * 100}% (at most ${STABLE_RULE.maxMs / 1000} s)`;

/** One snapshot's bench (`planner bench SNAPSHOT`): the case and how its warm figures were measured. */
export interface OneCaseReport {
  readonly file: string;
  /** The configuration's name. */
  readonly name: string;
  readonly runs: number;
  readonly warm: WarmCaseTiming | WarmProcessesTiming;
  /** Whether the warm figures come from processes of their own, and how many. */
  readonly inChildren: boolean;
  readonly warmProcesses: number;
  /** With --cold: the fresh processes' medians, over `processes`. */
  readonly cold?: ColdTiming;
  readonly processes: number;
}

/** `planner bench SNAPSHOT`'s text: the warm figures, each process's medians when there are several, then the fresh processes'. */
export function oneCaseText(r: OneCaseReport): string {
  const { warm, cold } = r;
  const where = !r.inChildren ? '' : r.warmProcesses === 1 ? ', in a process of its own' : `, median of ${r.warmProcesses} processes of their own`;
  const perProcess = (xs: readonly number[] | undefined): string => (xs === undefined || xs.length < 2 ? '' : ` (${xs.map((x) => pyFixed(x, 4)).join(', ')})`);
  const multi = r.inChildren ? (warm as WarmProcessesTiming) : undefined;
  let text =
    `${r.file} (config ${r.name}): median ${pyFixed(warm.medianMs, 4)} ms${perProcess(multi?.medianMsPerProcess)}, p95 ${pyFixed(warm.p95Ms, 4)} ms over ${r.runs} runs ` +
      `after ${warm.warmupRuns} warm-up runs${warm.warmupStable ? '' : ' (median not yet stable)'}${where}; ${warm.sequencesEvaluated} sequences evaluated per run\n` +
      `prepared snapshot (plan of a snapshot prepared once, the reference's boundary): median ${pyFixed(warm.warmPreparedMs, 4)} ms${perProcess(multi?.warmPreparedMsPerProcess)}, ` +
      `p95 ${pyFixed(warm.warmPreparedP95Ms, 4)} ms after ${warm.warmPreparedWarmupRuns} warm-up runs${warm.warmPreparedStable ? '' : ' (median not yet stable)'}` +
      `${warm.preparedSamePlan ? '' : '; WARNING: a different plan than from the snapshot'}\n` +
      `CPU share of the timed runs (CPU time / wall time): ${sharePercent(warm.cpuShare)}, prepared ${sharePercent(warm.warmPreparedCpuShare)}\n`;
  const contended = contendedNote([{ name: r.file, cpuShare: warm.cpuShare, warmPreparedCpuShare: warm.warmPreparedCpuShare }]);
  if (contended !== '') text += `${contended}\n`;
  if (cold) {
    text +=
      `fresh process (median of ${r.processes}): node start ${ms(cold.startMs)} ms, import ${ms(cold.importMs)} ms, setup ${ms(cold.setupMs)} ms, ` +
        `first plan ${ms(cold.firstPlanMs)} ms, second ${ms(cold.secondPlanMs)} ms; whole \`planner plan\` process ${ms(cold.processMs)} ms; code cache ${cold.codeCache}\n` +
        `CPU time: start ${ms(cold.startCpuMs)} ms, import ${ms(cold.importCpuMs)} ms, setup ${ms(cold.setupCpuMs)} ms, first plan ${ms(cold.firstPlanCpuMs)} ms\n`;
  }
  return text;
}

/** One case of the suite: its warm figures over its processes, the reference's, the ratios, and with --cold the fresh processes'. */
export interface SuiteRow extends WarmProcessesTiming {
  readonly scenario: string;
  readonly preset: string;
  readonly referenceWarmMs: number | null;
  readonly warmRatio: number | null;
  /** The reference's warm figure / `warmPreparedMs`: both exclude building the input. */
  readonly warmPreparedRatio: number | null;
  readonly cold?: Omit<ColdTiming, 'steps'> & { readonly referenceFirstCallMs: number | null; readonly firstPlanRatio: number | null; readonly samePlan: boolean };
}

/** The suite's ratios over its cases (null where no case has a reference figure); the fresh-process ones with --cold. */
export interface SuiteSummary {
  readonly warmRatioGeomean: number | null;
  readonly warmRatioMin: number | null;
  readonly warmPreparedRatioGeomean: number | null;
  readonly warmPreparedRatioMin: number | null;
  readonly firstPlanRatioGeomean?: number | null;
  readonly firstPlanRatioMin?: number | null;
  readonly setupMsMax?: number;
  readonly processMsMedianMax?: number;
}

export function suiteSummary(rows: readonly SuiteRow[], withCold: boolean): SuiteSummary {
  const ratios = (pick: (r: SuiteRow) => number | null | undefined) => rows.map(pick).filter((r): r is number => typeof r === 'number');
  // Ratios exist only for the cases REFERENCE_TIMINGS.md lists: none gives null ("-"), not 0 and Infinity.
  const geomean = (xs: number[]): number | null => (xs.length === 0 ? null : geometricMean(xs));
  const least = (xs: number[]): number | null => (xs.length === 0 ? null : Math.min(...xs));
  return {
    warmRatioGeomean: geomean(ratios((r) => r.warmRatio)),
    warmRatioMin: least(ratios((r) => r.warmRatio)),
    warmPreparedRatioGeomean: geomean(ratios((r) => r.warmPreparedRatio)),
    warmPreparedRatioMin: least(ratios((r) => r.warmPreparedRatio)),
    ...(withCold ? {
      firstPlanRatioGeomean: geomean(ratios((r) => r.cold?.firstPlanRatio)),
      firstPlanRatioMin: least(ratios((r) => r.cold?.firstPlanRatio)),
      setupMsMax: Math.max(...ratios((r) => r.cold?.setupMs)),
      processMsMedianMax: Math.max(...ratios((r) => r.cold?.processMs)),
    } : {}),
  };
}

/** The suite's run: its rows and summary, and how they were measured. */
export interface SuiteReport {
  readonly rows: readonly SuiteRow[];
  readonly summary: SuiteSummary;
  readonly withCold: boolean;
  /** Fresh processes per case (with --cold). */
  readonly processes: number;
  readonly warmProcesses: number;
  readonly runs: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

/** The suite's text: a table of every case, what its columns are, warnings, the ratios' summary and the machine's load. */
export function suiteText(report: SuiteReport): string {
  const { rows, summary, withCold, processes, warmProcesses, runs } = report;
  const header = [
    'scenario', 'preset', ...(withCold ? ['import', 'setup', 'first plan', 'cpu', 'ref first', 'ratio', '2nd plan', 'process'] : []),
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
  if (withCold) {
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
    `Load average (1, 5, 15 min): ${report.loadBefore.map((l) => pyFixed(l, 2)).join(' ')} before, ${report.loadAfter.map((l) => pyFixed(l, 2)).join(' ')} after.`,
  );
  return `${lines.join('\n')}\n`;
}
