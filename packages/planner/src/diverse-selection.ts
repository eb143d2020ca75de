import type { ActionCandidate, Security } from '@planner/contracts';
import { candidatesEqual } from '@planner/context';

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
 */
function clusterIds(list: readonly ActionCandidate[], securities: ReadonlyMap<string, Security> | null): { ids: Int32Array; count: number } {
  const countries = new Map<string, number>();
  const industries = new Map<string, number>();
  const prefixes = new Map<string, number>();
  const ids = new Int32Array(list.length);
  let count = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const security = securities?.get(c.symbol);
    let map: Map<string, number>;
    let key: string;
    if (security && security.country) {
      map = countries;
      key = security.country;
    } else if (security && security.industry) {
      map = industries;
      key = security.industry;
    } else {
      map = prefixes;
      key = c.symbol.slice(0, 3);
    }
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = count++));
    ids[i] = id;
  }
  return { ids, count };
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

  const { ids, count } = clusterIds(list, o.securitiesBySymbol);
  // Members of each cluster in list order, and their priority summed in that order (Python's sum).
  const members: number[][] = [];
  const sums = new Float64Array(count);
  for (let k = 0; k < count; k++) members.push([]);
  for (let i = 0; i < list.length; i++) {
    const k = ids[i]!;
    members[k]!.push(i);
    sums[k] = sums[k]! + list[i]!.priority;
  }
  const perCluster = Math.max(1, Math.floor(o.maxCount / count));
  const ranked = Array.from(members.keys()).sort((a, b) => sums[b]! - sums[a]!);

  const selected: number[] = [];
  for (const k of ranked) {
    const m = members[k]!;
    for (let j = 0; j < m.length && j < perCluster; j++) selected.push(m[j]!);
    // The last cluster taken may overshoot; the final slice trims it.
    if (selected.length >= o.maxCount) break;
  }
  if (selected.length < o.maxCount) {
    const remaining: number[] = [];
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (!selected.some((s) => candidatesEqual(list[s]!, c))) remaining.push(i);
    }
    remaining.sort((a, b) => list[b]!.priority - list[a]!.priority);
    for (let j = 0; j < remaining.length && selected.length < o.maxCount; j++) selected.push(remaining[j]!);
  }
  return rerank(list, ids, selected, o).slice(0, o.maxCount);
}

function rerank(list: readonly ActionCandidate[], ids: Int32Array, selected: number[], o: DiverseSelectionOptions): ActionCandidate[] {
  const w = Math.max(0, Math.min(1, o.diversityWeight));
  const n = selected.length;
  const scores = new Float64Array(n);
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
    scores[i] = (1.0 - w) * p + w * bonus;
  }
  const order = Array.from(selected.keys()).sort((a, b) => scores[b]! - scores[a]!);
  return order.map((i) => list[selected[i]!]!);
}
