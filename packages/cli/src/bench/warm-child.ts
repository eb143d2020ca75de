import { spawnSync } from 'node:child_process';
import { builtEntries, caseArgs, type ColdCase } from './cold.js';
import { medianOf } from './stats.js';
import type { WarmTiming } from './warm.js';

/** A case's warm figures, as `planner bench SNAPSHOT --json` prints them. */
export interface WarmCaseTiming extends WarmTiming {
  readonly sequencesEvaluated: number;
  /** Median of `plan(prepared)`, the snapshot prepared once outside the timed runs (the reference's boundary). */
  readonly warmPreparedMs: number;
  readonly warmPreparedP95Ms: number;
  readonly warmPreparedWarmupRuns: number;
  readonly warmPreparedStable: boolean;
  /** Whether `plan(prepared)` gave the plan of `plan(snapshot)` (timings aside). */
  readonly preparedSamePlan: boolean;
  /** `cpuShare` of the prepared timed runs. */
  readonly warmPreparedCpuShare: number;
}

/** A case's warm figures over several processes: medians of the processes' figures, and each process's medians. */
export interface WarmProcessesTiming extends WarmCaseTiming {
  readonly warmProcesses: number;
  /** Each process's `medianMs`, in the order they ran. */
  readonly medianMsPerProcess: readonly number[];
  /** Each process's `warmPreparedMs`. */
  readonly warmPreparedMsPerProcess: readonly number[];
}

const NUMBERS = [
  'medianMs', 'p95Ms', 'runs', 'warmupRuns', 'cpuShare', 'sequencesEvaluated', 'warmPreparedMs', 'warmPreparedP95Ms', 'warmPreparedWarmupRuns', 'warmPreparedCpuShare',
] as const;
const BOOLEANS = ['warmupStable', 'warmPreparedStable', 'preparedSamePlan'] as const;

/**
 * One case's warm figures measured in a process of its own: the built command's
 * `planner bench SNAPSHOT --json` (same warm-up rule, same fields). Measured in
 * the process that also spawns the fresh processes, or after other cases warmed
 * the same functions with other shapes, the warm median moved by up to 2x; in a
 * child per case it is the figure `planner bench SNAPSHOT` gives for that case.
 * `plugins`: the `--plugin` specifiers of the command line (a configuration
 * file's own `plugins` the child reads from the file).
 */
export function warmInChild(c: ColdCase, runs: number, plugins: readonly string[] = []): WarmCaseTiming {
  const { cli } = builtEntries();
  const args = [cli, ...plugins.flatMap((p) => ['--plugin', p]), 'bench', ...caseArgs(c), '--runs', String(runs), '--json'];
  return warmFiguresOf(c.snapshot, spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** How a warm process ended (spawnSync's result). */
export interface WarmProcessResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A warm process's figures from its output, or an error naming the case (`snapshot`) and what was wrong. */
export function warmFiguresOf(snapshot: string, r: WarmProcessResult): WarmCaseTiming {
  if (r.status !== 0) throw new Error(`warm process of ${snapshot} failed (exit ${r.status ?? r.signal}): ${r.stderr.trim()}`);
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`warm process of ${snapshot} printed no JSON: ${JSON.stringify(r.stdout.slice(0, 200))}`, { cause: error });
  }
  for (const key of NUMBERS) {
    if (typeof parsed[key] !== 'number') throw new Error(`warm process of ${snapshot}: expected a number in '${key}', found ${JSON.stringify(parsed[key])}`);
  }
  for (const key of BOOLEANS) {
    if (typeof parsed[key] !== 'boolean') throw new Error(`warm process of ${snapshot}: expected a boolean in '${key}', found ${JSON.stringify(parsed[key])}`);
  }
  const n = (key: (typeof NUMBERS)[number]): number => parsed[key] as number;
  const b = (key: (typeof BOOLEANS)[number]): boolean => parsed[key] as boolean;
  return {
    medianMs: n('medianMs'),
    p95Ms: n('p95Ms'),
    runs: n('runs'),
    warmupRuns: n('warmupRuns'),
    warmupStable: b('warmupStable'),
    cpuShare: n('cpuShare'),
    sequencesEvaluated: n('sequencesEvaluated'),
    warmPreparedMs: n('warmPreparedMs'),
    warmPreparedP95Ms: n('warmPreparedP95Ms'),
    warmPreparedWarmupRuns: n('warmPreparedWarmupRuns'),
    warmPreparedStable: b('warmPreparedStable'),
    preparedSamePlan: b('preparedSamePlan'),
    warmPreparedCpuShare: n('warmPreparedCpuShare'),
  };
}

/**
 * One case's figures from several warm processes (`warmInChild` each): the
 * median of their medians. A case's warm median is bimodal across fresh
 * processes (on a quiet machine 21.8, 23.8, 38.1, 22.1 µs), so one process is
 * one draw; the median over 3 or more is a steadier figure. Where measured, the
 * slow level was the process sharing its CPU (CONTENDED_CPU_SHARE), not its
 * compiled code. Stable only if every process was.
 */
export function combineWarmProcesses(timings: readonly WarmCaseTiming[]): WarmProcessesTiming {
  if (timings.length === 0) throw new Error('combineWarmProcesses: no warm process');
  const med = (pick: (t: WarmCaseTiming) => number): number => medianOf(timings.map(pick));
  return {
    medianMs: med((t) => t.medianMs),
    p95Ms: med((t) => t.p95Ms),
    runs: timings[0]!.runs,
    warmupRuns: Math.round(med((t) => t.warmupRuns)), // a count: an even number of processes gives a half
    warmupStable: timings.every((t) => t.warmupStable),
    cpuShare: med((t) => t.cpuShare),
    sequencesEvaluated: timings[0]!.sequencesEvaluated,
    warmPreparedMs: med((t) => t.warmPreparedMs),
    warmPreparedP95Ms: med((t) => t.warmPreparedP95Ms),
    warmPreparedWarmupRuns: Math.round(med((t) => t.warmPreparedWarmupRuns)), // a count: an even number of processes gives a half
    warmPreparedStable: timings.every((t) => t.warmPreparedStable),
    preparedSamePlan: timings.every((t) => t.preparedSamePlan),
    warmPreparedCpuShare: med((t) => t.warmPreparedCpuShare),
    warmProcesses: timings.length,
    medianMsPerProcess: timings.map((t) => t.medianMs),
    warmPreparedMsPerProcess: timings.map((t) => t.warmPreparedMs),
  };
}
