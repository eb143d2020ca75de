import type { NumbersPending } from './numbers-pending.js';
export interface BuyQuantity {
  readonly quantity: number;
  readonly valueNative: number;
  readonly valueEur: number;
  readonly numLots: number;
}

/**
 * `TradeSizingService.calculate_buy_quantity` (spec modules-calculators.md
 * §2.2): whole lots, never less than one lot, so the value may exceed the
 * target when one lot already costs more.
 */
export function calculateBuyQuantity(targetValueEur: number, price: number, minLot = 1, rate = 1): BuyQuantity {
  if (!(price > 0)) throw new RangeError(`calculateBuyQuantity: price must be positive, got ${price}`);
  if (targetValueEur <= 0) return { quantity: 0, valueNative: 0, valueEur: 0, numLots: 0 };
  const lot = Math.max(1, minLot);
  const r = rate > 0 ? rate : 1.0;
  const lotCostNative = lot * price;
  const lotCostEur = lotCostNative / r;
  let quantity: number;
  let numLots: number;
  if (lotCostEur > targetValueEur) {
    quantity = lot;
    numLots = 1;
  } else {
    numLots = Math.max(1, Math.trunc((targetValueEur * r) / lotCostNative));
    quantity = numLots * lot;
  }
  const valueNative = quantity * price;
  // The numbers are written after the literal (NumbersPending).
  const out: NumbersPending<BuyQuantity> = { quantity: null, valueNative: null, valueEur: null, numLots: null };
  out.quantity = quantity;
  out.valueNative = valueNative;
  out.valueEur = valueNative / r;
  out.numLots = numLots;
  return out as BuyQuantity;
}

/** Largest multiple of `lot` not above `quantity` (toward zero); a lot below 1 counts as 1. */
export function roundToLot(quantity: number, lot: number): number {
  const l = lot >= 1 ? lot : 1;
  return Math.trunc(quantity / l) * l;
}
