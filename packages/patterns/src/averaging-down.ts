import { definePattern } from '@planner/contracts';
import type { ActionCandidate } from '@planner/contracts';
import { categoryList, greedyFill, single } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';

/** Buy quality dips, selling one windfall first when short of cash (spec modules-patterns.md §4.4). */
export const averagingDown = definePattern({
  name: 'averaging_down',
  description: 'Buys averaging-down candidates; sells the first profit-taking candidate when cash does not cover the first buy',
  params: depthParams(),
  paramDocs: depthParamDocs(5),
  order: 400,
  enabledByDefault: true,
  needs: ['averaging_down'],
  // Without averaging-down buys it returns at once.
  emptyWithout: ['averaging_down'],
  // Its one sell is a profit-taking candidate; its buys must fit the cash.
  emptyWhenNothingFits: true,
  generate(opportunities, _params, call) {
    const limit = call.maxDepth;
    const buys = categoryList(opportunities, 'averaging_down');
    const first = buys[0];
    // L < 1 never happens in the driver; returning [] keeps the result within the limit (§4.4).
    if (first === undefined || limit < 1) return [];
    const seq: ActionCandidate[] = [];
    let cash = call.availableCashEur;
    const windfall = categoryList(opportunities, 'profit_taking')[0];
    // Only the first buy's value triggers the sell, and the sell ignores the limit.
    if (cash < first.valueEur && windfall !== undefined) {
      seq.push(windfall);
      cash += windfall.valueEur;
    }
    greedyFill(seq, cash, [buys], limit);
    return single(seq);
  },
});
