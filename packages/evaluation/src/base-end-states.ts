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
  const t = new WalkTables(startPositions, costs.transactionCostFixed, costs.transactionCostPercent, compat);
  const { ids, symbolOf, isBuy, cashNeed, cashGain, endValue, startHeld, heldAtEnd, soldOffIn } = t;
  /** Per symbol: the last walk (sequence index + 1) that traded it, to spot a sequence trading a symbol twice. */
  const lastSeen: number[] = [];
  /** The rows of the current sequence's actions that took place (an unaffordable buy does not). */
  const done: number[] = [];
  // A first plan runs this loop in the interpreter over every feasible sequence
  // (4,049 on universe_30 aggressive), so the per-action work is a lookup of the
  // candidate's row and a few array reads. A sequence that trades each symbol
  // once (every feasible one) ends each traded symbol at the row's `endValue`,
  // fixed per candidate; one trading a symbol twice takes the step-by-step walk.
  for (let i = 0; i < n; i++) {
    const sequence = sequences[i]!;
    const walk = i + 1;
    let count = 0;
    let cash = availableCash;
    let repeated = false;
    for (let j = 0; j < sequence.length; j++) {
      const action = sequence[j]!;
      let id = ids.get(action);
      if (id === undefined) id = t.add(action);
      const s = symbolOf[id]!;
      if (lastSeen[s] === walk) {
        repeated = true;
        break;
      }
      lastSeen[s] = walk;
      if (isBuy[id]) {
        const need = cashNeed[id]!;
        if (need > cash) continue;
        cash -= need;
      } else {
        cash += cashGain[id]!;
      }
      done[count++] = id;
    }
    if (repeated) {
      t.walkStepByStep(sequence, availableCash, walk);
      continue;
    }
    for (let k = 0; k < count; k++) {
      const id = done[k]!;
      const s = symbolOf[id]!;
      if (endValue[id]! > 0) heldAtEnd[s] = true;
      else if (startHeld[s]) soldOffIn[s] = soldOffIn[s]! + 1;
    }
  }
  const outside: string[] = [];
  const names = t.names;
  for (let s = 0; s < names.length; s++) {
    if (heldAtEnd[s]) continue;
    // a start position is in some end state unless every sequence sold it off
    if (startHeld[s] && soldOffIn[s] !== n) continue;
    outside.push(names[s]!);
  }
  return outside;
}

/**
 * What the walk reads of each candidate object, looked up once per object
 * (thousands of sequences share a few dozen candidates), and the per-symbol
 * results. Rows are candidates in order of first sight; symbols are numbered in
 * order of first trade, the order of the result.
 */
class WalkTables {
  readonly ids = new Map<ActionCandidate, number>();
  private readonly symbolIds = new Map<string, number>();
  // Per row.
  readonly symbolOf: number[] = [];
  readonly isBuy: boolean[] = [];
  readonly value: number[] = [];
  readonly cost: number[] = [];
  /** A buy's value plus its cost: the cash it needs, in the walk's float operations. */
  readonly cashNeed: number[] = [];
  /** A sell's value minus its cost: the cash it brings. */
  readonly cashGain: number[] = [];
  /** The symbol's value after this action when it starts from its start value. */
  readonly endValue: number[] = [];
  // Per symbol.
  readonly names: string[] = [];
  readonly startHeld: boolean[] = [];
  readonly startValue: number[] = [];
  readonly heldAtEnd: boolean[] = [];
  readonly soldOffIn: number[] = [];
  // The step-by-step walk's scratch: per symbol, the walk that last wrote `current`.
  private readonly writtenBy: number[] = [];
  private readonly current: number[] = [];
  private readonly touched: number[] = [];

  constructor(
    private readonly startPositions: ReadonlyMap<string, number>,
    private readonly fixed: number,
    private readonly percent: number,
    private readonly compat: Pick<CompatSwitches, 'costsNotDeductedFromCash'>,
  ) {}

  add(action: ActionCandidate): number {
    const id = this.symbolOf.length;
    this.ids.set(action, id);
    let s = this.symbolIds.get(action.symbol);
    if (s === undefined) {
      s = this.names.length;
      this.symbolIds.set(action.symbol, s);
      this.names.push(action.symbol);
      this.startHeld.push(this.startPositions.has(action.symbol));
      this.startValue.push(this.startPositions.get(action.symbol) ?? 0);
      this.heldAtEnd.push(false);
      this.soldOffIn.push(0);
      this.writtenBy.push(0);
      this.current.push(0);
    }
    const v = action.valueEur;
    const cost = cashCostOf(action, this.fixed, this.percent, this.compat);
    const buy = action.side !== 'SELL';
    const start = this.startValue[s]!;
    this.symbolOf.push(s);
    this.isBuy.push(buy);
    this.value.push(v);
    this.cost.push(cost);
    this.cashNeed.push(v + cost);
    this.cashGain.push(v - cost);
    this.endValue.push(buy ? start + v : Math.max(0, start - v));
    return id;
  }

  /** One sequence action by action (`simulateSequence` reduced to the traded symbols' values), for a sequence that trades a symbol twice. */
  walkStepByStep(sequence: Sequence, availableCash: number, walk: number): void {
    const { writtenBy, current, touched } = this;
    let count = 0;
    let cash = availableCash;
    for (let j = 0; j < sequence.length; j++) {
      // The fast loop stopped at the repeat: the actions after it may be new rows.
      const action = sequence[j]!;
      const id = this.ids.get(action) ?? this.add(action);
      const s = this.symbolOf[id]!;
      const v = this.value[id]!;
      const cost = this.cost[id]!;
      const held = writtenBy[s] === walk ? current[s]! : this.startValue[s]!;
      let after: number;
      if (this.isBuy[id]) {
        if (v + cost > cash) continue;
        after = held + v;
        cash -= v + cost;
      } else {
        after = Math.max(0, held - v);
        cash += v - cost;
      }
      if (writtenBy[s] !== walk) {
        writtenBy[s] = walk;
        touched[count++] = s;
      }
      current[s] = after;
    }
    for (let k = 0; k < count; k++) {
      const s = touched[k]!;
      if (current[s]! > 0) this.heldAtEnd[s] = true;
      else if (this.startHeld[s]) this.soldOffIn[s] = this.soldOffIn[s]! + 1;
    }
  }
}
