import type { RandomSource } from '@planner/contracts';

const unexpected = (): never => {
  throw new Error('unexpected draw');
};

/** A RandomSource that fails the test when drawn from. */
export const noRandom: RandomSource = { random: unexpected, randint: unexpected, choices: unexpected, gauss: unexpected };

/** Counts the draws and delegates them to `inner`. */
export function countingRng(inner: RandomSource): RandomSource & { calls: number } {
  const r = {
    calls: 0,
    random: () => {
      r.calls++;
      return inner.random();
    },
    randint: (lo: number, hi: number) => {
      r.calls++;
      return inner.randint(lo, hi);
    },
    choices: <T>(pop: readonly T[], w: readonly number[], k: number) => {
      r.calls++;
      return inner.choices(pop, w, k);
    },
    gauss: (mu: number, sigma: number) => {
      r.calls++;
      return inner.gauss(mu, sigma);
    },
  };
  return r;
}
