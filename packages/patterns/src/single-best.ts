import { definePattern } from '@planner/contracts';
import type { ActionCandidate } from '@planner/contracts';
import { categoryList } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';

/** One highest-priority action, no fallback (spec modules-patterns.md §4.5). */
export const singleBest = definePattern({
  name: 'single_best',
  description: 'The single highest-priority action; a buy only if the cash covers it',
  params: depthParams(),
  paramDocs: depthParamDocs(1),
  order: 500,
  enabledByDefault: true,
  // It picks from all five lists.
  emptyWithout: ['profit_taking', 'averaging_down', 'rebalance_sells', 'rebalance_buys', 'opportunity_buys'],
  // Its best is a SELL or a BUY the cash covers.
  emptyWhenNothingFits: true,
  generate(opportunities, _params, call) {
    if (call.maxDepth < 1) return [];
    let best: ActionCandidate | undefined;
    // Scan order breaks ties: the first maximum wins (strict `>`).
    for (const key of ['profit_taking', 'averaging_down', 'rebalance_sells', 'rebalance_buys', 'opportunity_buys'] as const) {
      for (const c of categoryList(opportunities, key)) {
        if (best === undefined || c.priority > best.priority) best = c;
      }
    }
    if (best === undefined) return [];
    if (best.side === 'BUY' && best.valueEur <= call.availableCashEur) return [[best]];
    if (best.side === 'SELL') return [[best]];
    return [];
  },
});
