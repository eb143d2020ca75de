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
}
