/**
 * The run's only source of randomness, created by the planner from the
 * configured seed. The default implementation reproduces CPython's `random`.
 */
export interface RandomSource {
  /** Float in [0, 1). */
  random(): number;
  /** Integer in [lo, hi], both inclusive. */
  randint(lo: number, hi: number): number;
  /** `k` picks with replacement, weighted by cumulative weights. */
  choices<T>(population: readonly T[], weights: readonly number[], k: number): T[];
  /** Standard normal draw. */
  gauss(mu: number, sigma: number): number;
  /**
   * Optional: the next `random()` draw as its two integer parts, written to
   * `out[0]` (the high 27 bits) and `out[1]` (the low 26 bits), so that
   * `random() === (out[0] * 2 ** 26 + out[1]) / 2 ** 53`; it consumes what
   * `random()` would. Lets a hot loop pick by integer comparison, without a
   * floating-point result per draw (the sampler falls back to `random()`).
   */
  randomParts?(out: Int32Array): void;
  /**
   * Optional, with `randomParts`: the generator's 32-bit output words, for a
   * hot loop that derives its draws itself instead of a call per draw.
   * `wordBlock()` is the block of words being read (signed 32-bit; empty before
   * the first draw), `wordIndex()` the index of its next unread word (the
   * block's length or more: used up, the next draw refills it), and
   * `setWordIndex(i)` marks the words before `i` as read; the loop calls it
   * before any other draw, and takes a draw that would cross the block's end
   * through the draw methods. Only for a generator whose draws are CPython's
   * derivations from these words: `randint(lo, hi)` of width w = hi - lo + 1 in
   * [1, 2^31) takes words until `(word >>> 0) >>> Math.clz32(w)` is below w and
   * returns lo plus it; `random()` takes two (`randomParts`: w0 >>> 5, w1 >>> 6).
   */
  wordBlock?(): Int32Array;
  wordIndex?(): number;
  setWordIndex?(index: number): void;
}
