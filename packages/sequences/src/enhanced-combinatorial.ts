import { WeightedPick } from '@planner/context';
import { defineSequenceGenerator } from '@planner/contracts';
import type {
  ActionCandidate, OpportunitiesByCategory, RandomSource, Security, Sequence, SequenceGeneratorInput,
} from '@planner/contracts';
import { combinatorialParamDocs, combinatorialParams, depthLimits, passingThreshold, sellsAndBuys } from './depth-limits.js';
import type { DepthLimits } from './depth-limits.js';
import { canonicalRows } from './sequence-keys.js';
import { samplerRun } from './sampler-run.js';
import { prepareSimilarityWindow } from '#similarity-window';
import type { SimilarityWindow } from './similarity-common.js';
import { prepareFastSampler } from '#sample-fast';
import type { FastSampler, FastSamplerInput } from './sample-fast.js';

/** Stable in-place sort by priority descending (Python `sort(key=priority, reverse=True)`) of a fresh list. */
function byPriorityDesc(list: ActionCandidate[]): ActionCandidate[] {
  return list.sort((a, b) => b.priority - a.priority);
}

/**
 * Sampling weights of spec §2.4 step 3: min-max normalised, squared, +0.1,
 * normalised to sum 1; all-equal priorities give 1.0 each.
 */
export function priorityWeights(list: readonly ActionCandidate[]): number[] {
  if (list.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const c of list) {
    if (c.priority < min) min = c.priority;
    if (c.priority > max) max = c.priority;
  }
  if (max === min) return list.map(() => 1.0);
  const range = max - min;
  const w = list.map((c) => ((c.priority - min) / range) ** 2 + 0.1);
  // Python's sum(): left to right from 0.
  let total = 0;
  for (const x of w) total += x;
  return w.map((x) => x / total);
}

/**
 * Per position, the first position with the same symbol: what pickDistinct
 * compares (at most 50 candidates, so a scan beats building a Map per call).
 */
function firstOfSymbol(list: readonly ActionCandidate[]): Int32Array {
  const ids = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const symbol = (list[i] as ActionCandidate).symbol;
    let j = 0;
    while ((list[j] as ActionCandidate).symbol !== symbol) j++;
    ids[i] = j;
  }
  return ids;
}

/**
 * `random.choices(list, weights, k)` followed by "first occurrence of each
 * symbol", written into `out` (returns the count). Draws exactly as CPython:
 * one `random()` per pick, bisect_right over cum[0..n-2]; with `parts` (see
 * WeightedPick.integerPath) the same draws and picks on integers, the
 * bisection inlined (a first plan runs this in the interpreter, where calls cost).
 */
function pickDistinct(
  rng: RandomSource,
  table: WeightedPick,
  parts: Int32Array | null,
  symbolIds: Int32Array,
  k: number,
  out: Int32Array,
): number {
  const high = table.high as Int32Array;
  const low = table.low;
  const last = table.size - 1;
  let count = 0;
  for (let pick = 0; pick < k; pick++) {
    let lo = 0;
    if (parts === null) {
      lo = table.pickByFloat(rng);
    } else {
      rng.randomParts!(parts);
      const a = parts[0] as number;
      const b = parts[1] as number;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const h = high[mid] as number;
        if (a < h || (a === h && b < (low[mid] as number))) hi = mid;
        else lo = mid + 1;
      }
    }
    const sym = symbolIds[lo] as number;
    let seen = false;
    for (let j = 0; j < count; j++) {
      if (symbolIds[out[j] as number] === sym) {
        seen = true;
        break;
      }
    }
    if (!seen) out[count++] = lo;
  }
  return count;
}

/**
 * The seed-free setup of one sampler call: the threshold-filtered, sorted,
 * capped lists, their cumulative weights, symbol ids, canonical rows and the
 * similarity masks. It depends only on the input lists, the threshold, the
 * candidate cap and the securities, so one setup serves every depth of a run.
 */
export interface SamplerSetup extends FastSamplerInput {
  readonly newWindow: () => SimilarityWindow;
  /** The Node-only loop for integer picks and one-word profiles ('#sample-fast'); null: the generic loop. */
  readonly fast: FastSampler | null;
}

export function samplerSetup(
  sells: readonly ActionCandidate[],
  buys: readonly ActionCandidate[],
  priorityThreshold: number,
  maxCandidates: number,
  securitiesBySymbol: ReadonlyMap<string, Security> | null,
): SamplerSetup {
  const s = byPriorityDesc(passingThreshold(sells, priorityThreshold)).slice(0, maxCandidates);
  const b = byPriorityDesc(passingThreshold(buys, priorityThreshold)).slice(0, maxCandidates);
  const tables = {
    s,
    b,
    sPick: new WeightedPick(priorityWeights(s)),
    bPick: new WeightedPick(priorityWeights(b)),
    sIds: firstOfSymbol(s),
    bIds: firstOfSymbol(b),
    canonical: canonicalRows(s, b),
  };
  return { ...tables, newWindow: prepareSimilarityWindow(s, b, securitiesBySymbol), fast: prepareFastSampler(tables, securitiesBySymbol) };
}

/**
 * The reference sampler (`_generate_enhanced_combinations`, spec §2.4): the
 * full accepted list in acceptance order, repeats included.
 */
export function sampleEnhancedCombinations(
  sells: readonly ActionCandidate[],
  buys: readonly ActionCandidate[],
  limits: DepthLimits,
  rng: RandomSource,
  securitiesBySymbol: ReadonlyMap<string, Security> | null,
): Sequence[] {
  return sample(samplerSetup(sells, buys, limits.priorityThreshold, limits.maxCandidates, securitiesBySymbol), limits, rng, false);
}

