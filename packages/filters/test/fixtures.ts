import type { ActionCandidate, OpportunityContext, PositionView, Security, TradeDates } from '@planner/contracts';
import { candidate, opportunityContext, positionView, security as kitSecurity } from '@planner/testkit';

export const buy = (symbol: string, priority = 0.5, tags: readonly string[] = ['buy']): ActionCandidate =>
  candidate('BUY', symbol, { priority, reason: 'BUY', tags });

export const sell = (symbol: string, priority = 0.5, tags: readonly string[] = ['sell']): ActionCandidate =>
  candidate('SELL', symbol, { priority, reason: 'SELL', tags });

export const security = (symbol: string, allowSell = true): Security =>
  kitSecurity(symbol, { name: symbol, price: 10, country: 'US', industry: 'Tech', allowSell });

/** Ten shares worth 100 EUR, marked at `currentPrice` when given, else at cost. */
export const position = (symbol: string, avgPrice: number, currentPrice?: number): PositionView =>
  positionView(symbol, 10, avgPrice, {
    markPrice: currentPrice ?? avgPrice,
    marketValueEur: 100,
    ...(currentPrice === undefined ? {} : { currentPrice }),
  });

export const naiveMs = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h);

export interface CtxParts {
  securities?: Security[];
  correlations?: Map<string, number>;
  positions?: PositionView[];
  tradeDates?: Map<string, TradeDates>;
  asOfMs?: number;
  settings?: { minHoldDays: number; sellCooldownDays: number; maxLossThreshold: number };
}

/** A context with the fields the filters read. */
export function ctx(parts: CtxParts = {}): OpportunityContext {
  const positions = parts.positions ?? [];
  return opportunityContext({
    securities: parts.securities ?? [],
    overrides: {
      correlations: parts.correlations ?? new Map(),
      positions,
      positionsBySymbol: new Map(positions.map((p) => [p.symbol, p])),
      tradeDates: parts.tradeDates ?? new Map(),
      asOfMs: parts.asOfMs ?? naiveMs(2025, 6, 30),
      ...(parts.settings ? { settings: { ...opportunityContext({ securities: [] }).settings, ...parts.settings } } : {}),
    },
  });
}

export const syms = (seqs: readonly (readonly ActionCandidate[])[]) => seqs.map((s) => s.map((a) => `${a.side} ${a.symbol}`).join(', '));
