import type { Sequence } from '@planner/contracts';
import { hasDuplicateSymbol, sequenceKey } from '@planner/context';

/**
 * pipeline.md §5.3 deduplication: drop empty sequences and sequences that
 * trade a symbol twice, then keep the first sequence of each ordered
 * (symbol, side) key (quantities are not part of the key).
 */
export function dedupSequences(sequences: readonly Sequence[]): Sequence[] {
  const seen = new Set<string>();
  const out: Sequence[] = [];
  for (const seq of sequences) {
    if (seq.length === 0 || hasDuplicateSymbol(seq)) continue;
    const key = sequenceKey(seq);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(seq);
  }
  return out;
}
