import type { Sequence } from '@planner/contracts';
import { hasDuplicateSymbol, sequenceKey } from '@planner/context';

// A (symbol, side) pair gets a code 1..CODE_LIMIT-1 in order of first sight;
// a sequence of up to MAX_PACKED such codes packs into one exact integer
// (7 bits each, at most 49 bits), so most keys are numbers, not strings.
const CODE_BITS = 7;
const CODE_LIMIT = 2 ** CODE_BITS;
const MAX_PACKED = 7;

/**
 * pipeline.md §5.3 deduplication: drop empty sequences and sequences that
 * trade a symbol twice, then keep the first sequence of each ordered
 * (symbol, side) key (quantities are not part of the key).
 */
export function dedupSequences(sequences: readonly Sequence[]): Sequence[] {
  // Small plans often generate nothing: no key tables then.
  if (sequences.length === 0) return [];
  const codes = new Map<string, number>();
  const seenPacked = new Set<number>();
  // Longer sequences and large universes fall back to the string key.
  const seenText = new Set<string>();
  const out: Sequence[] = [];
  // Indexed (not for-of): a first plan runs this in the interpreter, over thousands of sequences.
  for (let i = 0; i < sequences.length; i++) {
    const seq = sequences[i]!;
    if (seq.length === 0) continue;
    // The packing pass also finds a symbol traded twice (no second pass over the sequence).
    const packed = packedKey(seq, codes);
    if (packed === TWICE) continue;
    if (packed >= 0) {
      if (seenPacked.has(packed)) continue;
      seenPacked.add(packed);
    } else {
      if (hasDuplicateSymbol(seq)) continue;
      const key = sequenceKey(seq);
      if (seenText.has(key)) continue;
      seenText.add(key);
    }
    out.push(seq);
  }
  return out;
}

/** `packedKey`'s answer for a sequence that trades a symbol twice. */
const TWICE = -2;

/**
 * The sequence's codes packed into one integer; TWICE when it trades a symbol
 * twice; -1 when they do not fit (then it may still trade a symbol twice).
 */
function packedKey(seq: Sequence, codes: Map<string, number>): number {
  if (seq.length > MAX_PACKED) return -1;
  let key = 0;
  // The symbol ids below 31 seen so far; a larger id is checked by a scan.
  let seen = 0;
  for (let i = 0; i < seq.length; i++) {
    const a = seq[i]!;
    const side = a.side === 'BUY' ? 0 : a.side === 'SELL' ? 1 : -1;
    if (side < 0) return -1;
    // Codes of one symbol: 2·id + 1 for BUY, 2·id + 2 for SELL (ids in order of first sight). Inline, not
    // a call per action: dedup runs over every generated sequence, in the interpreter on a first plan.
    let id = codes.get(a.symbol);
    if (id === undefined) {
      id = codes.size;
      codes.set(a.symbol, id);
    }
    if (id < 31) {
      if ((seen & (1 << id)) !== 0) return TWICE;
      seen |= 1 << id;
    } else {
      for (let j = 0; j < i; j++) if (seq[j]!.symbol === a.symbol) return TWICE;
    }
    const pair = 2 * id + 1 + side;
    if (pair >= CODE_LIMIT) return -1;
    key = key * CODE_LIMIT + pair;
  }
  return key;
}

