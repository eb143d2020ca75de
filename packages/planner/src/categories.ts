import type { ActionCandidate, OpportunityCategory } from '@planner/contracts';
import { OPPORTUNITY_CATEGORIES } from '@planner/contracts';
import { sortStable } from '@planner/context';

/** The five category lists patterns read; every list present. */
export type CategoryLists = Record<OpportunityCategory, ActionCandidate[]>;

export function emptyCategoryLists(): CategoryLists {
  return { profit_taking: [], averaging_down: [], opportunity_buys: [], rebalance_sells: [], rebalance_buys: [] };
}

/**
 * One bit per category, in OPPORTUNITY_CATEGORIES order: the bits of a
 * module's `emptyWithout` (ModuleSet) and of `nonEmptyCategories` match.
 */
export function categoryBit(category: OpportunityCategory): number {
  const i = OPPORTUNITY_CATEGORIES.indexOf(category);
  return i < 0 ? 0 : 1 << i;
}

/** The bits (categoryBit) of the lists that hold a candidate; one read per list, once per depth walk. */
export function nonEmptyCategories(lists: CategoryLists): number {
  return (
    (lists.profit_taking.length > 0 ? 1 : 0) | (lists.averaging_down.length > 0 ? 2 : 0)
    | (lists.opportunity_buys.length > 0 ? 4 : 0) | (lists.rebalance_sells.length > 0 ? 8 : 0)
    | (lists.rebalance_buys.length > 0 ? 16 : 0)
  );
}

/**
 * Whether a pattern that declares `emptyWhenNothingFits` may find something:
 * a sell list holds a candidate, or another list holds a candidate that is not
 * a BUY or whose value does not exceed `cash` (NaN counts as fitting).
 */
export function somethingFits(lists: CategoryLists, cash: number): boolean {
  if (lists.profit_taking.length > 0 || lists.rebalance_sells.length > 0) return true;
  return anyFits(lists.averaging_down, cash) || anyFits(lists.rebalance_buys, cash) || anyFits(lists.opportunity_buys, cash);
}

function anyFits(list: readonly ActionCandidate[], cash: number): boolean {
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c.side !== 'BUY' || !(c.valueEur > cash)) return true;
  }
  return false;
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
