import type { Security } from '@planner/contracts';

/** A plain, tradeable EUR equity at 100 with no country, industry or metrics; `over` replaces any field. */
export function security(symbol: string, over: Partial<Omit<Security, 'symbol'>> = {}): Security {
  return {
    symbol,
    name: `${symbol} Inc`,
    productType: 'EQUITY',
    currency: 'EUR',
    price: 100,
    country: '',
    industry: '',
    allowBuy: true,
    allowSell: true,
    minLot: 1,
    priorityMultiplier: 1,
    metrics: {},
    ...over,
  };
}
