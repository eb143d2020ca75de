import { definePattern } from '@planner/contracts';
import * as z from 'zod/mini';
import type { ActionCandidate } from '@planner/contracts';
import { appendRunning, breakFill, categoryList, containsEqual, single } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';

const MarketRegimeParamsSchema = z.extend(depthParams(), {
  marketRegime: z.optional(z.enum(['bull', 'bear', 'sideways'])),
});

/** Param descriptions for `planner modules` and the JSON Schema (kept off zod's global registry). */
const marketRegimeParamDocs = {
  ...depthParamDocs(5),
  marketRegime: "regime of this pattern; absent: the planner's market_regime setting",
};

/**
 * A regime-specific sequence (spec modules-patterns.md §4.13). The monolith
 * never calls it, so it only runs when enabled; every regime other than
 * `bull` and `bear` behaves as `sideways`. The regime written in the
 * pattern's own params (as the presets do) wins over the planner setting the
 * call carries.
 */
export const marketRegime = definePattern({
  name: 'market_regime',
  description: 'One sequence shaped by the market regime: bull takes profits and buys opportunities, bear de-risks and averages down, sideways rebalances',
  params: MarketRegimeParamsSchema,
  paramDocs: marketRegimeParamDocs,
  order: 1300,
  enabledByDefault: true,
  stage: 'once',
  // Every regime takes only candidates of the five lists.
  emptyWithout: ['profit_taking', 'rebalance_sells', 'averaging_down', 'rebalance_buys', 'opportunity_buys'],
  // Sells from the sell lists, then buys until one does not fit (breakFill).
  emptyWhenNothingFits: true,
  generate(opportunities, params, call) {
    const limit = call.maxDepth;
    if (limit < 1) return [];
    // Each category is first cut to the per-category cap (slice matches Python's `[:cap]`).
    const cap = call.maxOpportunitiesPerCategory;
    const profit = categoryList(opportunities, 'profit_taking').slice(0, cap);
    const rebalanceSells = categoryList(opportunities, 'rebalance_sells').slice(0, cap);
    const averaging = categoryList(opportunities, 'averaging_down').slice(0, cap);
    const rebalanceBuys = categoryList(opportunities, 'rebalance_buys').slice(0, cap);
    const opportunity = categoryList(opportunities, 'opportunity_buys').slice(0, cap);
    const seq: ActionCandidate[] = [];
    let cash = call.availableCashEur;
    const regime: string = params.marketRegime ?? call.marketRegime;
    if (regime === 'bull') {
      cash = appendRunning(seq, cash, [profit], 2, limit);
      breakFill(seq, cash, [opportunity, rebalanceBuys], limit);
    } else if (regime === 'bear') {
      const maxSells = Math.floor(limit / 2);
      sells: for (const list of [profit, rebalanceSells]) {
        for (const c of list) {
          if (seq.length >= maxSells) break sells;
          if (!containsEqual(seq, c)) {
            seq.push(c);
            cash += c.valueEur;
          }
        }
      }
      breakFill(seq, cash, [averaging], limit);
    } else {
      cash = appendRunning(seq, cash, [rebalanceSells], 2, limit);
      breakFill(seq, cash, [rebalanceBuys, opportunity], limit);
    }
    return single(seq);
  },
});
