import { definePattern } from '@planner/contracts';
import type { ActionCandidate } from '@planner/contracts';
import { buyLists, greedyFill, single } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';

/** Spend existing cash on buys, no sells (spec modules-patterns.md §4.1; monolith order, no sort). */
export const directBuy = definePattern({
  name: 'direct_buy',
  description: 'Buys with the available cash only: averaging-down, then rebalance, then opportunity buys',
  params: depthParams(),
  paramDocs: depthParamDocs(5),
  order: 100,
  enabledByDefault: true,
  // Only buys are taken: without any, greedyFill adds nothing.
  emptyWithout: ['averaging_down', 'rebalance_buys', 'opportunity_buys'],
  // Buys that fit the cash only.
  emptyWhenNothingFits: true,
  generate(opportunities, _params, call) {
    const limit = call.maxDepth;
    const cash = call.availableCashEur;
    // The cash guard comes first: a zero-value candidate is not taken with zero cash.
    if (cash <= 0 || limit < 1) return [];
    const seq: ActionCandidate[] = [];
    greedyFill(seq, cash, buyLists(opportunities), limit);
    return single(seq);
  },
});
