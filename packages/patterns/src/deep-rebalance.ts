import { definePattern } from '@planner/contracts';
import type { ActionCandidate } from '@planner/contracts';
import { appendRunning, categoryList, greedyFill, single } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';

/** Up to half the steps rebalance sells, then rebalance buys; needs both lists (spec modules-patterns.md §4.9). */
export const deepRebalance = definePattern({
  name: 'deep_rebalance',
  description: 'Sells rebalance candidates up to half the step limit (at least one), then buys rebalance candidates',
  params: depthParams(),
  paramDocs: depthParamDocs(5),
  order: 900,
  enabledByDefault: true,
  // It reads the rebalance categories, which weight_based also fills (modules-calculators.md §9 routing).
  needs: ['rebalance_sells', 'rebalance_buys', 'weight_based'],
  // It needs both rebalance lists; an empty sell list alone returns at once.
  emptyWithout: ['rebalance_sells'],
  generate(opportunities, _params, call) {
    const limit = call.maxDepth;
    const sells = categoryList(opportunities, 'rebalance_sells');
    const buys = categoryList(opportunities, 'rebalance_buys');
    if (sells.length === 0 || buys.length === 0 || limit < 1) return [];
    const seq: ActionCandidate[] = [];
    const maxSells = Math.max(1, Math.floor(limit / 2));
    const cash = appendRunning(seq, call.availableCashEur, [sells], maxSells, limit);
    greedyFill(seq, cash, [buys], limit);
    return single(seq);
  },
});
