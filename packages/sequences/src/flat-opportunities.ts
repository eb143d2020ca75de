import { OPPORTUNITY_CATEGORIES } from '@planner/contracts';
import type { ActionCandidate, OpportunitiesByCategory } from '@planner/contracts';

/**
 * The flat opportunity list the modular generators read: categories in
 * canonical calculator order (profit_taking, averaging_down,
 * opportunity_buys, rebalance_sells, rebalance_buys), each in its own order.
 */
export function flatOpportunities(opportunities: OpportunitiesByCategory): ActionCandidate[] {
  const out: ActionCandidate[] = [];
  for (const category of OPPORTUNITY_CATEGORIES) for (const c of opportunities[category] ?? []) out.push(c);
  return out;
}
