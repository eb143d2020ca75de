import { definePattern } from '@planner/contracts';
import type { ActionCandidate } from '@planner/contracts';
import { appendSummed, categoryList, greedyFill, single } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';

/** Sell windfalls, reinvest in averaging-down and rebalance buys (spec modules-patterns.md §4.2). */
export const profitTaking = definePattern({
  name: 'profit_taking',
  description: 'Sells profit-taking candidates up to the step limit, then reinvests in averaging-down and rebalance buys',
  params: depthParams(),
  paramDocs: depthParamDocs(5),
  order: 200,
  enabledByDefault: true,
  needs: ['profit_taking'],
  // The sells come first and without them it returns at once.
  emptyWithout: ['profit_taking'],
  generate(opportunities, _params, call) {
    const limit = call.maxDepth;
    const sells = categoryList(opportunities, 'profit_taking');
    if (sells.length === 0 || limit < 1) return [];
    const seq: ActionCandidate[] = [];
    // `cash₀ + Σ` form (§1.4): the sells are summed first, then added.
    const cash = appendSummed(seq, call.availableCashEur, [sells], limit);
    greedyFill(
      seq,
      cash,
      [categoryList(opportunities, 'averaging_down'), categoryList(opportunities, 'rebalance_buys')],
      limit,
    );
    return single(seq);
  },
});
