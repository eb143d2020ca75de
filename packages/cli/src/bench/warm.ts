import { pyFixed } from '@planner/context';
import { median, percentile } from './stats.js';

/**
 * When a warm median counts as stable. The warm-up runs in blocks, block k
 * (from 0) at least `blockRuns`·2^k runs and `blockMs`·2^k ms, and stops when
 * the medians of the last `window` blocks lie within `tolerance` of the
 * smallest of them, or, unstable, after `maxMs`. The blocks double so that the
 * last `window` cover most of the warm-up: a plan that is still getting faster
 * (V8 optimizes its hot loops only after many calls) keeps warming up, where a
 * fixed count of warm-up runs gives a figure that depends on how long it ran
 * (7-13 ms after 5 runs, 0.26 ms after 3,000 on universe_60).
 */
export interface StableRule {
  readonly blockRuns: number;
  readonly blockMs: number;
  readonly window: number;
  readonly tolerance: number;
  readonly maxMs: number;
}

export const STABLE_RULE: StableRule = { blockRuns: 5, blockMs: 100, window: 3, tolerance: 0.1, maxMs: 10_000 };

export interface WarmTiming {
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly runs: number;
  readonly warmupRuns: number;
  /** False when the warm-up hit `maxMs` before the rule held. */
  readonly warmupStable: boolean;
  /** The process's CPU time over the timed runs' wall time (`cpuShareOf`). */
  readonly cpuShare: number;
}

/**
 * Below this CPU share the timed runs shared their CPU with other processes.
 * Measured on the 2-vCPU VM the helpers share: a warm median moved between two
 * levels (15 or 24 µs, 60 or 100 µs) within one process, with no optimization,
 * deoptimization or full GC at the switches, every function (compiled code,
 * builtins, Map lookups, clock reads) slower by the same factor, and every
 * slow stretch one where the process got well under its wall time in CPU
 * (0.2-0.5 against 0.95-1), most likely left with cold caches and TLB by
 * the other processes' turns. A figure taken below it may be the slow level
 * (not always: long waits for the CPU leave the plans between them fast).
 */
export const CONTENDED_CPU_SHARE = 0.9;

/** CPU time (all threads, ms) per wall ms between two readings: about 1 for a process that had a CPU to itself. */
export function cpuShareOf(cpu: NodeJS.CpuUsage, wallMs: number): number {
  return wallMs > 0 ? (cpu.user + cpu.system) / 1000 / wallMs : 1;
}

const isStable = (medians: readonly number[], rule: StableRule): boolean => {
  if (medians.length < rule.window) return false;
  const last = medians.slice(-rule.window);
  const lo = Math.min(...last);
  return Math.max(...last) - lo <= rule.tolerance * lo;
};

/** Times `runs` calls of `fn` (already warm), one after the other: median and nearest-rank p95, ms. */
export async function timeRuns(fn: () => unknown, runs: number): Promise<{ medianMs: number; p95Ms: number; runs: number; cpuShare: number }> {
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const cpuShare = cpuShareOf(process.cpuUsage(cpu0), performance.now() - wall0);
  times.sort((a, b) => a - b);
  return { medianMs: median(times), p95Ms: percentile(times, 95), runs, cpuShare };
}

/** Warms `fn` up until its median is stable (STABLE_RULE), then times `runs` calls. */
export async function timeWarm(fn: () => Promise<unknown>, runs: number, rule: StableRule = STABLE_RULE): Promise<WarmTiming> {
  const start = performance.now();
  const medians: number[] = [];
  let warmupRuns = 0;
  let stable = false;
  while (!stable && performance.now() - start < rule.maxMs) {
    const block: number[] = [];
    const b0 = performance.now();
    const scale = 2 ** medians.length;
    while (block.length < rule.blockRuns * scale || performance.now() - b0 < rule.blockMs * scale) {
      const t = performance.now();
      await fn();
      block.push(performance.now() - t);
    }
    warmupRuns += block.length;
    medians.push(median(block.sort((a, b) => a - b)));
    stable = isStable(medians, rule);
  }
  const timed = await timeRuns(fn, runs);
  return { medianMs: timed.medianMs, p95Ms: timed.p95Ms, runs, warmupRuns, warmupStable: stable, cpuShare: timed.cpuShare };
}

/** A CPU share as a whole percentage. */
export const sharePercent = (share: number): string => `${pyFixed(share * 100, 0)}%`;

/** A case's name with the CPU shares of its two timed loops. */
export interface CpuShares {
  readonly name: string;
  readonly cpuShare: number;
  readonly warmPreparedCpuShare: number;
}

/** The note naming the cases timed below CONTENDED_CPU_SHARE (either loop), or '' when there is none. */
export function contendedNote(cases: readonly CpuShares[]): string {
  const low = cases.filter((c) => Math.min(c.cpuShare, c.warmPreparedCpuShare) < CONTENDED_CPU_SHARE);
  if (low.length === 0) return '';
  const list = low.map((c) => `${c.name} (${sharePercent(c.cpuShare)}, prepared ${sharePercent(c.warmPreparedCpuShare)})`).join(', ');
  return `NOTE: timed with a CPU share under ${sharePercent(CONTENDED_CPU_SHARE)} (CPU time / wall time: other processes shared the CPU, ` +
    `and such a warm figure may be the slow of its two levels, README "Warm: two levels per process"): ${list}`;
}
