import { definePattern } from '@planner/contracts';
import type { ActionCandidate } from '@planner/contracts';
import { categoryList, greedyFill, single } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';

/** Opportunity buys first, then averaging-down and rebalance buys (spec modules-patterns.md §4.8). */
export const opportunityFirst = definePattern({
  name: 'opportunity_first',
  description: 'Buys opportunity candidates first, then fills with averaging-down and rebalance buys',
  params: depthParams(),
  paramDocs: depthParamDocs(5),
  order: 800,
  enabledByDefault: true,
  // Without opportunity buys it returns at once.
  emptyWithout: ['opportunity_buys'],
  // Buys that fit the cash only (greedyFill).
  emptyWhenNothingFits: true,
  generate(opportunities, _params, call) {
    const limit = call.maxDepth;
    const first = categoryList(opportunities, 'opportunity_buys');
    if (first.length === 0 || limit < 1) return [];
    const seq: ActionCandidate[] = [];
    greedyFill(
      seq,
      call.availableCashEur,
      [first, categoryList(opportunities, 'averaging_down'), categoryList(opportunities, 'rebalance_buys')],
      limit,
    );
    return single(seq);
  },
});
