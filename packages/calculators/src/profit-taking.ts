import type { ActionCandidate } from '@planner/contracts';
import { defineCalculator } from '@planner/contracts';
import { compatOf, roundToLot, tradeCandidate } from '@planner/context';
import * as z from 'zod/mini';
import { windfallSellNarrative } from './narratives.js';
import { sortByPriority, withoutBlockedSells } from './candidate-order.js';
import { tradeRate } from './trade-rate.js';
import { windfallRecommendation } from './windfall.js';

const DEFAULT_CAGR = 0.1;

export const ProfitTakingParamsSchema = z.object({
  /**
   * Accepted for preset compatibility; the reference reads it nowhere. Only
   * with `applyWindfallThreshold` does it replace the 0.25 medium-windfall
   * cut-off of the sell decision (spec modules-calculators.md §4).
   */
  windfallThreshold: z._default(z.number().check(z.minimum(0), z.maximum(2)), 0.3),
  /** Multiplies the priority; 1.0 reproduces the monolith (which applies no weight). */
  priorityWeight: z._default(z.number().check(z.minimum(0), z.maximum(2)), 1.0),
  /** Opt-in: make `windfallThreshold` the medium-windfall cut-off. */
  applyWindfallThreshold: z._default(z.boolean(), false),
});

export const profitTaking = defineCalculator({
  name: 'profit_taking',
  description: 'Trims positions whose gain is well above what their historical growth explains, and positions that doubled',
  params: ProfitTakingParamsSchema,
  category: 'profit_taking',
  order: 100,
  enabledByDefault: true,
  sides: ['SELL'],
  sliderParams: { windfallThreshold: 'windfall_threshold' },
  narrate: windfallSellNarrative,
  // It trims held positions only.
  emptyWithoutPositions: true,
  calculate(ctx, params) {
    if (ctx.weightBasedMode) return [];
    // A literal with every key (no conditional spread) keeps the input objects one shape.
    const mediumExcess = params.applyWindfallThreshold ? params.windfallThreshold : undefined;
    const compat = compatOf(ctx);
    const out: ActionCandidate[] = [];
    for (const pos of ctx.positions) {
      const sec = ctx.securitiesBySymbol.get(pos.symbol);
      if (!sec || !sec.allowSell) continue;
      if (!((pos.marketValueEur || 0) > 0)) continue;
      // Python `current_price or avg_price`: a zero mark falls back to the average.
      const price = pos.markPrice || pos.avgPrice;
      let historicalCagr = ctx.historicalCagr.get(pos.symbol);
      // Coverage exclusion: the context fills historicalCagr for every security (contracts: CAGR_5Y,
      // else CAGR_10Y, else 0.10) and a position without a security was skipped above, so no
      // built context reaches this; it only guards a hand-built context that lacks the entry.
      /* v8 ignore next -- @preserve */
      if (historicalCagr === undefined) historicalCagr = DEFAULT_CAGR;
      const rec = windfallRecommendation({
        currentPrice: price,
        avgPrice: pos.avgPrice,
        firstBoughtAt: pos.firstBoughtAt,
        historicalCagr,
        asOfMs: ctx.asOfMs,
        mediumExcess,
      });
      if (rec === null) continue;
      let quantity = Math.trunc(pos.quantity * (rec.suggestedSellPct / 100));
      // reference quirk (trades break the board lot): whole shares, not whole lots.
      if (!compat.tradesBreakBoardLot) quantity = roundToLot(quantity, sec.minLot);
      // reference quirk (0-share sells): a sell that truncates to 0 shares is still proposed (spec §4).
      if (!compat.zeroShareSells && quantity <= 0) continue;
      const native = quantity * price;
      // tradeRate is always positive (context fxRate maps non-positive rates to 1).
      const rate = tradeRate(ctx, pos.currency);
      out.push(tradeCandidate(
        'SELL',
        pos.symbol,
        sec.name,
        quantity,
        price,
        native / rate,
        pos.currency || 'EUR',
        ((rec.windfallScore + 0.5) * params.priorityWeight) / sec.priorityMultiplier,
        rec.reason,
        ['windfall', 'profit_taking'],
      ));
    }
    return sortByPriority(withoutBlockedSells(ctx, out));
  },
});
