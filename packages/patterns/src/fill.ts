import { candidatesEqual } from '@planner/context';
import type { ActionCandidate, OpportunitiesByCategory, OpportunityCategory, Sequence } from '@planner/contracts';

// Shared fill procedures of spec modules-patterns.md §1.4. Lists are passed as
// an array of lists and walked in order, which is the monolith's `a + b + c`
// concatenation without allocating it. Indexed loops, not for-of: a first plan
// runs these in the interpreter, where a for-of iteration costs several indexed ones.

type Lists = readonly (readonly ActionCandidate[])[];

const EMPTY: readonly ActionCandidate[] = Object.freeze([]);

/**
 * A category list; a missing key is an empty list (§1.1). A named read per
 * category, not `opportunities[key]`: that one read serves every category of
 * every pattern, so V8 sees five keys there and takes its megamorphic keyed
 * load (about 5 % of a warm conservative plan's instructions); each named read
 * sees one key, and a caller's constant key picks its case when inlined.
 */
export function categoryList(opportunities: OpportunitiesByCategory, key: OpportunityCategory): readonly ActionCandidate[] {
  switch (key) {
    case 'profit_taking': return opportunities.profit_taking ?? EMPTY;
    case 'rebalance_sells': return opportunities.rebalance_sells ?? EMPTY;
    case 'averaging_down': return opportunities.averaging_down ?? EMPTY;
    case 'rebalance_buys': return opportunities.rebalance_buys ?? EMPTY;
    case 'opportunity_buys': return opportunities.opportunity_buys ?? EMPTY;
    default: return opportunities[key] ?? EMPTY;
  }
}

/** The sell lists in the monolith's `profit_taking + rebalance_sells` order. */
export function sellLists(opportunities: OpportunitiesByCategory): Lists {
  return [categoryList(opportunities, 'profit_taking'), categoryList(opportunities, 'rebalance_sells')];
}

/** The buy lists in the monolith's usual `averaging_down + rebalance_buys + opportunity_buys` order. */
export function buyLists(opportunities: OpportunitiesByCategory): Lists {
  return [
    categoryList(opportunities, 'averaging_down'),
    categoryList(opportunities, 'rebalance_buys'),
    categoryList(opportunities, 'opportunity_buys'),
  ];
}

export function totalLength(lists: Lists): number {
  let n = 0;
  for (let i = 0; i < lists.length; i++) n += lists[i]!.length;
  return n;
}

/** Membership by value over all ten fields (§1.3); identity first, as Python's `in` does. */
export function containsEqual(seq: readonly ActionCandidate[], candidate: ActionCandidate): boolean {
  for (let i = 0; i < seq.length; i++) {
    const other = seq[i]!;
    if (other === candidate || candidatesEqual(other, candidate)) return true;
  }
  return false;
}

/**
 * GREEDY_FILL: take every candidate that fits (`value <= cash`) while the
 * sequence is shorter than `limit`; misfits are skipped. Returns the cash left.
 */
export function greedyFill(seq: ActionCandidate[], cash: number, lists: Lists, limit: number): number {
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l]!;
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (seq.length >= limit) return cash;
      if (c.valueEur <= cash) {
        seq.push(c);
        cash -= c.valueEur;
      }
    }
  }
  return cash;
}

/**
 * BREAK_FILL: the first candidate that does not fit (`cash < value`) or a full
 * sequence ends the walk; value-equal duplicates are skipped. `accept` narrows
 * which candidates are taken (adaptive's group match) and is tested only after
 * the affordability test, so an unaffordable non-match still ends the walk.
 */
export function breakFill(
  seq: ActionCandidate[],
  cash: number,
  lists: Lists,
  limit: number,
  accept?: (candidate: ActionCandidate) => boolean,
): number {
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l]!;
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (seq.length >= limit || cash < c.valueEur) return cash;
      if ((accept === undefined || accept(c)) && !containsEqual(seq, c)) {
        seq.push(c);
        cash -= c.valueEur;
      }
    }
  }
  return cash;
}

/**
 * Sell prefix in the `cash₀ + Σ` form: appends the first `count` candidates
 * (no test) and returns `cash0 + (v1 + v2 + …)`, the sum taken from 0 first.
 */
export function appendSummed(seq: ActionCandidate[], cash0: number, lists: Lists, count: number): number {
  let sum = 0;
  let taken = 0;
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l]!;
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (taken >= count) return cash0 + sum;
      seq.push(c);
      sum += c.valueEur;
      taken++;
    }
  }
  return cash0 + sum;
}

/**
 * Sell prefix in the running `cash += value` form: walks the first `count`
 * candidates and appends each while the sequence is shorter than `limit`.
 */
export function appendRunning(seq: ActionCandidate[], cash: number, lists: Lists, count: number, limit: number): number {
  let seen = 0;
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l]!;
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (seen >= count) return cash;
      seen++;
      if (seq.length < limit) {
        seq.push(c);
        cash += c.valueEur;
      }
    }
  }
  return cash;
}

/** The single-sequence result of a basic pattern: `[seq]` or `[]`, never an empty inner list. */
export function single(seq: Sequence): Sequence[] {
  return seq.length > 0 ? [seq] : [];
}
