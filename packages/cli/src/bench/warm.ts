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
}

const isStable = (medians: readonly number[], rule: StableRule): boolean => {
  if (medians.length < rule.window) return false;
  const last = medians.slice(-rule.window);
  const lo = Math.min(...last);
  return Math.max(...last) - lo <= rule.tolerance * lo;
};

/** Times `runs` calls of `fn` (already warm), one after the other: median and nearest-rank p95, ms. */
export async function timeRuns(fn: () => unknown, runs: number): Promise<{ medianMs: number; p95Ms: number; runs: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { medianMs: median(times), p95Ms: percentile(times, 95), runs };
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
  return { ...(await timeRuns(fn, runs)), warmupRuns, warmupStable: stable };
}
