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
}
