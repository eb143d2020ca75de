import type { ActionCandidate } from '@planner/contracts';
import { canonicalPositions } from './candidate-identity.js';

/**
 * The sell-then-buy sequences seen so far, each given as positions in
 * `sells` and `buys`; `addIfNew` says whether an equal sequence (every action
 * value-equal, in order, spec §1.4) was not seen yet. The key of a sequence is
 * its canonical positions in `sells ++ buys` written as digits 1..n in base
 * n + 1: one exact number while (n + 1)^maxLength < 2^53 (always so at the
 * default 24 candidates and 5 steps), a string past that.
 */
/** Canonical position of every row of `sells ++ buys` (read only by SequenceKeySet). */
export function canonicalRows(sells: readonly ActionCandidate[], buys: readonly ActionCandidate[]): Int32Array {
  // A sell never equals a buy (the side differs), so each side is canonicalised alone.
  const canonical = new Int32Array(sells.length + buys.length);
  canonical.set(canonicalPositions(sells));
  const buyCanonical = canonicalPositions(buys);
  for (let i = 0; i < buys.length; i++) canonical[sells.length + i] = (buyCanonical[i] as number) + sells.length;
  return canonical;
}

export class SequenceKeySet {
  private readonly canonical: Int32Array;
  private readonly buyOffset: number;
  private readonly base: number;
  private readonly packed: Set<number> | null;
  private readonly strings: Set<string> | null;

  /** `canonical`: `canonicalRows(sells, buys)` when already at hand (it is seed-free, so shareable across calls). */
  constructor(sells: readonly ActionCandidate[], buys: readonly ActionCandidate[], maxLength: number, canonical?: Int32Array) {
    this.canonical = canonical ?? canonicalRows(sells, buys);
    this.buyOffset = sells.length;
    this.base = this.canonical.length + 1;
    const exact = maxLength * Math.log2(this.base) < 52;
    this.packed = exact ? new Set<number>() : null;
    this.strings = exact ? null : new Set<string>();
  }

  addIfNew(sellPos: Int32Array, ns: number, buyPos: Int32Array, nb: number): boolean {
    if (this.packed !== null) {
      const key = this.packedKey(sellPos, ns, buyPos, nb);
      if (this.packed.has(key)) return false;
      this.packed.add(key);
      return true;
    }
    const key = this.stringKey(sellPos, ns, buyPos, nb);
    const strings = this.strings as Set<string>;
    if (strings.has(key)) return false;
    strings.add(key);
    return true;
  }

  private packedKey(sellPos: Int32Array, ns: number, buyPos: Int32Array, nb: number): number {
    const canonical = this.canonical;
    let key = 0;
    for (let i = 0; i < ns; i++) key = key * this.base + (canonical[sellPos[i] as number] as number) + 1;
    for (let i = 0; i < nb; i++) key = key * this.base + (canonical[this.buyOffset + (buyPos[i] as number)] as number) + 1;
    return key;
  }

  private stringKey(sellPos: Int32Array, ns: number, buyPos: Int32Array, nb: number): string {
    let key = '';
    for (let i = 0; i < ns; i++) key += `${this.canonical[sellPos[i] as number]},`;
    for (let i = 0; i < nb; i++) key += `${this.canonical[this.buyOffset + (buyPos[i] as number)]},`;
    return key;
  }
}
