import type { ActionCandidate, OpportunityContext } from '@planner/contracts';
import { sortStable } from '@planner/context';

/** Priority descending; Array.prototype.sort is stable, so ties keep input order like Python's sort. */
export function sortByPriority(candidates: ActionCandidate[]): ActionCandidate[] {
  return sortStable(candidates, byPriorityDesc);
}

function byPriorityDesc(a: ActionCandidate, b: ActionCandidate): number {
  return b.priority - a.priority;
}

/**
 * The monolith's post-filter on heuristic sells (spec §3): sells of symbols in
 * their sell cooldown or ineligible for selling are dropped after computing.
 */
export function withoutBlockedSells(ctx: OpportunityContext, candidates: ActionCandidate[]): ActionCandidate[] {
  return candidates.filter((c) => !ctx.recentlySold.has(c.symbol) && !ctx.ineligibleSymbols.has(c.symbol));
}
