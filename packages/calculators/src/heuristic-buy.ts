import type { ActionCandidate, OpportunityContext, Security } from '@planner/contracts';
import { calculateBuyQuantity, tradeCandidate } from '@planner/context';
import { tradeRate } from './trade-rate.js';

/** What differs between the three heuristic buy calculators; the rest of a buy candidate is shared. */
export interface BuyTerms {
  readonly priority: number;
  readonly reason: string;
  readonly tags: readonly string[];
}

/**
 * A heuristic BUY of `sec` at `price` (its quote), sized to `baseEur` by
 * lot-aware sizing (spec modules-calculators.md §2.2): never less than one lot.
 */
export function heuristicBuy(ctx: OpportunityContext, sec: Security, price: number, baseEur: number, terms: BuyTerms): ActionCandidate {
  const sized = calculateBuyQuantity(baseEur, price, sec.minLot, tradeRate(ctx, sec.currency));
  return tradeCandidate('BUY', sec.symbol, sec.name, sized.quantity, price, sized.valueEur, sec.currency || 'EUR', terms.priority, terms.reason, terms.tags);
}
