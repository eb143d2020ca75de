import type { ActionCandidate } from '@planner/contracts';
import type { DepthLimits } from './depth-limits.js';
import { SequenceKeySet } from './sequence-keys.js';

/**
 * What one sampler call works within (spec §2.4), shared by the generic loop
 * and Node's fast one so both draw under the same caps: per-side draw caps,
 * the attempt and acceptance caps, scratch for one attempt's picks and, with
 * `distinct`, the set of sequences already accepted.
 */
export interface SamplerRun {
  readonly pickedSells: Int32Array;
  readonly pickedBuys: Int32Array;
  readonly maxSellDraw: number;
  readonly maxBuyDraw: number;
  readonly drawSells: boolean;
  readonly drawBuys: boolean;
  readonly maxAttempts: number;
  readonly maxAccepted: number;
  readonly maxSteps: number;
  readonly seen: SequenceKeySet | null;
}

export function samplerRun(
  s: readonly ActionCandidate[],
  b: readonly ActionCandidate[],
  limits: DepthLimits,
  canonical: Int32Array,
  distinct: boolean,
): SamplerRun {
  const maxSellDraw = Math.min(limits.maxSells, s.length);
  const maxBuyDraw = Math.min(limits.maxBuys, b.length);
  return {
    pickedSells: new Int32Array(Math.max(1, limits.maxSells)),
    pickedBuys: new Int32Array(Math.max(1, limits.maxBuys)),
    maxSellDraw,
    maxBuyDraw,
    drawSells: s.length > 0 && limits.maxSells > 0,
    drawBuys: b.length > 0 && limits.maxBuys > 0,
    maxAttempts: limits.maxCombinations * 3,
    maxAccepted: limits.maxCombinations,
    maxSteps: limits.maxSteps,
    seen: distinct ? new SequenceKeySet(s, b, Math.min(limits.maxSteps, maxSellDraw + maxBuyDraw), canonical) : null,
  };
}
