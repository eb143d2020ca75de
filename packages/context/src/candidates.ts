import type { ActionCandidate, OpportunityCategory, PositionView, Security, Side } from '@planner/contracts';
import { roundToLot } from './lot-sizing.js';
import type { NumbersPending } from './numbers-pending.js';
import { pyPercent } from './python-format.js';
import type { WeightGap } from './weight-gaps.js';

/** Value equality over all ten fields, tags in order (pipeline.md §1.1). */
export function candidatesEqual(a: ActionCandidate, b: ActionCandidate): boolean {
  if (a === b) return true;
  if (
    a.side !== b.side || a.symbol !== b.symbol || a.name !== b.name || a.quantity !== b.quantity ||
    a.price !== b.price || a.valueEur !== b.valueEur || a.currency !== b.currency ||
    a.priority !== b.priority || a.reason !== b.reason || a.tags.length !== b.tags.length
  ) {
    return false;
  }
  for (let i = 0; i < a.tags.length; i++) if (a.tags[i] !== b.tags[i]) return false;
  return true;
}

/**
 * A candidate, its fields in the order every calculator writes them. The
 * calculators build their candidates here, so that they share one set of V8
 * hidden classes; the numbers are written after the literal (NumbersPending).
 */
export function tradeCandidate(
  side: Side,
  symbol: string,
  name: string,
  quantity: number,
  price: number,
  valueEur: number,
  currency: string,
  priority: number,
  reason: string,
  tags: readonly string[],
): ActionCandidate {
  const c: NumbersPending<ActionCandidate> = {
    side, symbol, name, quantity: null, price: null, valueEur: null, currency, priority: null, reason, tags,
  };
  c.quantity = quantity;
  c.price = price;
  c.valueEur = valueEur;
  c.priority = priority;
  return c as ActionCandidate;
}

export type CategoryLists = Record<OpportunityCategory, ActionCandidate[]>;

export function emptyCategories(): CategoryLists {
  return { profit_taking: [], averaging_down: [], opportunity_buys: [], rebalance_sells: [], rebalance_buys: [] };
}

function optimizerReason(gap: WeightGap): string {
  return `Optimizer target: ${pyPercent(gap.target, 1)} (current: ${pyPercent(gap.current, 1)})`;
}

/**
 * How weight_based sizes a trade. The reference's way (both true) is kept for
 * parity; the executable profile turns them off (DECISIONS.md #27).
 */
export interface WeightTradeSizing {
  /**
   * Units of the trading currency per EUR. With `ignoresFx` the rate is not
   * applied: reference quirk, weight_based sizes and values as if the price were in EUR.
   */
  readonly rate: number;
  readonly ignoresFx: boolean;
  /** Reference quirk: quantities in whole shares (a buy raised to one lot, not rounded to lots). */
  readonly breaksLot: boolean;
}

/** The reference's sizing: no FX, whole shares. */
export const REFERENCE_WEIGHT_SIZING: WeightTradeSizing = Object.freeze({ rate: 1, ignoresFx: true, breaksLot: true });

/**
 * Step B of weight_based (modules-calculators.md §9, pipeline.md §5.2.2 step 5).
 * The reference sizes as if the trading currency were EUR and raises to one
 * lot; `sizing` decides whether to keep that. Returns the candidate it appended.
 */
export function processBuyOpportunity(
  gap: WeightGap,
  security: Security | undefined,
  position: PositionView | undefined,
  price: number,
  categories: CategoryLists,
  sizing: WeightTradeSizing = REFERENCE_WEIGHT_SIZING,
): ActionCandidate | null {
  if (!security || !security.allowBuy) return null;
  const rate = sizing.ignoresFx ? 1 : sizing.rate;
  let quantity = Math.trunc((gap.gapValue * rate) / price);
  if (!sizing.breaksLot) quantity = roundToLot(quantity, security.minLot);
  if (security.minLot && quantity < security.minLot) quantity = security.minLot;
  if (quantity <= 0) return null;
  const averaging = position !== undefined && position.avgPrice > price;
  const candidate = tradeCandidate(
    'BUY',
    gap.symbol,
    security.name,
    quantity,
    price,
    (quantity * price) / rate,
    // reference quirk (weight_based ignores FX): an unheld security is labelled EUR.
    position ? position.currency : sizing.ignoresFx ? 'EUR' : security.currency,
    Math.abs(gap.gap) * 100 * security.priorityMultiplier,
    optimizerReason(gap),
    averaging ? ['averaging_down', 'optimizer_target'] : ['rebalance', 'optimizer_target'],
  );
  (averaging ? categories.averaging_down : categories.rebalance_buys).push(candidate);
  return candidate;
}

/**
 * Step S of weight_based (modules-calculators.md §9, pipeline.md §5.2.2 step 6),
 * including the caller's recently-sold / ineligible exclusion. A position at or
 * below one lot is never reduced; a sell never leaves a partial lot.
 */
export function processSellOpportunity(
  gap: WeightGap,
  security: Security | undefined,
  position: PositionView | undefined,
  price: number,
  categories: CategoryLists,
  excluded: { readonly recentlySold: ReadonlySet<string>; readonly ineligible: ReadonlySet<string> },
  sizing: WeightTradeSizing = REFERENCE_WEIGHT_SIZING,
): ActionCandidate | null {
  if (excluded.recentlySold.has(gap.symbol) || excluded.ineligible.has(gap.symbol)) return null;
  if (!position) return null;
  if (security && !security.allowSell) return null;
  if (security && position.quantity <= security.minLot) return null;
  const rate = sizing.ignoresFx ? 1 : sizing.rate;
  let quantity = Math.trunc((Math.abs(gap.gapValue) * rate) / price);
  if (security && security.minLot) {
    const remaining = position.quantity - quantity;
    if (remaining < security.minLot && remaining > 0) quantity = Math.trunc(position.quantity - security.minLot);
    if (!sizing.breaksLot) quantity = roundToLot(quantity, security.minLot);
  }
  if (quantity <= 0) return null;
  const candidate = tradeCandidate(
    'SELL',
    gap.symbol,
    security ? security.name : gap.symbol,
    quantity,
    price,
    (quantity * price) / rate,
    position.currency,
    (Math.abs(gap.gap) * 100) / (security ? security.priorityMultiplier : 1.0),
    optimizerReason(gap),
    ['rebalance', 'optimizer_target'],
  );
  categories.rebalance_sells.push(candidate);
  return candidate;
}
