import type { ActionCandidate } from '@planner/contracts';
import { candidatesEqual } from '@planner/context';
import { type DiverseSelectionOptions, clusterKey } from '../src/diverse-selection.js';

// The implementation before the cluster-number rewrite (key strings, object rows): the oracle of the equality test.

/**
 * `_select_diverse_opportunities` (pipeline.md §5.3): cluster leaders first,
 * clusters by summed priority, fill by priority, then the priority/diversity re-rank.
 * `list` must already be sorted by priority descending.
 */
export function selectDiverseSlow(list: readonly ActionCandidate[], o: DiverseSelectionOptions): ActionCandidate[] {
  if (list.length === 0 || o.maxCount <= 0) return [];
  if (list.length <= o.maxCount) return list.slice();

  const clusters = new Map<string, ActionCandidate[]>();
  for (const c of list) {
    const key = clusterKey(c, o.securitiesBySymbol);
    const members = clusters.get(key);
    if (members) members.push(c);
    else clusters.set(key, [c]);
  }
  const perCluster = Math.max(1, Math.floor(o.maxCount / clusters.size));
  const ranked = [...clusters.values()]
    .map((members) => ({ members, sum: members.reduce((s, c) => s + c.priority, 0) }))
    .sort((a, b) => b.sum - a.sum);

  const selected: ActionCandidate[] = [];
  for (const { members } of ranked) {
    selected.push(...members.slice(0, perCluster));
    // The last cluster taken may overshoot; the final slice trims it.
    if (selected.length >= o.maxCount) break;
  }
  if (selected.length < o.maxCount) {
    const remaining = list
      .filter((c) => !selected.some((s) => candidatesEqual(s, c)))
      .sort((a, b) => b.priority - a.priority);
    selected.push(...remaining.slice(0, o.maxCount - selected.length));
  }
  return rerank(selected, o).slice(0, o.maxCount);
}

function rerank(selected: ActionCandidate[], o: DiverseSelectionOptions): ActionCandidate[] {
  const w = Math.max(0, Math.min(1, o.diversityWeight));
  const keys = o.rerankIgnoresClusters ? null : selected.map((c) => clusterKey(c, o.securitiesBySymbol));
  const scored = selected.map((c, i) => {
    // reference quirk: diverse re-rank ignores clusters — CPython shows the list being
    // sorted as empty to its own key function, so the same-cluster count is always 0.
    let same = 0;
    if (keys !== null) {
      for (let j = 0; j < selected.length; j++) {
        if (keys[j] === keys[i] && !candidatesEqual(selected[j]!, c)) same++;
      }
    }
    const bonus = 1.0 / (1.0 + same * 0.5);
    const p = c.priority > 0 ? c.priority / 100.0 : 0.0;
    return { c, score: (1.0 - w) * p + w * bonus };
  });
  scored.sort((a, b) => b.score - a.score);
  return scored.map((s) => s.c);
}