/**
 * The sampler. Draw order per attempt is A (randint sells), B (randint buys),
 * C (choices sells), D (choices buys); an attempt skipped at step 4 draws
 * nothing more. With `distinct`, a repeat of an earlier accepted sequence
 * still counts towards the cap and stays in the similarity window (the
 * reference loop keeps it) but is not emitted. The hot loop works on integer
 * positions and bit sets; only emitted sequences become arrays.
 */
export function sample(setup: SamplerSetup, limits: DepthLimits, rng: RandomSource, distinct: boolean): Sequence[] {
  if (setup.fast !== null && rng.randomParts !== undefined && rng.wordBlock !== undefined) return setup.fast.sample(limits, rng, distinct);
  return sampleGeneric(setup, limits, rng, distinct);
}

/** The sampler for any source and setup (the browser's only one); `sample` takes the fast loop where it applies. */
export function sampleGeneric(setup: SamplerSetup, limits: DepthLimits, rng: RandomSource, distinct: boolean): Sequence[] {
  const { s, b, sPick, bPick, sIds, bIds } = setup;
  const out: Sequence[] = [];
  if (s.length === 0 && b.length === 0) return out;
  const similarity = setup.newWindow();
  const { pickedSells, pickedBuys, maxSellDraw, maxBuyDraw, drawSells, drawBuys, maxAttempts, maxAccepted, maxSteps, seen } =
    samplerRun(s, b, limits, setup.canonical, distinct);
  // One scratch pair for the integer parts of each draw (null per side: the floating-point path).
  const parts = new Int32Array(2);
  const sParts = sPick.integerPath(rng) ? parts : null;
  const bParts = bPick.integerPath(rng) ? parts : null;
  let attempts = 0;
  let accepted = 0;
  while (accepted < maxAccepted && attempts < maxAttempts) {
    attempts++;
    const ns = drawSells ? rng.randint(1, maxSellDraw) : 0;
    const nb = drawBuys ? rng.randint(1, maxBuyDraw) : 0;
    if (ns + nb > maxSteps || ns + nb === 0) continue;
    const cs = ns > 0 ? pickDistinct(rng, sPick, sParts, sIds, ns, pickedSells) : 0;
    const cb = nb > 0 ? pickDistinct(rng, bPick, bParts, bIds, nb, pickedBuys) : 0;
    if (!similarity.accept(pickedSells, cs, pickedBuys, cb)) continue;
    accepted++;
    if (seen !== null && !seen.addIfNew(pickedSells, cs, pickedBuys, cb)) continue;
    const seq: ActionCandidate[] = new Array<ActionCandidate>(cs + cb);
    for (let i = 0; i < cs; i++) seq[i] = s[pickedSells[i] as number] as ActionCandidate;
    for (let i = 0; i < cb; i++) seq[cs + i] = b[pickedBuys[i] as number] as ActionCandidate;
    out.push(seq);
  }
  return out;
}

/** Key of this generator's entries in a run cache (an immutable token, not state). */
const SETUP_KEY = Symbol('enhanced_combinatorial setups');

interface CachedSetup {
  readonly opportunities: OpportunitiesByCategory;
  readonly threshold: number;
  readonly maxCandidates: number;
  readonly securities: ReadonlyMap<string, Security> | null;
  readonly setup: SamplerSetup;
}

/**
 * The setup of this call, reused from the run cache when an earlier call of
 * the run had the same lists (by identity) and setup inputs.
 */
function setupFor(input: SequenceGeneratorInput, limits: DepthLimits): SamplerSetup {
  const make = (): SamplerSetup => {
    const { sells, buys } = sellsAndBuys(input);
    return samplerSetup(sells, buys, limits.priorityThreshold, limits.maxCandidates, input.securitiesBySymbol);
  };
  const cache = input.runCache;
  if (cache === undefined) return make();
  let entries = cache.get(SETUP_KEY) as CachedSetup[] | undefined;
  if (entries === undefined) cache.set(SETUP_KEY, (entries = []));
  for (const e of entries) {
    if (
      e.opportunities === input.opportunities &&
      e.threshold === limits.priorityThreshold &&
      e.maxCandidates === limits.maxCandidates &&
      e.securities === input.securitiesBySymbol
    ) {
      return e.setup;
    }
  }
  const setup = make();
  entries.push({
    opportunities: input.opportunities,
    threshold: limits.priorityThreshold,
    maxCandidates: limits.maxCandidates,
    securities: input.securitiesBySymbol,
    setup,
  });
  return setup;
}

/**
 * Weighted random sell-then-buy sequences, once per depth with the depth caps
 * of spec §2.3. Runs eagerly: the run's RNG is shared across depths, so all of
 * this depth's draws must happen at the call, whatever the consumer does.
 */
export const enhancedCombinatorial = defineSequenceGenerator({
  name: 'enhanced_combinatorial',
  description: 'Priority-weighted random sell-then-buy sequences, rejecting ones too similar to the last ten',
  params: combinatorialParams,
  paramDocs: combinatorialParamDocs,
  stage: 'depth',
  order: 200,
  enabledByDefault: true,
  advise(_params, call) {
    const n = call.enabled.patterns.length;
    return n < 2 ? [`combinatorial generators work best with several patterns enabled (currently: ${n})`] : [];
  },
  generate(input, params) {
    // Repeats are dropped (the contract forbids emitting a sequence twice).
    // Parity-neutral: the planner keeps only the first sequence of each
    // ordered (symbol, side) key of a depth anyway (pipeline.md §5.3).
    const limits = depthLimits(input, params);
    return sample(setupFor(input, limits), limits, input.rng, true);
  },
});
