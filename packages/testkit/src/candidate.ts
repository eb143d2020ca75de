import type { ActionCandidate, Side } from '@planner/contracts';

/**
 * A candidate trade: 1 share at 10 EUR, priority 0.5, no tags unless `over`
 * says otherwise; `valueEur` follows the quantity and price it ends up with.
 */
export function candidate(side: Side, symbol: string, over: Partial<ActionCandidate> = {}): ActionCandidate {
  const quantity = over.quantity ?? 1;
  const price = over.price ?? 10;
  return {
    side,
    symbol,
    name: symbol,
    quantity,
    price,
    valueEur: quantity * price,
    currency: 'EUR',
    priority: 0.5,
    reason: 'test',
    tags: [],
    ...over,
  };
}

export const buy = (symbol: string, over: Partial<ActionCandidate> = {}): ActionCandidate => candidate('BUY', symbol, over);
export const sell = (symbol: string, over: Partial<ActionCandidate> = {}): ActionCandidate => candidate('SELL', symbol, over);
