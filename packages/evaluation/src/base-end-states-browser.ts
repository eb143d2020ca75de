import type { CompatSwitches, Sequence } from '@planner/contracts';
import { cashCostOf } from './quirks.js';

// '#base-end-states' in a browser bundle (package.json "imports"): the plain
// walk, the same symbols in the same order (test/shifted-remainder.test.ts
// checks both against one oracle). Node's (src/base-end-states.ts) is faster
// on a cold first plan, from about 0.5 KiB gzip the bundle's budget has not.

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
  // A sequence trades a handful of symbols: parallel arrays scanned linearly
  // cost the interpreter (where the first plan runs) far less than a Map per sequence.
  const symbols: string[] = [];
  const values: number[] = [];
  const fixed = costs.transactionCostFixed;
  const percent = costs.transactionCostPercent;
  for (const sequence of sequences) {
    symbols.length = 0;
    values.length = 0;
    let cash = availableCash;
    for (let i = 0; i < sequence.length; i++) {
      const action = sequence[i]!;
      const symbol = action.symbol;
      const cost = cashCostOf(action, fixed, percent, compat);
      const k = symbols.indexOf(symbol);
      const held = k >= 0 ? values[k]! : startPositions.get(symbol) ?? 0;
      traded.add(symbol);
      let value: number;
      if (action.side === 'SELL') {
        value = Math.max(0, held - action.valueEur);
        cash += action.valueEur - cost;
      } else {
        if (action.valueEur + cost > cash) continue;
        value = held + action.valueEur;
        cash -= action.valueEur + cost;
      }
      if (k >= 0) values[k] = value;
      else {
        symbols.push(symbol);
        values.push(value);
      }
    }
    for (let k = 0; k < symbols.length; k++) {
      const symbol = symbols[k]!;
      if (values[k]! > 0) heldAtEnd.add(symbol);
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
