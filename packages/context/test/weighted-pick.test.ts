import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPythonRandom } from '../src/python-random.js';
import { WeightedPick } from '../src/weighted-pick.js';
import { WeightedPick as BrowserWeightedPick } from '../src/weighted-pick-browser.js';

const TWO_26 = 2 ** 26;
const TWO_53 = 2 ** 53;

/** The running sums CPython's `choices` bisects (the oracle of WeightedPick's own). */
function cumulative(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w;
    cum[i] = acc;
  });
  return cum;
}

/** What the floating-point path compares: random() * total < cum[j], with random() = R / 2^53. */
const below = (r: number, total: number, c: number): boolean => (r / TWO_53) * total < c;

describe('WeightedPick thresholds (integer form of bisect_right over random() * total)', () => {
  it('property: R < threshold[j] exactly when (R / 2^53) * total < cum[j], at the threshold and around it', () => {
    const weights = fc.array(fc.oneof(fc.double({ min: 0, max: 1e3, noNaN: true }), fc.constantFrom(0, 0.1, 1, 1 / 3)), { minLength: 2, maxLength: 50 });
    fc.assert(
      fc.property(weights, fc.array(fc.integer({ min: 0, max: TWO_53 - 1 }), { minLength: 1, maxLength: 20 }), (w, draws) => {
        const cum = cumulative(w);
        const total = (cum[cum.length - 1] as number) + 0.0;
        fc.pre(total > 0);
        const pick = new WeightedPick(w);
        const high = pick.high as Int32Array;
        expect(high).not.toBeNull();
        for (let j = 0; j < cum.length - 1; j++) {
          const t = (high[j] as number) * TWO_26 + (pick.low[j] as number);
          const c = cum[j] as number;
          for (const r of [t - 2, t - 1, t, t + 1, ...draws]) {
            if (r < 0 || r >= TWO_53) continue;
            expect(r < t).toBe(below(r, total, c));
          }
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('subnormal weights: the thresholds are found by bisection, and agree with the floating-point comparison', () => {
    // Stepping one R at a time from the estimate took about 2^53 steps here (a hang).
    const w = [5e-324, 0, 5e-324, 1e-320, 5e-324];
    const cum = cumulative(w);
    const total = (cum[cum.length - 1] as number) + 0.0;
    const pick = new WeightedPick(w);
    const high = pick.high as Int32Array;
    expect(high).not.toBeNull();
    for (let j = 0; j < cum.length - 1; j++) {
      const t = (high[j] as number) * TWO_26 + (pick.low[j] as number);
      const c = cum[j] as number;
      expect(below(t, total, c)).toBe(false);
      if (t > 0) expect(below(t - 1, total, c)).toBe(true);
    }
  });

  it('a zero or non-finite total keeps the floating-point path only', () => {
    expect(new WeightedPick([0, 0]).high).toBeNull();
    expect(new WeightedPick([1, Number.POSITIVE_INFINITY]).high).toBeNull();
    expect(new WeightedPick([]).high).toBeNull();
    expect(new WeightedPick([0.2, 0.8]).high).not.toBeNull();
  });

  it('takes the integer path only with a source that has randomParts and a usable total', () => {
    const plain = { random: () => 0.5, randint: () => 1, choices: () => [], gauss: () => 0 };
    const table = new WeightedPick([0.2, 0.8]);
    expect(table.integerPath(createPythonRandom(1))).toBe(true);
    expect(table.integerPath(plain)).toBe(false);
    expect(new WeightedPick([0, 0]).integerPath(createPythonRandom(1))).toBe(false);
    // random() = 0.5: 0.5 * 1.0 is not below cum[0] = 0.2, so the second
    expect(table.pickByFloat(plain)).toBe(1);
  });
});

describe('WeightedPick in a browser bundle (\'#weighted-pick\', package.json "imports")', () => {
  it('property: the same picks from the same draws as Node\'s, on floating point only', () => {
    const weights = fc.array(fc.oneof(fc.double({ min: 0, max: 1e3, noNaN: true }), fc.constantFrom(0, 0.1, 1, 1 / 3, 5e-324)), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(weights, fc.integer({ min: 0, max: 1000 }), (w, seed) => {
        const node = new WeightedPick(w);
        const browser = new BrowserWeightedPick(w);
        const a = createPythonRandom(seed);
        const b = createPythonRandom(seed);
        expect(browser.total).toBe(node.total);
        expect(browser.size).toBe(node.size);
        expect(browser.integerPath(b)).toBe(false);
        for (let i = 0; i < 20; i++) expect(browser.pickByFloat(b)).toBe(node.pickByFloat(a));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
