import type { OpportunityContext, Sequence } from '@planner/contracts';
import { CandidateTable, STATIC_FLAGS, STATIC_OK } from './candidate-table.js';
import { type FeasibilityCounts, type Rejection, orderBySumDesc } from './feasibility.js';

/** The evaluation order as the beam search reads it: a length and the item at a position. */
export interface OrderedSequences {
  readonly length: number;
  /** The sequence at `index` (0 ≤ index < length). */
  get(index: number): Sequence;
}

/**
 * `feasibleByTotalPriority` produced as it is read: the early filtering runs
 * over every sequence at construction (the count and the rejection reasons are
 * exact), but the order by Σ priority is a heap popped only as far as the beam
 * search reads, which is usually a few dozen of thousands. Same order as the
 * stable sort: higher sum first, equal sums in input order.
 */
export class FeasibleOrder implements OrderedSequences {
  /** Number of feasible sequences (the funnel's `feasible`). */
  readonly length: number;
  private readonly items: Sequence[];
  private readonly sums: Float64Array;
  /** The order read so far (all of it once complete). */
  private readonly out: Sequence[];
  private heap: Int32Array | null = null;
  private heapSize = 0;

  /** `costs`: take each trade's cost from cash in the walk (costs deducted, DECISIONS.md #22 corrected). */
  constructor(
    sequences: readonly Sequence[],
    ctx: OpportunityContext,
    cash: number,
    threshold: number,
    counts: FeasibilityCounts,
    costs?: { readonly fixed: number; readonly percent: number },
  ) {
    const items: Sequence[] = [];
    const sums = new Float64Array(sequences.length);
    const table = new CandidateTable(ctx, costs);
    const { ids, priority, symbol, buy, code, value } = table;
    /** Per symbol row: the last sequence (k + 1) that traded it, for the repeated-symbol test. */
    const lastSeen: number[] = [];
    let finite = true;
    // One pass per sequence, every check of `rejection` fused into it, with
    // indexed loops and no call per action: a first plan runs this over
    // thousands of sequences in the interpreter (4,049 on universe_30
    // aggressive), where each call and for-of iteration costs.
    for (let k = 0; k < sequences.length; k++) {
      const seq = sequences[k]!;
      const n = seq.length;
      const stamp = k + 1;
      let sum = 0;
      let repeated = false;
      // The cash walk's verdict: its first failing action's (later ones do not count).
      let walk: Rejection = null;
      let running = cash;
      for (let j = 0; j < n; j++) {
        const a = seq[j]!;
        let id = ids.get(a);
        if (id === undefined) id = table.add(a);
        sum += priority[id]!;
        const s = symbol[id]!;
        if (lastSeen[s] === stamp) repeated = true;
        else lastSeen[s] = stamp;
        if (walk !== null) continue;
        const c = code[id]!;
        if (buy[id] === 1) {
          if (c === STATIC_FLAGS) walk = 'flags';
          else if (value[id]! > running) walk = 'cash';
          else running -= value[id]!;
        } else if (c !== STATIC_OK) {
          walk = c === STATIC_FLAGS ? 'flags' : 'position';
        } else {
          running += value[id]!;
          // Only with costs deducted can a sell lower the cash (a sell worth less than its cost).
          if (running < 0) walk = 'cash';
        }
      }
      // The reference's order of checks: empty, repeated symbol, mean priority, the cash walk.
      const why: Rejection = n === 0 ? 'empty' : repeated ? 'duplicateSymbol' : sum / n < threshold ? 'priority' : walk;
      if (why !== null) {
        counts[why]++;
        continue;
      }
      // sum - sum is 0 for a finite sum, NaN for ±Infinity and NaN (Number.isFinite without the call).
      if (sum - sum !== 0) finite = false;
      sums[items.length] = sum;
      items.push(seq);
    }
    this.length = items.length;
    this.items = items;
    this.sums = sums;
    // Non-finite sums make the reference comparator inconsistent: keep its exact (eager) behaviour.
    this.out = finite ? [] : orderBySumDesc(items, sums);
  }

  /** The feasible sequences in generation order (no sorting done). */
  get unordered(): readonly Sequence[] {
    return this.items;
  }

  get(index: number): Sequence {
    const out = this.out;
    while (out.length <= index) out.push(this.items[this.pop()]!);
    return out[index]!;
  }

  /** The whole order (what `feasibleByTotalPriority` returns). */
  toArray(): Sequence[] {
    if (this.out.length === 0 && this.length > 0) return orderBySumDesc(this.items, this.sums);
    if (this.out.length < this.length) this.get(this.length - 1);
    return this.out.slice();
  }

  /** Removes and returns the first position by (sum descending, position ascending). */
  private pop(): number {
    let heap = this.heap;
    if (heap === null) heap = this.build();
    const top = heap[0]!;
    const last = heap[--this.heapSize]!;
    if (this.heapSize > 0) this.siftDown(last, 0);
    return top;
  }

  private build(): Int32Array {
    const n = this.length;
    const heap = new Int32Array(n);
    for (let i = 0; i < n; i++) heap[i] = i;
    this.heap = heap;
    this.heapSize = n;
    for (let i = (n >>> 1) - 1; i >= 0; i--) this.siftDown(heap[i]!, i);
    return heap;
  }

  /** Places `item` at `at` or below, moving earlier-ordered children up. */
  private siftDown(item: number, at: number): void {
    const heap = this.heap!;
    const sums = this.sums;
    const size = this.heapSize;
    const s = sums[item]!;
    let i = at;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let c = heap[child]!;
      let cs = sums[c]!;
      const right = child + 1;
      if (right < size) {
        const r = heap[right]!;
        const rs = sums[r]!;
        if (rs > cs || (rs === cs && r < c)) {
          child = right;
          c = r;
          cs = rs;
        }
      }
      if (s > cs || (s === cs && item < c)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = item;
  }
}
