/** A lot-rounded buy: whole lots, at least one, never more lots than the target pays for (unless one lot is already above it). */
export interface LotSizedBuy {
  readonly quantity: number;
  readonly valueEur: number;
}

/**
 * Sizes a buy of about `targetValueEur`. `rate` is units of the trading
 * currency per EUR. One lot is bought even when it costs more than the
 * target, as the standard buy calculators do; the patterns then decide
 * whether the cash covers it. Returns `null` for inputs that cannot give a
 * positive, finite trade, so no caller ever emits quantity 0 or NaN.
 */
export function sizeBuy(targetValueEur: number, price: number, minLot: number, rate: number): LotSizedBuy | null {
  if (!(price > 0) || !Number.isFinite(price) || !(targetValueEur > 0) || !Number.isFinite(targetValueEur)) return null;
  const lot = Number.isFinite(minLot) && minLot >= 1 ? Math.trunc(minLot) : 1;
  const r = rate > 0 && Number.isFinite(rate) ? rate : 1;
  const lots = Math.max(1, Math.trunc((targetValueEur * r) / (lot * price)));
  const quantity = lots * lot;
  const valueEur = (quantity * price) / r;
  if (!(quantity > 0) || !Number.isFinite(valueEur)) return null;
  return { quantity, valueEur };
}
