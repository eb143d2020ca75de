import type { ActionCandidate } from '@planner/contracts';
import { defineCalculator } from '@planner/contracts';
import { pyFixed } from '@planner/context';
import * as z from 'zod/mini';
import { averagingDownNarrative } from './narratives.js';
import { eligibleBuyUniverse, qualityOf } from './buy-universe.js';
import { sortByPriority } from './candidate-order.js';
import { heuristicBuy } from './heuristic-buy.js';

export const AveragingDownParamsSchema = z.object({
  /** Large-dip rule (monolith): the loss must be strictly below this. */
  dipThreshold: z._default(z.number().check(z.minimum(-1), z.maximum(0)), -0.2),
  minQualityScore: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.6),
  /** Multiplies the priority; 1.0 reproduces the monolith (which applies no weight). */
  priorityWeight: z._default(z.number().check(z.minimum(0), z.maximum(2)), 1.0),
  /** EUR per buy; absent = the context's minimum worthwhile trade (250 at 2.0 / 0.002). */
  baseTradeAmountEur: z.optional(z.number().check(z.positive())),
  /**
   * `large_dip` (default, monolith): `loss < dipThreshold`. `small_dip`
   * (opt-in, the modular reference's rule): `maxDrawdown <= loss < 0`.
   */
  dipRule: z._default(z.enum(['large_dip', 'small_dip']), 'large_dip'),
  /** Deepest loss the `small_dip` rule still buys (modular default −0.15). */
  maxDrawdown: z._default(z.number().check(z.minimum(-1), z.maximum(0)), -0.15),
});

export const averagingDown = defineCalculator({
  name: 'averaging_down',
  description: 'Buys more of a held, still high-quality security whose price fell well below its average cost',
  params: AveragingDownParamsSchema,
  category: 'averaging_down',
  order: 200,
  enabledByDefault: true,
  sides: ['BUY'],
  narrate: averagingDownNarrative,
  // It buys more of held positions only.
  emptyWithoutPositions: true,
  calculate(ctx, params) {
    if (ctx.weightBasedMode) return [];
    const base = params.baseTradeAmountEur ?? ctx.baseTradeAmountEur;
    // Held value and average cost come from the scored state, not from Position objects (spec §5 edge cases).
    const held = ctx.portfolio.positions;
    const avgPrices = ctx.portfolio.positionAvgPrices;
    const out: ActionCandidate[] = [];
    for (const { sec, price } of eligibleBuyUniverse(ctx)) {
      const quality = qualityOf(ctx, sec.symbol);
      if (quality < params.minQualityScore) continue;
      if (!((held.get(sec.symbol) ?? 0) > 0)) continue;
      const avg = avgPrices.get(sec.symbol);
      if (avg === undefined || !(avg > 0)) continue;
      const loss = (price - avg) / avg;
      const dip = params.dipRule === 'large_dip' ? loss < params.dipThreshold : loss < 0 && loss >= params.maxDrawdown;
      if (!dip) continue;
      out.push(
        heuristicBuy(ctx, sec, price, base, {
          priority: (quality + Math.abs(loss)) * params.priorityWeight * sec.priorityMultiplier,
          reason: `Quality security down ${pyFixed(Math.abs(loss) * 100, 0)}%, averaging down`,
          tags: ['averaging_down', 'buy_low'],
        }),
      );
    }
    return sortByPriority(out);
  },
});
