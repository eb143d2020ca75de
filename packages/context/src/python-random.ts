import type { RandomSource } from '@planner/contracts';
import { WeightedPick } from '#weighted-pick';

const N = 624;
const M = 397;
const TWO_PI = 2 * Math.PI;

/**
 * CPython's `random.Random`: MT19937 seeded by `init_by_array` on the 32-bit
 * words of |seed|, with CPython's derivations of random(), getrandbits(),
 * randint(), choices() and gauss(), so a seed gives the same draws as Python
 * (spec modules-sequences-filters.md §9.3).
 */
export class PythonRandom implements RandomSource {
  // The state and the tempered outputs of its current block, both stored as
  // signed 32-bit words: a first plan runs this in V8's interpreter, where an
  // Int32Array element and a bitwise result are small integers but an unsigned
  // word over 2^31 is a boxed double (an allocation per draw).
  private mt = EMPTY_STATE;
  private out = EMPTY_STATE;
  // The next output of `out`; N = used up (the next draw twists).
  private mti = N;
  private gaussNext: number | null = null;
  // Seeding fills 624 words; many runs never draw, so it waits for the first draw.
  private pendingKey: number[] | null = null;

  constructor(seed: number | bigint) {
    this.seed(seed);
  }

  /** `random.seed(int)`: words of |seed|, least significant first. */
  seed(seed: number | bigint): void {
    if (typeof seed === 'number' && !Number.isInteger(seed)) {
      throw new RangeError(`PythonRandom: seed must be an integer, got ${seed}`);
    }
    this.pendingKey = seedWords(seed);
    this.mti = N;
    this.gaussNext = null;
  }

