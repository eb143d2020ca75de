import { definePattern } from '@planner/contracts';
import type { ActionCandidate } from '@planner/contracts';
import { appendSummed, categoryList, greedyFill, single } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';

/** Sell overweight, buy underweight (spec modules-patterns.md §4.3). */
export const rebalance = definePattern({
  name: 'rebalance',
  description: 'Sells rebalance candidates up to the step limit, then buys rebalance candidates that fit',
  params: depthParams(),
  paramDocs: depthParamDocs(5),
  order: 300,
  enabledByDefault: true,
  // It reads the rebalance categories, which weight_based also fills (modules-calculators.md §9 routing).
  needs: ['rebalance_sells', 'rebalance_buys', 'weight_based'],
  // Without rebalance sells it returns at once.
  emptyWithout: ['rebalance_sells'],
  generate(opportunities, _params, call) {
    const limit = call.maxDepth;
    const sells = categoryList(opportunities, 'rebalance_sells');
    if (sells.length === 0 || limit < 1) return [];
    const seq: ActionCandidate[] = [];
    const cash = appendSummed(seq, call.availableCashEur, [sells], limit);
    greedyFill(seq, cash, [categoryList(opportunities, 'rebalance_buys')], limit);
    return single(seq);
  },
});
