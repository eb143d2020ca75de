import { candidatesEqual } from '@planner/context';
import type { ActionCandidate, Sequence } from '@planner/contracts';

/**
 * For each position of `list`, the position of the first value-equal
 * candidate (spec §1.4). Sequences built from positions are then equal iff
 * their canonical positions are, which lets generators drop repeats with a
 * cheap integer key instead of comparing every field.
 */
export function canonicalPositions(list: readonly ActionCandidate[]): Int32Array {
  const out = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    out[i] = i;
    const c = list[i] as ActionCandidate;
    for (let j = 0; j < i; j++) {
      if (out[j] === j && candidatesEqual(list[j] as ActionCandidate, c)) {
        out[i] = j;
        break;
      }
    }
  }
  return out;
}

/** True when no two candidates of `list` are value-equal. */
export function allDistinct(canonical: Int32Array): boolean {
  for (let i = 0; i < canonical.length; i++) if (canonical[i] !== i) return false;
  return true;
}

/**
 * A string that is equal for two sequences iff every action is value-equal,
 * in order (all ten fields, tags in order). Used only by the opt-in
 * `dedupe` modes, so clarity beats speed here.
 */
export function sequenceValueKey(sequence: Sequence): string {
  return JSON.stringify(
    sequence.map((a) => [a.side, a.symbol, a.name, a.quantity, a.price, a.valueEur, a.currency, a.priority, a.reason, a.tags]),
  );
}

/** Yields each sequence of `source` once (first occurrence wins). */
export function* uniqueSequences(source: Iterable<Sequence>): Generator<Sequence> {
  const seen = new Set<string>();
  for (const seq of source) {
    const key = sequenceValueKey(seq);
    if (seen.has(key)) continue;
    seen.add(key);
    yield seq;
  }
}
