import { definePattern } from '@planner/contracts';
import type { ActionCandidate } from '@planner/contracts';
import { appendSummed, buyLists, greedyFill, sellLists, single, totalLength } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';

/** Several sells (profit-taking first), then buys (spec modules-patterns.md §4.6). */
export const multiSell = definePattern({
  name: 'multi_sell',
  description: 'Sells profit-taking then rebalance candidates up to the step limit, then buys that fit',
  params: depthParams(),
  paramDocs: depthParamDocs(5),
  order: 600,
  enabledByDefault: true,
  // Without sells it returns at once.
  emptyWithout: ['profit_taking', 'rebalance_sells'],
  generate(opportunities, _params, call) {
    const limit = call.maxDepth;
    const sells = sellLists(opportunities);
    if (totalLength(sells) === 0 || limit < 1) return [];
    const seq: ActionCandidate[] = [];
    const cash = appendSummed(seq, call.availableCashEur, sells, limit);
    greedyFill(seq, cash, buyLists(opportunities), limit);
    return single(seq);
  },
});
