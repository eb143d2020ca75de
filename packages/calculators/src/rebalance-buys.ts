import type { ActionCandidate } from '@planner/contracts';
import { defineCalculator } from '@planner/contracts';
import { pyFixed } from '@planner/context';
import * as z from 'zod/mini';
import { rebalanceBuyNarrative } from './narratives.js';
import { eligibleBuyUniverse, qualityOf } from './buy-universe.js';
import { sortByPriority } from './candidate-order.js';
import { heuristicBuy } from './heuristic-buy.js';

export const RebalanceBuysParamsSchema = z.object({
  /** A group buys only when `current < target − underweightThreshold` (strict). */
  underweightThreshold: z._default(z.number().check(z.minimum(0), z.maximum(0.2)), 0.05),
  /** Multiplies the priority; 1.0 reproduces the monolith (which applies no weight). */
  priorityWeight: z._default(z.number().check(z.minimum(0), z.maximum(2)), 1.0),
  /** EUR per buy; absent = the context's minimum worthwhile trade (250 at 2.0 / 0.002). */
  baseTradeAmountEur: z.optional(z.number().check(z.positive())),
});

export const rebalanceBuys = defineCalculator({
  name: 'rebalance_buys',
  description: 'Buys securities whose country group is below its target weight',
  params: RebalanceBuysParamsSchema,
  category: 'rebalance_buys',
  order: 500,
  enabledByDefault: true,
  sides: ['BUY'],
  narrate: rebalanceBuyNarrative,
  calculate(ctx, params) {
    if (ctx.weightBasedMode) return [];
    const base = params.baseTradeAmountEur ?? ctx.baseTradeAmountEur;
    const { countryToGroup, countryWeights } = ctx.portfolio;
    const out: ActionCandidate[] = [];
    for (const { sec, price } of eligibleBuyUniverse(ctx)) {
      if (!sec.country) continue;
      const group = countryToGroup.get(sec.country) ?? 'OTHER';
      const target = countryWeights.get(group) ?? 0;
      const current = ctx.countryAllocations.get(group) ?? 0;
      if (!(current < target - params.underweightThreshold)) continue;
      const under = target - current;
      const quality = qualityOf(ctx, sec.symbol);
      out.push(
        heuristicBuy(ctx, sec, price, base, {
          priority: (under * 2 + quality * 0.5) * params.priorityWeight * sec.priorityMultiplier,
          reason: `Underweight ${group} by ${pyFixed(under * 100, 1)}%`,
          tags: ['rebalance', `underweight_${group.toLowerCase()}`],
        }),
      );
    }
    return sortByPriority(out);
  },
});
