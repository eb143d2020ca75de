import type { ActionCandidate, OpportunityCategory } from '@planner/contracts';
import { OPPORTUNITY_CATEGORIES } from '@planner/contracts';
import { sortStable } from '@planner/context';

/** The five category lists patterns read; every list present. */
export type CategoryLists = Record<OpportunityCategory, ActionCandidate[]>;

export function emptyCategoryLists(): CategoryLists {
  return { profit_taking: [], averaging_down: [], opportunity_buys: [], rebalance_sells: [], rebalance_buys: [] };
}

/**
 * One bit per category, in OPPORTUNITY_CATEGORIES order, then two more: the
 * bits of what a pattern call offers (`patternInputs`), matched against a
 * resolved pattern's promises (ModuleSet `ResolvedPattern`).
 */
export function categoryBit(category: OpportunityCategory): number {
  const i = OPPORTUNITY_CATEGORIES.indexOf(category);
  return i < 0 ? 0 : 1 << i;
}

/** Set in every call's inputs: a pattern that promises nothing runs with any input. */
export const ANY_INPUT = 32;
/** Set when a sell list holds a candidate, or a buy list a candidate that fits the cash (`emptyWhenNothingFits`). */
export const SOMETHING_FITS = 64;

/**
 * What a pattern call on `lists` with `cash` offers, as bits: each non-empty
 * list's categoryBit, ANY_INPUT, and SOMETHING_FITS when a sell list holds a
 * candidate or another list holds one that is not a BUY or whose value does
 * not exceed `cash` (NaN counts as fitting). Once per depth walk.
 */
export function patternInputs(lists: CategoryLists, cash: number): number {
  const sells = (lists.profit_taking.length > 0 ? 1 : 0) | (lists.rebalance_sells.length > 0 ? 8 : 0);
  const buys = (lists.averaging_down.length > 0 ? 2 : 0) | (lists.opportunity_buys.length > 0 ? 4 : 0)
    | (lists.rebalance_buys.length > 0 ? 16 : 0);
  const fits = sells !== 0 || anyFits(lists.averaging_down, cash) || anyFits(lists.rebalance_buys, cash)
    || anyFits(lists.opportunity_buys, cash);
  return sells | buys | ANY_INPUT | (fits ? SOMETHING_FITS : 0);
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
