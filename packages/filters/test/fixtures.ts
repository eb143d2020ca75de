import type { ActionCandidate, OpportunityContext, PositionView, Security, TradeDates } from '@planner/contracts';

export function buy(symbol: string, priority = 0.5, tags: readonly string[] = ['buy']): ActionCandidate {
  return candidate('BUY', symbol, priority, tags);
}

export function sell(symbol: string, priority = 0.5, tags: readonly string[] = ['sell']): ActionCandidate {
  return candidate('SELL', symbol, priority, tags);
}

function candidate(side: 'BUY' | 'SELL', symbol: string, priority: number, tags: readonly string[]): ActionCandidate {
  return { side, symbol, name: symbol, quantity: 1, price: 10, valueEur: 10, currency: 'EUR', priority, reason: side, tags };
}

export function security(symbol: string, allowSell = true): Security {
  return {
    symbol, name: symbol, productType: 'EQUITY', currency: 'EUR', price: 10, country: 'US', industry: 'Tech',
    allowBuy: true, allowSell, minLot: 1, priorityMultiplier: 1, metrics: {},
  };
}

export function position(symbol: string, avgPrice: number, currentPrice?: number): PositionView {
  return {
    symbol, quantity: 10, avgPrice, currency: 'EUR', markPrice: currentPrice ?? avgPrice, marketValueEur: 100,
    ...(currentPrice === undefined ? {} : { currentPrice }),
  };
}

export const naiveMs = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h);

export interface CtxParts {
  securities?: Security[];
  correlations?: Map<string, number>;
  positions?: PositionView[];
  tradeDates?: Map<string, TradeDates>;
  asOfMs?: number;
  settings?: { minHoldDays: number; sellCooldownDays: number; maxLossThreshold: number };
}

/** The fields the filters read; the rest of the context is irrelevant to them. */
export function ctx(parts: CtxParts = {}): OpportunityContext {
  const securities = parts.securities ?? [];
  return {
    securities,
    securitiesBySymbol: new Map(securities.map((s) => [s.symbol, s])),
    correlations: parts.correlations ?? new Map(),
    positions: parts.positions ?? [],
    tradeDates: parts.tradeDates ?? new Map(),
    asOfMs: parts.asOfMs ?? naiveMs(2025, 6, 30),
    settings: parts.settings ?? { minHoldDays: 90, sellCooldownDays: 180, maxLossThreshold: -0.2 },
  } as unknown as OpportunityContext;
}

export const syms = (seqs: readonly (readonly ActionCandidate[])[]) => seqs.map((s) => s.map((a) => `${a.side} ${a.symbol}`).join(', '));
