import type { ActionCandidate, PositionView, Security, Side } from '@planner/contracts';

export function security(symbol: string, over: Partial<Security> = {}): Security {
  return {
    symbol, name: `${symbol} Inc.`, productType: 'EQUITY', currency: 'EUR', price: 10, country: 'Germany',
    industry: 'Technology', allowBuy: true, allowSell: true, minLot: 1, priorityMultiplier: 1, metrics: {}, ...over,
  };
}

export function position(symbol: string, quantity: number, avgPrice: number, over: Partial<PositionView> = {}): PositionView {
  const markPrice = over.markPrice ?? avgPrice;
  return { symbol, quantity, avgPrice, currency: 'EUR', markPrice, marketValueEur: quantity * markPrice, ...over };
}

export function action(symbol: string, side: Side, quantity: number, over: Partial<ActionCandidate> = {}): ActionCandidate {
  return {
    side, symbol, name: symbol, quantity, price: 10, valueEur: quantity * 10, currency: 'EUR', priority: 1,
    reason: 'r', tags: [], ...over,
  };
}
