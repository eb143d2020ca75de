import type { ActionCandidate, CompatSwitches, OpportunityContext } from '@planner/contracts';
import { compatOf, roundToLot } from '@planner/context';

/**
 * How a generator that scales a candidate (partial fills, relaxed lots, enlarged
 * buys) sizes the copy. Absent: the reference's way — whole shares, a value
 * scaled by the fraction, 0-share copies kept (DECISIONS.md #27).
 */
export interface Resizing {
  readonly compat: Pick<CompatSwitches, 'valueEurNotFromQuantity' | 'tradesBreakBoardLot' | 'zeroShareSells'>;
  /** Board lot of a symbol (1 when unknown). */
  lotOf(symbol: string): number;
}

/** The resizing a context asks for. */
export function resizingOf(ctx: OpportunityContext): Resizing {
  return {
    compat: compatOf(ctx),
    lotOf: (symbol) => ctx.securitiesBySymbol.get(symbol)?.minLot ?? 1,
  };
}

/**
 * `opp` at `rawQuantity` shares (`fraction` of it), or null when the executable
 * profile drops it (no whole lot left). `rawQuantity` is truncated toward zero.
 */
export function resized(
  opp: ActionCandidate,
  rawQuantity: number,
  fraction: number,
  resizing: Resizing | undefined,
): { quantity: number; valueEur: number } | null {
  let quantity = Math.trunc(rawQuantity);
  // reference quirk (trades break the board lot): whole shares, not whole lots.
  if (resizing !== undefined && !resizing.compat.tradesBreakBoardLot) quantity = roundToLot(quantity, resizing.lotOf(opp.symbol));
  // reference quirk (0-share sells): a copy truncated to 0 shares is still proposed.
  if (resizing !== undefined && !resizing.compat.zeroShareSells && quantity <= 0) return null;
  // reference quirk (valueEur not from quantity): the value scales by the fraction, not by the truncated quantity.
  const byQuantity = resizing !== undefined && !resizing.compat.valueEurNotFromQuantity;
  const valueEur = byQuantity ? (opp.quantity > 0 ? opp.valueEur * (quantity / opp.quantity) : 0) : opp.valueEur * fraction;
  return { quantity, valueEur };
}
