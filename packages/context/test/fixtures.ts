import type { ActionCandidate, PositionView, Security, Side } from '@planner/contracts';
import { candidate, positionView, security as kitSecurity } from '@planner/testkit';

/** An EUR equity at 10 in Germany's technology sector. */
export const security = (symbol: string, over: Partial<Security> = {}): Security =>
  kitSecurity(symbol, { name: `${symbol} Inc.`, price: 10, country: 'Germany', industry: 'Technology', ...over });

export const position = (symbol: string, quantity: number, avgPrice: number, over: Partial<PositionView> = {}): PositionView =>
  positionView(symbol, quantity, avgPrice, over);

/** A candidate at 10 EUR a share, priority 1. */
export const action = (symbol: string, side: Side, quantity: number, over: Partial<ActionCandidate> = {}): ActionCandidate =>
  candidate(side, symbol, { quantity, valueEur: quantity * 10, priority: 1, reason: 'r', ...over });
