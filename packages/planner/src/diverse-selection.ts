import type { ActionCandidate, Security } from '@planner/contracts';
import { candidatesEqual, sortStable } from '@planner/context';

/** Cluster of a candidate: its security's country, else industry, else the first 3 chars of the symbol (pipeline.md §5.3). */
export function clusterKey(c: ActionCandidate, securities: ReadonlyMap<string, Security> | null): string {
  const security = securities?.get(c.symbol);
  if (security) {
    if (security.country) return `COUNTRY:${security.country}`;
    if (security.industry) return `INDUSTRY:${security.industry}`;
  }
  return `SYMBOL:${c.symbol.slice(0, 3)}`;
}

export interface DiverseSelectionOptions {
  readonly maxCount: number;
  readonly securitiesBySymbol: ReadonlyMap<string, Security> | null;
  /** Weight of the diversity bonus in the re-rank, clamped to 0..1. */
  readonly diversityWeight: number;
  /** compat #23: the re-rank sees no other selected candidate, so every bonus is 1. */
  readonly rerankIgnoresClusters: boolean;
}

/**
 * Cluster number of each candidate, in order of first sight: equal numbers
 * exactly when `clusterKey` gives equal keys, without building key strings.
 * Category lists are short: a linear search over the clusters seen so far
 * allocates nothing, where three Maps per list did.
 */
function clusterIds(list: readonly ActionCandidate[], securities: ReadonlyMap<string, Security> | null, ids: number[]): number {
  // Per cluster: which field named it (0 country, 1 industry, 2 symbol prefix) and the name.
  const kinds: number[] = [];
  const names: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const security = securities?.get(c.symbol);
    let kind: number;
    let key: string;
    if (security && security.country) {
      kind = 0;
      key = security.country;
    } else if (security && security.industry) {
      kind = 1;
      key = security.industry;
    } else {
      kind = 2;
      key = c.symbol.slice(0, 3);
    }
    let id = 0;
    while (id < names.length && (kinds[id] !== kind || names[id] !== key)) id++;
    if (id === names.length) {
      kinds.push(kind);
      names.push(key);
    }
    ids.push(id);
  }
  return names.length;
}

/**
 * `_select_diverse_opportunities` (pipeline.md §5.3): cluster leaders first,
 * clusters by summed priority, fill by priority, then the priority/diversity re-rank.
 * `list` must already be sorted by priority descending. Works on positions in
 * `list` and cluster numbers.
 */
export function selectDiverse(list: readonly ActionCandidate[], o: DiverseSelectionOptions): ActionCandidate[] {
  if (list.length === 0 || o.maxCount <= 0) return [];
  if (list.length <= o.maxCount) return list.slice();

  const ids: number[] = [];
  const count = clusterIds(list, o.securitiesBySymbol, ids);
  // Each cluster's priority summed in list order (Python's sum).
  const sums: number[] = [];
  for (let k = 0; k < count; k++) sums.push(0);
  for (let i = 0; i < list.length; i++) sums[ids[i]!] = sums[ids[i]!]! + list[i]!.priority;
  const perCluster = Math.max(1, Math.floor(o.maxCount / count));
  const ranked: number[] = [];
  for (let k = 0; k < count; k++) ranked.push(k);
  sortStable(ranked, (a, b) => sums[b]! - sums[a]!);

  const selected: number[] = [];
  for (const k of ranked) {
    // The cluster's first `perCluster` members in list order.
    let taken = 0;
    for (let i = 0; i < list.length && taken < perCluster; i++) {
      if (ids[i] === k) {
        selected.push(i);
        taken++;
      }
    }
    // The last cluster taken may overshoot; the final slice trims it.
    if (selected.length >= o.maxCount) break;
  }
  if (selected.length < o.maxCount) {
    const remaining: number[] = [];
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (!selected.some((s) => candidatesEqual(list[s]!, c))) remaining.push(i);
    }
    sortStable(remaining, (a, b) => list[b]!.priority - list[a]!.priority);
    for (let j = 0; j < remaining.length && selected.length < o.maxCount; j++) selected.push(remaining[j]!);
  }
  return rerank(list, ids, selected, o, o.maxCount);
}

/** The re-rank of the selected candidates; the first `max` of them. */
function rerank(list: readonly ActionCandidate[], ids: readonly number[], selected: number[], o: DiverseSelectionOptions, max: number): ActionCandidate[] {
  const w = Math.max(0, Math.min(1, o.diversityWeight));
  const n = selected.length;
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = list[selected[i]!]!;
    // reference quirk: diverse re-rank ignores clusters — CPython shows the list being
    // sorted as empty to its own key function, so the same-cluster count is always 0.
    let same = 0;
    if (!o.rerankIgnoresClusters) {
      const k = ids[selected[i]!];
      for (let j = 0; j < n; j++) {
        if (ids[selected[j]!] === k && !candidatesEqual(list[selected[j]!]!, c)) same++;
      }
    }
    const bonus = 1.0 / (1.0 + same * 0.5);
    const p = c.priority > 0 ? c.priority / 100.0 : 0.0;
    scores.push((1.0 - w) * p + w * bonus);
  }
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);
  sortStable(order, (a, b) => scores[b]! - scores[a]!);
  const out: ActionCandidate[] = [];
  for (let i = 0; i < n && i < max; i++) out.push(list[selected[order[i]!]!]!);
  return out;
}
