import type { OpportunityContext, Security } from '@planner/contracts';

/**
 * Quality of a security as the monolith reads it: the score map's value, but
 * 0.5 when the symbol is missing or the map is empty (an empty dict is falsy
 * in Python, so every security then gets the default).
 */
export function qualityOf(ctx: OpportunityContext, symbol: string): number {
  const scores = ctx.portfolio.securityScores;
  if (scores.size === 0) return 0.5;
  return scores.get(symbol) ?? 0.5;
}

/** A buyable security with its (positive) buy quote, so callers need not look the price up again. */
export interface PricedSecurity {
  readonly sec: Security;
  readonly price: number;
}

/**
 * The monolith's `eligible_stocks` (spec modules-calculators.md §3): only these
 * securities reach the three heuristic buy calculators. The global
 * `ctx.allowBuy` switch is deliberately not read: no calculator of the
 * reference reads it (§1.1).
 */
export function eligibleBuyUniverse(ctx: OpportunityContext): PricedSecurity[] {
  const out: PricedSecurity[] = [];
  for (const sec of ctx.securities) {
    if (!sec.allowBuy) continue;
    if (ctx.recentlyBought.has(sec.symbol)) continue;
    const price = ctx.buyPrices.get(sec.symbol) ?? 0;
    if (!(price > 0)) continue;
    if (!(qualityOf(ctx, sec.symbol) >= ctx.minSecurityScore)) continue;
    out.push({ sec, price });
  }
  return out;
}
