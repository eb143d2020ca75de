import { defineSequenceGenerator } from '@planner/contracts';
import type { ActionCandidate, Sequence } from '@planner/contracts';
import { allDistinct, canonicalPositions } from './candidate-identity.js';
import { combinatorialParamDocs, combinatorialParams, depthLimits, passingThreshold, sellsAndBuys } from './depth-limits.js';
import type { DepthLimits } from './depth-limits.js';

/**
 * Every k-subset of 0..n-1 in lexicographic order ((0,1), (0,2), …, (1,2), …),
 * as Python's itertools.combinations, for 1 <= k <= n (the only caller's loop
 * bounds guarantee it). The yielded array is reused: copy it.
 */
function* indexCombinations(n: number, k: number): Generator<Int32Array> {
  const idx = new Int32Array(k);
  for (let i = 0; i < k; i++) idx[i] = i;
  for (;;) {
    yield idx;
    let i = k - 1;
    while (i >= 0 && (idx[i] as number) === n - k + i) i--;
    if (i < 0) return;
    idx[i] = (idx[i] as number) + 1;
    for (let j = i + 1; j < k; j++) idx[j] = (idx[j - 1] as number) + 1;
  }
}

/**
 * Exhaustive sell×buy enumeration (spec §2.1, reference
 * `_generate_combinations`): candidates passing the threshold in input order
 * (no sort), truncated to `maxCandidates`; 1..maxSells sells then 1..maxBuys
 * buys; the cap is tested before every loop step, so the output is a prefix
 * of the full enumeration. Lazy: nothing beyond the cap is ever built.
 */
export function* enumerateCombinations(
  sells: readonly ActionCandidate[],
  buys: readonly ActionCandidate[],
  limits: DepthLimits,
): Generator<Sequence> {
  const s = passingThreshold(sells, limits.priorityThreshold).slice(0, limits.maxCandidates);
  const b = passingThreshold(buys, limits.priorityThreshold).slice(0, limits.maxCandidates);
  const cap = limits.maxCombinations;
  // Value-equal candidates at two positions would give the same sequence twice.
  const all = [...s, ...b];
  const canonical = canonicalPositions(all);
  const seen = allDistinct(canonical) ? null : new Set<string>();
  let count = 0;
  const maxNs = Math.min(limits.maxSells, s.length);
  for (let ns = 1; ns <= maxNs; ns++) {
    if (count >= cap) return;
    for (const cs of indexCombinations(s.length, ns)) {
      if (count >= cap) return;
      const rem = limits.maxSteps - ns;
      if (rem <= 0) continue;
      const maxNb = Math.min(limits.maxBuys, rem, b.length);
      for (let nb = 1; nb <= maxNb; nb++) {
        if (count >= cap) return;
        for (const cb of indexCombinations(b.length, nb)) {
          if (count >= cap) return;
          count++;
          if (seen !== null) {
            const key = `${Array.from(cs, (i) => canonical[i]).join(',')}|${Array.from(cb, (i) => canonical[s.length + i]).join(',')}`;
            if (seen.has(key)) continue;
            seen.add(key);
          }
          const seq: ActionCandidate[] = new Array(ns + nb);
          for (let i = 0; i < ns; i++) seq[i] = s[cs[i] as number] as ActionCandidate;
          for (let i = 0; i < nb; i++) seq[ns + i] = b[cb[i] as number] as ActionCandidate;
          yield seq;
        }
      }
    }
  }
}

/** Exhaustive sell-then-buy combinations, once per depth (off in every preset). */
export const combinatorial = defineSequenceGenerator({
  name: 'combinatorial',
  description: 'Every combination of 1..max_sells sells followed by 1..max_buys buys, capped per depth',
  params: combinatorialParams,
  paramDocs: combinatorialParamDocs,
  stage: 'depth',
  order: 100,
  enabledByDefault: true,
  advise(params, call) {
    const n = call.enabled.patterns.length;
    const out: string[] = [];
    if (n < 2) out.push(`combinatorial generators work best with several patterns enabled (currently: ${n})`);
    if (params.maxCombinations > 100) out.push(`combinatorial generator max_combinations=${params.maxCombinations} may cause very long planning times`);
    return out;
  },
  generate(input, params) {
    const { sells, buys } = sellsAndBuys(input);
    return enumerateCombinations(sells, buys, depthLimits(input, params));
  },
});
