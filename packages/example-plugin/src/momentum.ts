import type { ActionCandidate } from '@planner/contracts';
import { defineCalculator } from '@planner/contracts';
import { z } from 'zod';
import { sizeBuy } from './lot-size.js';

/** The tag that marks a momentum buy; `momentum_first` finds them by it. */
export const MOMENTUM_TAG = 'momentum';

export const MomentumParamsSchema = z.object({
  minCagr: z.number().min(-1).max(10).default(0.12),
  minSharpe: z.number().min(-10).max(10).default(1.0),
  /** Absent: 250 EUR at the 2.0 / 0.002 costs. */
  targetValueEur: z.number().positive().optional(),
  /** As `priority_weight` does for the standard calculators. */
  priorityWeight: z.number().min(0).max(2).default(1.0),
});

/** Shown by `planner modules` and the JSON Schema; `paramDocs` rather than `.describe()`, which fills zod's global registry at import. */
const momentumParamDocs = {
  minCagr: 'minimum 5-year CAGR, as a fraction (0.12 = 12% a year)',
  minSharpe: 'minimum Sharpe ratio',
  targetValueEur: "EUR per buy; unset = the planner's minimum worthwhile trade",
  priorityWeight: 'multiplies the priority of every momentum buy',
};

export type MomentumParams = z.output<typeof MomentumParamsSchema>;

// How far above the bar a metric must be for the full bonus: 10 CAGR points, 1 Sharpe point.
const CAGR_SPAN = 0.1;
const SHARPE_SPAN = 1.0;

/**
 * Momentum strength on [0.5, 1]: 0.5 for a security exactly at both bars,
 * up to 1 when both are a full span above. Keeps priorities on the same
 * scale as the standard calculators (quality scores around 0.5 to 0.9).
 */
export function momentumStrength(cagr: number, sharpe: number, params: Pick<MomentumParams, 'minCagr' | 'minSharpe'>): number {
  const c = Math.min(1, (cagr - params.minCagr) / CAGR_SPAN);
  const s = Math.min(1, (sharpe - params.minSharpe) / SHARPE_SPAN);
  return 0.5 + 0.25 * c + 0.25 * s;
}


function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export const momentum = defineCalculator({
  name: 'momentum',
  description: 'Buys securities with a strong 5-year CAGR and Sharpe ratio (example plugin)',
  params: MomentumParamsSchema,
  paramDocs: momentumParamDocs,
  category: 'opportunity_buys',
  // After opportunity_buys (300), before rebalance_sells (400): the standard calculators use 100, 200, …
  order: 350,
  sides: ['BUY'],
  // The plan tells our own buys; every other candidate is some other calculator's to tell.
  narrate: (candidate) =>
    candidate.side === 'BUY' && candidate.tags.includes(MOMENTUM_TAG)
      ? { parts: [`${candidate.reason}.`, 'Securities that have compounded strongly with steady returns often keep doing so for a while.'] }
      : undefined,
  calculate(ctx, params) {
    // allow_buy = false in [planner] means no buys at all.
    if (!ctx.allowBuy) return [];
    const target = params.targetValueEur ?? ctx.baseTradeAmountEur;
    const out: ActionCandidate[] = [];
    for (const sec of ctx.securities) {
      if (!sec.allowBuy || ctx.recentlyBought.has(sec.symbol)) continue;
      const price = ctx.buyPrices.get(sec.symbol) ?? 0;
      if (!(price > 0)) continue;
      const { cagr5y, sharpe } = sec.metrics;
      // Unknown metrics are not momentum: both must be present and finite.
      if (cagr5y === undefined || sharpe === undefined || !Number.isFinite(cagr5y) || !Number.isFinite(sharpe)) continue;
      if (cagr5y < params.minCagr || sharpe < params.minSharpe) continue;
      const currency = sec.currency || 'EUR';
      const sized = sizeBuy(target, price, sec.minLot, ctx.fxRate(currency));
      if (sized === null) continue;
      const priority = momentumStrength(cagr5y, sharpe, params) * params.priorityWeight * sec.priorityMultiplier;
      if (!Number.isFinite(priority)) continue;
      out.push({
        side: 'BUY',
        symbol: sec.symbol,
        name: sec.name,
        quantity: sized.quantity,
        price,
        valueEur: sized.valueEur,
        currency,
        priority,
        reason: `Strong momentum: grew ${percent(cagr5y)} a year over 5 years with a Sharpe ratio of ${sharpe.toFixed(2)}`,
        // Our own tag: `narrate` above and the momentum_first pattern recognise our buys by it.
        tags: [MOMENTUM_TAG],
      });
    }
    // Array.prototype.sort is stable: ties keep the snapshot's security order.
    return out.sort((a, b) => b.priority - a.priority);
  },
});
