import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PythonRandom, createPythonRandom } from '../src/python-random.js';
import { Mt19937Oracle } from './mt19937-oracle.js';

// Vectors from CPython 3.11 `random.Random(seed)`.
describe('PythonRandom', () => {
  it('reproduces the first 32-bit output and random() for seed 42', () => {
    expect(new PythonRandom(42).next32()).toBe(2746317213);
    const r = new PythonRandom(42);
    expect([r.random(), r.random(), r.random()]).toEqual([0.6394267984578837, 0.025010755222666936, 0.27502931836911926]);
  });

  it('stays in step past one twist of the state (700 draws)', () => {
    const r = new PythonRandom(42);
    let x = 0;
    for (let i = 0; i < 700; i++) x = r.random();
    expect(x).toBe(0.5445623787105787);
  });

  it('seeds 0, negative and multi-word integers as CPython', () => {
    expect(new PythonRandom(0).random()).toBe(0.8444218515250481);
    expect(new PythonRandom(-7).random()).toBe(new PythonRandom(7).random());
    expect(new PythonRandom(-7).random()).toBe(0.32383276483316237);
    expect(new PythonRandom(2 ** 40 + 5).random()).toBe(0.5043802970418443);
  });

  it('number seeds split into words as the BigInt path does (word boundaries, sign)', () => {
    for (const seed of [0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, -(2 ** 40 + 5), 2 ** 52 + 3, Number.MAX_SAFE_INTEGER]) {
      const a = new PythonRandom(seed);
      const b = new PythonRandom(BigInt(seed));
      for (let i = 0; i < 3; i++) expect(a.next32()).toBe(b.next32());
    }
  });

  it('a re-seed after draws starts over (seeding is deferred to the first draw)', () => {
    const r = new PythonRandom(5);
    const first = [r.random(), r.random()];
    for (let i = 0; i < 1000; i++) r.random();
    r.seed(5);
    expect([r.random(), r.random()]).toEqual(first);
  });

  it('rejects the arguments CPython rejects, before drawing', () => {
    const r = new PythonRandom(42);
    expect(() => r.seed(1.5)).toThrow(new RangeError('PythonRandom: seed must be an integer, got 1.5'));
    for (const k of [-1, 54, 2.5]) expect(() => r.getrandbits(k)).toThrow(`getrandbits: k must be an integer in 0..53, got ${k}`);
    for (const n of [0, -3, 1.5, 2 ** 53 + 2]) expect(() => r.randbelow(n)).toThrow(`randbelow: n must be a positive integer, got ${n}`);
    expect(() => r.randint(1.5, 3)).toThrow('randint: bounds must be integers, got 1.5, 3');
    expect(() => r.choices([], [], 1)).toThrow('choices: empty population');
    expect(() => r.choices(['a', 'b'], [1, Number.POSITIVE_INFINITY], 1)).toThrow('choices: total of weights must be finite');
    // nothing was drawn: the stream still starts where seed 42 starts
    expect(r.next32()).toBe(2746317213);
  });

  it('getrandbits(0) is 0 and draws nothing, as CPython', () => {
    const r = new PythonRandom(42);
    expect(r.getrandbits(0)).toBe(0);
    expect(r.next32()).toBe(2746317213);
  });

  it('randint(1, 2) four times gives 1, 1, 2, 1', () => {
    const r = createPythonRandom(42);
    expect([r.randint(1, 2), r.randint(1, 2), r.randint(1, 2), r.randint(1, 2)]).toEqual([1, 1, 2, 1]);
  });

  it('randint over wider and degenerate ranges', () => {
    const r = new PythonRandom(110);
    expect(Array.from({ length: 10 }, () => r.randint(1, 7))).toEqual([4, 7, 7, 5, 2, 4, 4, 6, 3, 6]);
    const big = new PythonRandom(42);
    expect([big.randint(0, 10 ** 12), big.randint(0, 10 ** 12), big.randint(0, 10 ** 12)]).toEqual([
      123005401501, 811856239313, 267469214295,
    ]);
    expect([big.randint(5, 5), big.randint(5, 5)]).toEqual([5, 5]);
    expect(() => big.randint(3, 2)).toThrow(RangeError);
  });

  it('getrandbits for small and two-word sizes', () => {
    const r = new PythonRandom(42);
    expect([1, 5, 31, 33, 53].map((k) => r.getrandbits(k))).toEqual([1, 3, 53710184, 3184935163, 2010501012863888]);
  });

  it('choices with weights picks z, x, y for seed 42', () => {
    const r = createPythonRandom(42);
    expect(r.choices(['x', 'y', 'z'], [0.2, 0.3, 0.5], 3)).toEqual(['z', 'x', 'y']);
  });

  it('choices never picks a zero-weight tail beyond the last index and rejects bad weights', () => {
    const r = createPythonRandom(1);
    const picks = r.choices(['a', 'b'], [1, 0], 50);
    expect(picks.every((p) => p === 'a')).toBe(true);
    expect(() => r.choices(['a'], [0], 1)).toThrow(RangeError);
    expect(() => r.choices(['a', 'b'], [1], 1)).toThrow(RangeError);
  });

  it('gauss follows CPython including the cached second value', () => {
    const r = createPythonRandom(42);
    expect(Array.from({ length: 5 }, () => r.gauss(0, 1))).toEqual([
      -0.14409032957792836, -0.1729036003315193, -0.11131586156766246, 0.7019837250988631, -0.12758828378288709,
    ]);
    const s = new PythonRandom(42);
    expect([s.gauss(10, 2), s.gauss(10, 2), s.gauss(10, 2)]).toEqual([9.711819340844142, 9.654192799336961, 9.777368276864674]);
    // Three gauss calls consumed four random() values; the fifth is next.
    expect(s.random()).toBe(0.7364712141640124);
  });

  it('re-seeding resets the state and the gauss cache', () => {
    const r = new PythonRandom(42);
    r.gauss(0, 1);
    r.seed(42);
    expect(r.gauss(0, 1)).toBe(-0.14409032957792836);
  });

  it('randint draws as lo + randbelow(width) (the fast 32-bit path included)', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: -50, max: 50 }), fc.constantFrom(1, 2, 3, 7, 8, 100, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40), (seed, lo, width) => {
        const a = new PythonRandom(seed);
        const b = new PythonRandom(seed);
        for (let i = 0; i < 20; i++) expect(a.randint(lo, lo + width - 1)).toBe(lo + b.randbelow(width));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('PythonRandom.random fast path (two words read without refill checks)', () => {
  it('property: random() equals the two-next32 formula over mixed call sequences crossing block refills', () => {
    const call = fc.constantFrom('random', 'next32', 'randint');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.array(call, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 1400 }), (seed, pattern, warmup) => {
        const fast = new PythonRandom(seed);
        const slow = new PythonRandom(seed);
        // land near a 624-word refill so both paths of random() are taken
        for (let i = 0; i < warmup; i++) {
          fast.next32();
          slow.next32();
        }
        for (const c of pattern) {
          if (c === 'random') {
            const a = slow.next32() >>> 5;
            const b = slow.next32() >>> 6;
            expect(fast.random()).toBe((a * 67108864 + b) / 9007199254740992);
          } else if (c === 'next32') {
            expect(fast.next32()).toBe(slow.next32());
          } else {
            expect(fast.randint(1, 5)).toBe(slow.randint(1, 5));
          }
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('PythonRandom against the plain MT19937 (signed words, fused twist and tempering)', () => {
  it('property: next32 equals the unsigned reference over several blocks, for one- to three-word seeds', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 96n - 1n }), fc.integer({ min: 1, max: 2000 }), (seed, draws) => {
        const key: number[] = [];
        let s = seed;
        do {
          key.push(Number(s & 0xffffffffn));
          s >>= 32n;
        } while (s > 0n);
        const oracle = new Mt19937Oracle(key);
        const r = new PythonRandom(seed);
        for (let i = 0; i < draws; i++) expect(r.next32()).toBe(oracle.next32());
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('property: randint, random and next32 interleaved consume the words the reference gives', () => {
    const call = fc.constantFrom('random', 'next32', 'randint-small', 'randint-wide', 'randint-negative');
    fc.assert(
      fc.property(fc.nat(2 ** 31), fc.array(call, { minLength: 1, maxLength: 400 }), (seed, calls) => {
        const oracle = new Mt19937Oracle([seed]);
        const r = new PythonRandom(seed);
        const below = (width: number): number => {
          const shift = Math.clz32(width);
          let v = oracle.next32() >>> shift;
          while (v >= width) v = oracle.next32() >>> shift;
          return v;
        };
        for (const c of calls) {
          if (c === 'random') {
            const a = oracle.next32() >>> 5;
            const b = oracle.next32() >>> 6;
            expect(r.random()).toBe((a * 67108864 + b) / 9007199254740992);
          } else if (c === 'next32') {
            expect(r.next32()).toBe(oracle.next32());
          } else if (c === 'randint-small') {
            expect(r.randint(1, 3)).toBe(1 + below(3));
          } else if (c === 'randint-wide') {
            // width 2^31: past the small-integer path
            expect(r.randint(0, 2 ** 31 - 1)).toBe(below(2 ** 31));
          } else {
            expect(r.randint(-5, -5)).toBe(-5 + below(1));
          }
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('PythonRandom.randomParts', () => {
  it('property: gives the integer parts of the random() the same stream would draw, across block refills', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 31), fc.integer({ min: 0, max: 1300 }), fc.integer({ min: 1, max: 30 }), (seed, skip, n) => {
        const a = new PythonRandom(seed);
        const b = new PythonRandom(seed);
        for (let i = 0; i < skip; i++) {
          a.next32();
          b.next32();
        }
        const parts = new Int32Array(2);
        for (let i = 0; i < n; i++) {
          a.randomParts(parts);
          expect(parts[0]).toBeLessThan(2 ** 27);
          expect(parts[1]).toBeLessThan(2 ** 26);
          expect((parts[0]! * 2 ** 26 + parts[1]!) / 2 ** 53).toBe(b.random());
        }
        expect(a.next32()).toBe(b.next32());
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('PythonRandom word methods (RandomSource.wordBlock)', () => {
  it('property: the words read from the block are the next32 outputs, and setWordIndex leaves the stream after them', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 31), fc.integer({ min: 0, max: 1300 }), fc.integer({ min: 0, max: 700 }), (seed, skip, n) => {
        const a = new PythonRandom(seed);
        const b = new PythonRandom(seed);
        for (let i = 0; i < skip; i++) {
          a.next32();
          b.next32();
        }
        // Read words until n are read; at the block's end, draw through next32 (as the sampler's loop does).
        let read = 0;
        while (read < n) {
          const block = a.wordBlock();
          let i = a.wordIndex();
          if (i >= block.length) {
            expect(a.next32()).toBe(b.next32());
          } else {
            for (; i < block.length && read < n; i++, read++) {
              if (read === n - 1 || i === block.length - 1) continue;
              expect(block[i]! >>> 0).toBe(b.next32());
            }
            // the last word of the run (or of the block) is read after moving the index past the others
            a.setWordIndex(i - 1);
            expect(a.next32()).toBe(b.next32());
            continue;
          }
          read++;
        }
        expect(a.next32()).toBe(b.next32());
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('before the first draw the block is empty and used up; setWordIndex refuses to go back or past the block', () => {
    const r = new PythonRandom(5);
    expect(r.wordBlock()).toHaveLength(0);
    expect(r.wordIndex()).toBe(624);
    r.setWordIndex(624);
    expect(() => r.setWordIndex(625)).toThrow(new RangeError('setWordIndex: expected an index from 624 to 0, got 625'));
    r.next32();
    expect(r.wordIndex()).toBe(1);
    expect(() => r.setWordIndex(0)).toThrow(RangeError);
    expect(() => r.setWordIndex(1.5)).toThrow(RangeError);
    expect(() => r.setWordIndex(625)).toThrow(RangeError);
    r.setWordIndex(624);
    expect(r.wordIndex()).toBe(624);
  });
});
