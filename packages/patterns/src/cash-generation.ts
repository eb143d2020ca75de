import { definePattern } from '@planner/contracts';
import type { ActionCandidate } from '@planner/contracts';
import { appendRunning, categoryList, greedyFill, sellLists, single, totalLength } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';

/** All sells up to the limit, then opportunity-first buys (spec modules-patterns.md §4.10). */
export const cashGeneration = definePattern({
  name: 'cash_generation',
  description: 'Sells profit-taking then rebalance candidates up to the step limit, then buys opportunity candidates first',
  params: depthParams(),
  paramDocs: depthParamDocs(5),
  order: 1000,
  enabledByDefault: true,
  // Without sells it returns at once.
  emptyWithout: ['profit_taking', 'rebalance_sells'],
  generate(opportunities, _params, call) {
    const limit = call.maxDepth;
    const sells = sellLists(opportunities);
    if (totalLength(sells) === 0 || limit < 1) return [];
    const seq: ActionCandidate[] = [];
    // Unlike multi_sell, each sell is added to the running cash (§1.4).
    const cash = appendRunning(seq, call.availableCashEur, sells, limit, limit);
    greedyFill(
      seq,
      cash,
      [
        categoryList(opportunities, 'opportunity_buys'),
        categoryList(opportunities, 'averaging_down'),
        categoryList(opportunities, 'rebalance_buys'),
      ],
      limit,
    );
    return single(seq);
  },
});
