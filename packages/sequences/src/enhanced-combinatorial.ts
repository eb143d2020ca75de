import { defineSequenceGenerator } from '@planner/contracts';
import type { ActionCandidate, RandomSource, Security, Sequence } from '@planner/contracts';
import { canonicalPositions } from './candidate-identity.js';
import { combinatorialParams, depthLimits, passingThreshold, sellsAndBuys } from './depth-limits.js';
import type { DepthLimits } from './depth-limits.js';
import { similarityChecker } from './similarity.js';

/** Stable sort by priority descending (Python `sort(key=priority, reverse=True)`). */
function byPriorityDesc(list: readonly ActionCandidate[]): ActionCandidate[] {
  return [...list].sort((a, b) => b.priority - a.priority);
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

/** Picks of `k` positions with replacement, first occurrence of each symbol kept. */
function pickDistinctSymbols(
  rng: RandomSource,
  positions: readonly number[],
  list: readonly ActionCandidate[],
  weights: readonly number[],
  k: number,
): number[] {
  const drawn = rng.choices(positions, weights, k);
  const out: number[] = [];
  const symbols = new Set<string>();
  for (const p of drawn) {
    const sym = (list[p] as ActionCandidate).symbol;
    if (symbols.has(sym)) continue;
    symbols.add(sym);
    out.push(p);
  }
  return out;
}

/**
 * The reference sampler (`_generate_enhanced_combinations`, spec §2.4): the
 * full accepted list in acceptance order, repeats included. Draw order per
 * attempt is A (randint sells), B (randint buys), C (choices sells), D
 * (choices buys); an attempt skipped at step 4 draws nothing more.
 */
export function sampleEnhancedCombinations(
  sells: readonly ActionCandidate[],
  buys: readonly ActionCandidate[],
  limits: DepthLimits,
  rng: RandomSource,
  securitiesBySymbol: ReadonlyMap<string, Security> | null,
): Sequence[] {
  const s = byPriorityDesc(passingThreshold(sells, limits.priorityThreshold)).slice(0, limits.maxCandidates);
  const b = byPriorityDesc(passingThreshold(buys, limits.priorityThreshold)).slice(0, limits.maxCandidates);
  const out: Sequence[] = [];
  if (s.length === 0 && b.length === 0) return out;
  const sw = priorityWeights(s);
  const bw = priorityWeights(b);
  const sPos = s.map((_, i) => i);
  const bPos = b.map((_, i) => i);
  const isDiverse = similarityChecker(securitiesBySymbol);
  const maxAttempts = limits.maxCombinations * 3;
  let attempts = 0;
  while (out.length < limits.maxCombinations && attempts < maxAttempts) {
    attempts++;
    const ns = s.length > 0 && limits.maxSells > 0 ? rng.randint(1, Math.min(limits.maxSells, s.length)) : 0;
    const nb = b.length > 0 && limits.maxBuys > 0 ? rng.randint(1, Math.min(limits.maxBuys, b.length)) : 0;
    if (ns + nb > limits.maxSteps || ns + nb === 0) continue;
    const pickedSells = ns > 0 ? pickDistinctSymbols(rng, sPos, s, sw, ns) : [];
    const pickedBuys = nb > 0 ? pickDistinctSymbols(rng, bPos, b, bw, nb) : [];
    const seq: ActionCandidate[] = [];
    for (const p of pickedSells) seq.push(s[p] as ActionCandidate);
    for (const p of pickedBuys) seq.push(b[p] as ActionCandidate);
    if (!isDiverse(seq)) continue;
    out.push(seq);
  }
  return out;
}

/**
 * Drops repeats of the sampler's output (the contract forbids emitting a
 * sequence twice). Parity-neutral: the planner keeps only the first sequence
 * of each ordered (symbol, side) key of a depth anyway (pipeline.md §5.3),
 * and the sampler itself still counts the repeats for its loop and its
 * similarity window.
 */
function firstOccurrences(sequences: readonly Sequence[]): Sequence[] {
  const pool: ActionCandidate[] = [];
  const posOf = new Map<ActionCandidate, number>();
  for (const seq of sequences) {
    for (const a of seq) {
      if (!posOf.has(a)) {
        posOf.set(a, pool.length);
        pool.push(a);
      }
    }
  }
  const canonical = canonicalPositions(pool);
  const seen = new Set<string>();
  const out: Sequence[] = [];
  for (const seq of sequences) {
    let key = '';
    for (const a of seq) key += `${canonical[posOf.get(a) as number]},`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(seq);
  }
  return out;
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
  stage: 'depth',
  generate(input, params) {
    const { sells, buys } = sellsAndBuys(input);
    const sampled = sampleEnhancedCombinations(sells, buys, depthLimits(input, params), input.rng, input.securitiesBySymbol);
    return firstOccurrences(sampled);
  },
});
