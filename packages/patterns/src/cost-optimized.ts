import { definePattern } from '@planner/contracts';
import { sortStable } from '@planner/context';
import type { ActionCandidate } from '@planner/contracts';
import { buyLists, containsEqual, sellLists, single, totalLength } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';

/** Sells in category order, then buys by global priority (spec modules-patterns.md §4.11). */
export const costOptimized = definePattern({
  name: 'cost_optimized',
  description: 'Sells profit-taking then rebalance candidates, then the highest-priority buys that fit, each once',
  params: depthParams(),
  paramDocs: depthParamDocs(5),
  order: 1100,
  enabledByDefault: true,
  // Every candidate it takes comes from one of the five lists.
  emptyWithout: ['profit_taking', 'rebalance_sells', 'averaging_down', 'rebalance_buys', 'opportunity_buys'],
  // Sells from the sell lists, then BUYs that fit.
  emptyWhenNothingFits: true,
  generate(opportunities, _params, call) {
    const limit = call.maxDepth;
    if (limit < 1) return [];
    const sells = sellLists(opportunities);
    const lists = [...sells, ...buyLists(opportunities)];
    if (totalLength(lists) === 0) return [];
    // Only BUYs of the ranked list are ever taken, so ranking just those keeps
    // their relative order (stable sort, priority descending); collected list
    // by list, without building the concatenation.
    const ranked: ActionCandidate[] = [];
    for (const list of lists) for (const c of list) if (c.side === 'BUY') ranked.push(c);
    sortStable(ranked, byPriorityDesc);
    const seq: ActionCandidate[] = [];
    let cash = call.availableCashEur;
    selling: for (const list of sells) {
      for (const c of list) {
        if (seq.length >= limit) break selling;
        if (c.side === 'SELL') {
          seq.push(c);
          cash += c.valueEur;
        }
      }
    }
    for (const c of ranked) {
      if (seq.length >= limit) break;
      if (c.valueEur <= cash && !containsEqual(seq, c)) {
        seq.push(c);
        cash -= c.valueEur;
      }
    }
    return single(seq);
  },
});

function byPriorityDesc(a: ActionCandidate, b: ActionCandidate): number {
  return a.priority < b.priority ? 1 : a.priority > b.priority ? -1 : 0;
}
