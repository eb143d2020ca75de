import type { ActionCandidate } from '@planner/contracts';
import { defineCalculator } from '@planner/contracts';
import { pyFixed } from '@planner/context';
import * as z from 'zod/mini';
import { qualityBuyNarrative } from './narratives.js';
import { eligibleBuyUniverse, qualityOf } from './buy-universe.js';
import { sortByPriority } from './candidate-order.js';
import { heuristicBuy } from './heuristic-buy.js';

export const OpportunityBuysParamsSchema = z.object({
  /** Below 0.5 it cannot widen the universe: the 0.5 universe floor still applies (spec §6). */
  minQualityScore: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.7),
  /** Multiplies the priority; 1.0 reproduces the monolith (which applies no weight). */
  priorityWeight: z._default(z.number().check(z.minimum(0), z.maximum(2)), 1.0),
  /** EUR per buy; absent = the context's minimum worthwhile trade (250 at 2.0 / 0.002). */
  baseTradeAmountEur: z.optional(z.number().check(z.positive())),
});

export const opportunityBuys = defineCalculator({
  name: 'opportunity_buys',
  description: 'Buys (or adds to) high-quality securities, held or not',
  params: OpportunityBuysParamsSchema,
  category: 'opportunity_buys',
  order: 300,
  enabledByDefault: true,
  sides: ['BUY'],
  narrate: qualityBuyNarrative,
  calculate(ctx, params) {
    if (ctx.weightBasedMode) return [];
    const base = params.baseTradeAmountEur ?? ctx.baseTradeAmountEur;
    const out: ActionCandidate[] = [];
    for (const { sec, price } of eligibleBuyUniverse(ctx)) {
      const quality = qualityOf(ctx, sec.symbol);
      if (quality < params.minQualityScore) continue;
      out.push(
        heuristicBuy(ctx, sec, price, base, {
          priority: quality * params.priorityWeight * sec.priorityMultiplier,
          reason: `High quality (score: ${pyFixed(quality, 2)})`,
          tags: ['quality', 'opportunity'],
        }),
      );
    }
    return sortByPriority(out);
  },
});
