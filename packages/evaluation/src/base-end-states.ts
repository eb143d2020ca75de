import type { ActionCandidate, CompatSwitches, Sequence } from '@planner/contracts';
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
  const n = sequences.length;
  if (n === 0) return [];
  // Thousands of sequences share a few dozen candidate objects: what the walk
  // reads of one (its symbol's index, side, value, cost) is looked up once per
  // object, and the walk runs on small integers and plain arrays with indexed
  // loops. A first plan runs this in the interpreter, where each Map/Set call,
  // function call and for-of iteration of the per-action loop was the cost.
  const ids = new Map<ActionCandidate, number>();
  const symbolIds = new Map<string, number>();
  const symbolOf: number[] = [];
  const sells: boolean[] = [];
  const values: number[] = [];
  const cashCosts: number[] = [];
  // Per symbol index, in order of first trade (the order of the result).
  const names: string[] = [];
  const startHeld: boolean[] = [];
  const startValue: number[] = [];
  const heldAtEnd: boolean[] = [];
  const soldOffIn: number[] = [];
  /** The sequence (index + 1) that last wrote `value`: a symbol's value in the walk of another sequence is its start value. */
  const writtenBy: number[] = [];
  const value: number[] = [];
  const touched: number[] = [];
  const fixed = costs.transactionCostFixed;
  const percent = costs.transactionCostPercent;
  for (let i = 0; i < n; i++) {
    const sequence = sequences[i]!;
    const walk = i + 1;
    let touchedCount = 0;
    let cash = availableCash;
    for (let j = 0; j < sequence.length; j++) {
      const action = sequence[j]!;
      let id = ids.get(action);
      if (id === undefined) {
        id = symbolOf.length;
        ids.set(action, id);
        let s = symbolIds.get(action.symbol);
        if (s === undefined) {
          s = names.length;
          symbolIds.set(action.symbol, s);
          names.push(action.symbol);
          startHeld.push(startPositions.has(action.symbol));
          startValue.push(startPositions.get(action.symbol) ?? 0);
          heldAtEnd.push(false);
          soldOffIn.push(0);
          writtenBy.push(0);
          value.push(0);
        }
        symbolOf.push(s);
        sells.push(action.side === 'SELL');
        values.push(action.valueEur);
        cashCosts.push(cashCostOf(action, fixed, percent, compat));
      }
      const s = symbolOf[id]!;
      const v = values[id]!;
      const cost = cashCosts[id]!;
      const held = writtenBy[s] === walk ? value[s]! : startValue[s]!;
      let after: number;
      if (sells[id]) {
        after = Math.max(0, held - v);
        cash += v - cost;
      } else {
        if (v + cost > cash) continue;
        after = held + v;
        cash -= v + cost;
      }
      if (writtenBy[s] !== walk) {
        writtenBy[s] = walk;
        touched[touchedCount++] = s;
      }
      value[s] = after;
    }
    for (let k = 0; k < touchedCount; k++) {
      const s = touched[k]!;
      if (value[s]! > 0) heldAtEnd[s] = true;
      else if (startHeld[s]) soldOffIn[s] = soldOffIn[s]! + 1;
    }
  }
  const outside: string[] = [];
  for (let s = 0; s < names.length; s++) {
    if (heldAtEnd[s]) continue;
    // a start position is in some end state unless every sequence sold it off
    if (startHeld[s] && soldOffIn[s] !== n) continue;
    outside.push(names[s]!);
  }
  return outside;
}
