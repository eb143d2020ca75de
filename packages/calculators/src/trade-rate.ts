import type { OpportunityContext } from '@planner/contracts';

/**
 * Units of the trading currency per EUR, as the heuristic calculators look it
 * up: 1 for an absent currency or EUR, otherwise the context's rate (which is
 * itself 1 for unknown currencies and non-positive rates, spec §0 rule 7).
 */
export function tradeRate(ctx: OpportunityContext, currency: string | undefined): number {
  if (!currency || currency === 'EUR') return 1;
  return ctx.fxRate(currency);
}