  private initByArray(key: readonly number[]): void {
    if (this.mt.length === 0) {
      this.mt = new Int32Array(N + 1); // + the spare slot of twist()
      this.out = new Int32Array(N);
    }
    const mt = this.mt;
    mt.set(GENRAND_19650218);
    let i = 1;
    let j = 0;
    // Sums are exact in doubles (below 2^34) and `| 0` reduces them mod 2^32, as C's uint32 arithmetic.
    let prev = mt[0] as number;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      prev = (((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + (key[j] as number) + j) | 0;
      mt[i] = prev;
      i++;
      j++;
      if (i >= N) {
        mt[0] = prev;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    prev = mt[i - 1] as number;
    for (let k = N - 1; k > 0; k--) {
      prev = (((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i) | 0;
      mt[i] = prev;
      i++;
      if (i >= N) {
        mt[0] = prev;
        i = 1;
      }
    }
    mt[0] = -0x80000000; // 0x80000000
  }

  /**
   * The next block of the state and its tempered outputs, in one pass
   * (`genrand_uint32`'s refill). It runs in the interpreter on a first plan,
   * so the loop bodies hold only literals and locals: N = 624, M = 397,
   * N - M = 227, and MT19937's constants as signed literals with the same bits
   * (upper mask 0x80000000 = -0x80000000, matrix 0x9908b0df = -0x66f74f21,
   * tempering masks 0x9d2c5680 = -0x62d3a980 and 0xefc60000 = -0x103a0000);
   * `y << 31 >> 31` is 0 or -1 (all bits), selecting the matrix without a branch.
   * `z = z ^ e`, not `z ^= e`: the compound form copies z to a temporary
   * register first (one more bytecode, three per word).
   */
  private twist(): void {
    const mt = this.mt;
    const out = this.out;
    let cur = mt[0] as number;
    let kk = 0;
    for (; kk < 227; kk++) {
      const next = mt[kk + 1] as number;
      const y = (cur & -0x80000000) | (next & 0x7fffffff);
      let z = (mt[kk + 397] as number) ^ (y >>> 1) ^ ((y << 31 >> 31) & -0x66f74f21);
      mt[kk] = z;
      z = z ^ (z >>> 11);
      z = z ^ ((z << 7) & -0x62d3a980);
      z = z ^ ((z << 15) & -0x103a0000);
      out[kk] = z ^ (z >>> 18);
      cur = next;
    }
    // From here the partner kk + M wraps to kk + M - N, and the last word's
    // successor is word 0: words of this block, already new (as in C). Word 0
    // is copied to the spare slot 624 so that the last word reads it as kk + 1.
    mt[624] = mt[0] as number;
    for (; kk < 624; kk++) {
      const next = mt[kk + 1] as number;
      const y = (cur & -0x80000000) | (next & 0x7fffffff);
      let z = (mt[kk - 227] as number) ^ (y >>> 1) ^ ((y << 31 >> 31) & -0x66f74f21);
      mt[kk] = z;
      z = z ^ (z >>> 11);
      z = z ^ ((z << 7) & -0x62d3a980);
      z = z ^ ((z << 15) & -0x103a0000);
      out[kk] = z ^ (z >>> 18);
      cur = next;
    }
    this.mti = 0;
  }

  /** Seeds if pending, then twists: the block is used up. */
  private refill(): void {
    if (this.pendingKey !== null) {
      this.initByArray(this.pendingKey);
      this.pendingKey = null;
    }
    this.twist();
  }

  /** Next tempered 32-bit output (`genrand_uint32`), unsigned. */
  next32(): number {
    if (this.mti >= N) this.refill();
    return (this.out[this.mti++] as number) >>> 0;
  }

  random(): number {
    // Both words inside the current block (the usual case): read them without the refill checks.
    const i = this.mti;
    if (i <= N - 2) {
      this.mti = i + 2;
      const out = this.out;
      return (((out[i] as number) >>> 5) * 67108864 + ((out[i + 1] as number) >>> 6)) / 9007199254740992;
    }
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `random()`'s draw as its integer parts: out[0] = a (27 bits), out[1] = b (26 bits), random() = (a·2^26 + b) / 2^53. */
  randomParts(out: Int32Array): void {
    const i = this.mti;
    if (i <= N - 2) {
      this.mti = i + 2;
      const words = this.out;
      out[0] = (words[i] as number) >>> 5;
      out[1] = (words[i + 1] as number) >>> 6;
      return;
    }
    out[0] = this.next32() >>> 5;
    out[1] = this.next32() >>> 6;
  }

  /** The block of tempered outputs being read (RandomSource.wordBlock; empty before the first draw). */
  wordBlock(): Int32Array {
    return this.out;
  }

  /** Index of the next unread word of `wordBlock()` (N: used up). */
  wordIndex(): number {
    return this.mti;
  }

  /** Marks the words of the block before `index` as read (a caller that read them itself). */
  setWordIndex(index: number): void {
    if (index !== this.mti && !((index | 0) === index && index > this.mti && index <= this.out.length)) {
      throw new RangeError(`setWordIndex: expected an index from ${this.mti} to ${this.out.length}, got ${index}`);
    }
    this.mti = index;
  }

  /** `getrandbits(k)` for 0 <= k <= 53 (words drawn least significant first, as CPython). */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > 53) throw new RangeError(`getrandbits: k must be an integer in 0..53, got ${k}`);
    if (k === 0) return 0;
    if (k <= 32) return this.next32() >>> (32 - k);
    const low = this.next32();
    const high = this.next32() >>> (64 - k);
    return high * 4294967296 + low;
  }

  /** `_randbelow_with_getrandbits(n)`: rejection sampling on bit_length(n) bits; n = 1 still draws. */
  randbelow(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 53) throw new RangeError(`randbelow: n must be a positive integer, got ${n}`);
    const k = bitLength(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  randint(lo: number, hi: number): number {
    // The samplers' case (small 32-bit integers, width below 2^31) first, with
    // integer-only checks; the shift is then >= 1, so every value stays a small integer.
    if ((lo | 0) === lo && (hi | 0) === hi && hi >= lo && hi - lo < 0x7fffffff) {
      const width = hi - lo + 1;
      const shift = Math.clz32(width);
      let r: number;
      do {
        if (this.mti >= N) this.refill();
        r = (this.out[this.mti++] as number) >>> shift;
      } while (r >= width);
      return lo + r;
    }
    if (!Number.isInteger(lo) || !Number.isInteger(hi)) throw new RangeError(`randint: bounds must be integers, got ${lo}, ${hi}`);
    const width = hi - lo + 1;
    if (width <= 0) throw new RangeError(`randint: empty range (${lo}, ${hi})`);
    return lo + this.randbelow(width);
  }

  /** `choices(population, weights, k=k)`: running sums, then bisect_right over cum[0..n-2] (WeightedPick). */
  choices<T>(population: readonly T[], weights: readonly number[], k: number): T[] {
    const n = population.length;
    if (weights.length !== n) throw new RangeError('choices: the number of weights does not match the population');
    if (n === 0) throw new RangeError('choices: empty population');
    const table = new WeightedPick(weights);
    if (!(table.total > 0)) throw new RangeError('choices: total of weights must be greater than zero');
    if (!Number.isFinite(table.total)) throw new RangeError('choices: total of weights must be finite');
    const out: T[] = new Array<T>(k);
    for (let p = 0; p < k; p++) out[p] = population[table.pickByFloat(this)] as T;
    return out;
  }

  /** CPython `random.gauss`: Box-Muller pair, the second value cached for the next call. */
  gauss(mu = 0, sigma = 1): number {
    let z = this.gaussNext;
    this.gaussNext = null;
    if (z === null) {
      const x2pi = this.random() * TWO_PI;
      const g2rad = Math.sqrt(-2.0 * Math.log(1.0 - this.random()));
      z = Math.cos(x2pi) * g2rad;
      this.gaussNext = Math.sin(x2pi) * g2rad;
    }
    return mu + z * sigma;
  }
}

const EMPTY_STATE = new Int32Array(0);

/** `init_genrand(s)`: the state every `init_by_array` starts from, with s = 19650218. */
function genrandState(s: number): Int32Array {
  const mt = new Int32Array(N);
  mt[0] = s | 0;
  for (let i = 1; i < N; i++) {
    const prev = mt[i - 1] as number;
    mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) | 0;
  }
  return mt;
}

// A constant table (seeding runs once per plan; this half of it never depends on the seed).
const GENRAND_19650218 = genrandState(19650218);
const TWO_32 = 4294967296;

/** The 32-bit words of |seed|, least significant first (at least one). */
function seedWords(seed: number | bigint): number[] {
  if (typeof seed === 'number' && Math.abs(seed) <= Number.MAX_SAFE_INTEGER) {
    const s = Math.abs(seed);
    const high = Math.floor(s / TWO_32);
    return high === 0 ? [s >>> 0] : [s % TWO_32, high];
  }
  let s = BigInt(seed);
  if (s < 0n) s = -s;
  const key: number[] = [];
  do {
    key.push(Number(s & 0xffffffffn));
    s >>= 32n;
  } while (s > 0n);
  return key;
}

function bitLength(n: number): number {
  return n < 2 ** 32 ? 32 - Math.clz32(n) : n.toString(2).length;
}

export function createPythonRandom(seed: number): RandomSource {
  return new PythonRandom(seed);
}
