import type { ActionCandidate, OpportunityCategory } from '@planner/contracts';
import { defineCalculator } from '@planner/contracts';
import {
  calculateWeightGaps,
  compatOf,
  emptyCategories,
  isTradeWorthwhile,
  processBuyOpportunity,
  processSellOpportunity,
} from '@planner/context';
import * as z from 'zod/mini';
import { weightBasedNarrative } from './narratives.js';
import { sortByPriority } from './candidate-order.js';
import { tradeRate } from './trade-rate.js';

export const WeightBasedParamsSchema = z.object({
  /** Gaps at or below this (strict `>`) are ignored; 0.005 is the monolith's hard-coded value. */
  minGapThreshold: z._default(z.number().check(z.minimum(0), z.maximum(0.1)), 0.005),
  /** Fixed cost per trade for the worthwhileness test; absent = the context's (the planner call's) cost. */
  transactionCostFixed: z.optional(z.number().check(z.minimum(0))),
  /** Variable cost fraction for the worthwhileness test; absent = the context's cost. */
  transactionCostPercent: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
});

/**
 * Where the monolith puts a weight-based candidate (spec modules-calculators.md
 * §3, pipeline.md §5.2.2): buys below average cost carry the `averaging_down`
 * tag, other buys are rebalance buys, sells are rebalance sells.
 */
export function weightBasedCategory(candidate: ActionCandidate): OpportunityCategory {
  if (candidate.side === 'SELL') return 'rebalance_sells';
  return candidate.tags.includes('averaging_down') ? 'averaging_down' : 'rebalance_buys';
}

export const weightBased = defineCalculator({
  name: 'weight_based',
  description: "Moves the portfolio toward the optimizer's per-symbol target weights",
  params: WeightBasedParamsSchema,
  category: weightBasedCategory,
  order: 600,
  enabledByDefault: true,
  sides: ['BUY', 'SELL'],
  narrate: weightBasedNarrative,
  calculate(ctx, params) {
    if (!ctx.weightBasedMode) return [];
    const total = ctx.portfolio.totalValue;
    if (total <= 0) return [];
    const current = new Map<string, number>();
    for (const [symbol, value] of ctx.portfolio.positions) current.set(symbol, value / total);
    const gaps = calculateWeightGaps(ctx.targetWeights, current, total, params.minGapThreshold);
    const fixed = params.transactionCostFixed ?? ctx.transactionCostFixed;
    const percent = params.transactionCostPercent ?? ctx.transactionCostPercent;
    const excluded = { recentlySold: ctx.recentlySold, ineligible: ctx.ineligibleSymbols };
    // The shared steps also append to per-category lists (a scratch here); we keep
    // the returned candidates in gap order so that priority ties keep the monolith's gap order.
    const scratch = emptyCategories();
    const compat = compatOf(ctx);
    const out: ActionCandidate[] = [];
    for (const gap of gaps) {
      const price = ctx.currentPrices.get(gap.symbol) ?? 0;
      if (price <= 0) continue;
      if (!isTradeWorthwhile(gap.gapValue, fixed, percent)) continue;
      const security = ctx.securitiesBySymbol.get(gap.symbol);
      const position = ctx.positionsBySymbol.get(gap.symbol);
      const sizing = {
        rate: tradeRate(ctx, security?.currency),
        ignoresFx: compat.weightBasedIgnoresFx,
        breaksLot: compat.tradesBreakBoardLot,
      };
      const candidate =
        gap.gap > 0
          ? processBuyOpportunity(gap, security, position, price, scratch, sizing)
          : processSellOpportunity(gap, security, position, price, scratch, excluded, sizing);
      if (candidate) out.push(candidate);
    }
    return sortByPriority(out);
  },
});
