import type { ActionCandidate, OpportunityContext, PatternCall, Security, SecurityMetrics } from '@planner/contracts';
import { candidate, opportunityContext, security as kitSecurity } from '@planner/testkit';

/** A security with sensible defaults; `metrics` merges over a strong-momentum default. */
export function security(symbol: string, over: Partial<Omit<Security, 'metrics'>> & { metrics?: SecurityMetrics } = {}): Security {
  return kitSecurity(symbol, {
    name: `${symbol} Corp`, price: 50, country: 'Germany', industry: 'Technology', qualityScore: 0.7,
    ...over,
    metrics: { cagr5y: 0.2, sharpe: 1.5, ...over.metrics },
  });
}

export interface CtxOptions {
  readonly securities: readonly Security[];
  readonly cashEur?: number;
  readonly recentlyBought?: readonly string[];
  /** Units of a currency per EUR. */
  readonly fx?: Readonly<Record<string, number>>;
  readonly allowBuy?: boolean;
  readonly baseTradeAmountEur?: number;
}

/**
 * An OpportunityContext with nothing held and `cashEur` (default 1000) to
 * spend; buy prices are the positive prices, as the real context builder does.
 */
export function context(o: CtxOptions): OpportunityContext {
  const cash = o.cashEur ?? 1000;
  const allowBuy = o.allowBuy ?? true;
  const base = opportunityContext({
    securities: o.securities,
    asOf: '2026-01-02T12:00:00',
    cash,
    ...(o.fx ? { fxRates: o.fx } : {}),
    recentlyBought: o.recentlyBought ?? [],
  });
  return {
    ...base,
    portfolio: { ...base.portfolio, totalValue: cash },
    totalPortfolioValueEur: cash,
    allowBuy,
    baseTradeAmountEur: o.baseTradeAmountEur ?? 250,
    settings: { ...base.settings, allowBuy },
  };
}

/** A buy candidate as another calculator would emit it. */
export const buy = (symbol: string, valueEur: number, priority: number, tags: readonly string[] = ['opportunity']): ActionCandidate =>
  candidate('BUY', symbol, { price: valueEur, valueEur, priority, tags });

export function patternCall(availableCashEur: number, maxDepth: number, ctx = context({ securities: [] })): PatternCall {
  return { ctx, availableCashEur, maxDepth, maxOpportunitiesPerCategory: 5, marketRegime: 'sideways' };
}
