import type { ActionCandidate, OpportunityCategory } from '@planner/contracts';
import { sortStable } from '@planner/context';

/** The five category lists patterns read; every list present. */
export type CategoryLists = Record<OpportunityCategory, ActionCandidate[]>;

export function emptyCategoryLists(): CategoryLists {
  return { profit_taking: [], averaging_down: [], opportunity_buys: [], rebalance_sells: [], rebalance_buys: [] };
}

export function countCandidates(lists: CategoryLists): number {
  return (
    lists.profit_taking.length + lists.averaging_down.length + lists.opportunity_buys.length
    + lists.rebalance_sells.length + lists.rebalance_buys.length
  );
}

/** Stable sort by priority, highest first (Python `sort(key=priority, reverse=True)` keeps ties in order). */
export function sortByPriorityDesc(list: ActionCandidate[]): ActionCandidate[] {
  return sortStable(list, byPriorityDesc);
}

function byPriorityDesc(a: ActionCandidate, b: ActionCandidate): number {
  return b.priority - a.priority;
}
