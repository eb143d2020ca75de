import type { CompatSwitches, Sequence } from '@planner/contracts';
import { cashCostOf } from './quirks.js';

/**
 * The symbols a shifted scenario may hold that no unshifted end state holds:
 * start positions that every feasible sequence sells off, and buys that no
 * sequence can afford at unshifted prices. The reference fetched metrics only
 * for the symbols of the unshifted end states of all feasible sequences
 * (pipeline.md §5.2 step 13) and read any other symbol's metrics as `{}`
 * (DECISIONS #24). The walk is `simulateSequence` without price adjustments,
 * reduced to the position values of the symbols a sequence trades.
 */
export function symbolsOutsideBaseEndStates(
  sequences: readonly Sequence[],
  startPositions: ReadonlyMap<string, number>,
  availableCash: number,
  costs: { readonly transactionCostFixed: number; readonly transactionCostPercent: number },
  compat: Pick<CompatSwitches, 'costsNotDeductedFromCash'>,
): string[] {
  if (sequences.length === 0) return [];
  const soldOffIn = new Map<string, number>();
  const traded = new Set<string>();
  const heldAtEnd = new Set<string>();
  const values = new Map<string, number>();
  for (const sequence of sequences) {
    values.clear();
    let cash = availableCash;
    for (const action of sequence) {
      const cost = cashCostOf(action, costs.transactionCostFixed, costs.transactionCostPercent, compat);
      const held = values.get(action.symbol) ?? startPositions.get(action.symbol) ?? 0;
      traded.add(action.symbol);
      if (action.side === 'SELL') {
        values.set(action.symbol, Math.max(0, held - action.valueEur));
        cash += action.valueEur - cost;
      } else {
        if (action.valueEur + cost > cash) continue;
        values.set(action.symbol, held + action.valueEur);
        cash -= action.valueEur + cost;
      }
    }
    for (const [symbol, value] of values) {
      if (value > 0) heldAtEnd.add(symbol);
      else if (startPositions.has(symbol)) soldOffIn.set(symbol, (soldOffIn.get(symbol) ?? 0) + 1);
    }
  }
  const outside: string[] = [];
  for (const symbol of traded) {
    if (heldAtEnd.has(symbol)) continue;
    // a start position is in some end state unless every sequence sold it off
    if (startPositions.has(symbol) && soldOffIn.get(symbol) !== sequences.length) continue;
    outside.push(symbol);
  }
  return outside;
}
