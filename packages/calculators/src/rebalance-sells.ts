import type { ActionCandidate } from '@planner/contracts';
import { defineCalculator } from '@planner/contracts';
import { compatOf, pyFixed, roundToLot, tradeCandidate } from '@planner/context';
import * as z from 'zod/mini';
import { rebalanceSellNarrative } from './narratives.js';
import { sortByPriority, withoutBlockedSells } from './candidate-order.js';
import { tradeRate } from './trade-rate.js';

export const RebalanceSellsParamsSchema = z.object({
  /** A group sells only when `current > target + overweightThreshold` (strict). */
  overweightThreshold: z._default(z.number().check(z.minimum(0), z.maximum(0.2)), 0.05),
  /** At most this fraction of a position's EUR value per candidate. */
  maxSellPct: z._default(z.number().check(z.gt(0), z.maximum(1)), 0.3),
  /** Multiplies the priority (spec §10: multiplication for sells too); 1.0 reproduces the monolith. */
  priorityWeight: z._default(z.number().check(z.minimum(0), z.maximum(2)), 1.0),
});

export const rebalanceSells = defineCalculator({
  name: 'rebalance_sells',
  description: 'Trims positions in country groups that are above their target weight',
  params: RebalanceSellsParamsSchema,
  category: 'rebalance_sells',
  order: 400,
  enabledByDefault: true,
  sides: ['SELL'],
  narrate: rebalanceSellNarrative,
  // It trims held positions only.
  emptyWithoutPositions: true,
  calculate(ctx, params) {
    if (ctx.weightBasedMode) return [];
    const { countryToGroup, countryWeights, totalValue } = ctx.portfolio;
    const allocations = ctx.countryAllocations;
    const compat = compatOf(ctx);
    const out: ActionCandidate[] = [];
    for (const pos of ctx.positions) {
      const sec = ctx.securitiesBySymbol.get(pos.symbol);
      if (!sec || !sec.allowSell) continue;
      const value = pos.marketValueEur || 0;
      if (value <= 0) continue;
      if (!sec.country) continue;
      // The group comes from Security.country here, while the allocations were keyed
      // through the portfolio's security_countries: asymmetry kept for parity (spec §1.5).
      const group = countryToGroup.get(sec.country) ?? 'OTHER';
      const current = allocations.get(group);
      if (current === undefined) continue;
      const target = countryWeights.get(group) ?? 0;
      if (!(current > target + params.overweightThreshold)) continue;
      const over = current - target;
      const sellEur = Math.min(value * params.maxSellPct, over * totalValue);
      const price = pos.markPrice || pos.avgPrice;
      // The reference divides by zero here; no price means nothing to size.
      if (!(price > 0)) continue;
      const rate = tradeRate(ctx, pos.currency);
      let quantity = Math.trunc((sellEur * rate) / price);
      // reference quirk (trades break the board lot): whole shares, not whole lots.
      if (!compat.tradesBreakBoardLot) quantity = roundToLot(quantity, sec.minLot);
      if (!(quantity > 0)) continue;
      out.push(tradeCandidate(
        'SELL',
        pos.symbol,
        sec.name,
        quantity,
        price,
        // reference quirk (valueEur not from quantity): the un-rounded EUR target, not quantity × price / rate (spec §7).
        compat.valueEurNotFromQuantity ? sellEur : (quantity * price) / rate,
        pos.currency || 'EUR',
        (over * 2 * params.priorityWeight) / sec.priorityMultiplier,
        `Overweight ${group} by ${pyFixed(over * 100, 1)}%`,
        ['rebalance', `overweight_${group.toLowerCase()}`],
      ));
    }
    return sortByPriority(withoutBlockedSells(ctx, out));
  },
});
