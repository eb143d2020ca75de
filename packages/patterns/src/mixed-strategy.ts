import { definePattern } from '@planner/contracts';
import type { ActionCandidate } from '@planner/contracts';
import { appendRunning, buyLists, greedyFill, sellLists, single, totalLength } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';

/** Up to half the steps sells, then buys (spec modules-patterns.md §4.7). */
export const mixedStrategy = definePattern({
  name: 'mixed_strategy',
  description: 'Sells up to half the step limit (at least one), then buys that fit',
  params: depthParams(),
  paramDocs: depthParamDocs(5),
  order: 700,
  enabledByDefault: true,
  // Without sells and buys it returns at once.
  emptyWithout: ['profit_taking', 'rebalance_sells', 'averaging_down', 'rebalance_buys', 'opportunity_buys'],
  // Sells from the sell lists, then buys that fit (greedyFill).
  emptyWhenNothingFits: true,
  generate(opportunities, _params, call) {
    const limit = call.maxDepth;
    const sells = sellLists(opportunities);
    const buys = buyLists(opportunities);
    if ((totalLength(sells) === 0 && totalLength(buys) === 0) || limit < 1) return [];
    const seq: ActionCandidate[] = [];
    const maxSells = Math.max(1, Math.floor(limit / 2));
    // Running `cash += value` form (§1.4).
    const cash = appendRunning(seq, call.availableCashEur, sells, maxSells, limit);
    greedyFill(seq, cash, buys, limit);
    return single(seq);
  },
});
