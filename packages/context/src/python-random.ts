import type { RandomSource } from '@planner/contracts';

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
  private mt = EMPTY_STATE;
  private mti = N + 1;
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
    if (this.mt.length === 0) this.mt = new Uint32Array(N);
    const mt = this.mt;
    mt.set(GENRAND_19650218);
    this.mti = N;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) >>> 0) + (key[j] as number) + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) >>> 0) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private twist(): void {
    const mt = this.mt;
    let kk = 0;
    for (; kk < N - M; kk++) {
      const y = ((mt[kk] as number) & 0x80000000) | ((mt[kk + 1] as number) & 0x7fffffff);
      mt[kk] = (mt[kk + M] as number) ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    }
    for (; kk < N - 1; kk++) {
      const y = ((mt[kk] as number) & 0x80000000) | ((mt[kk + 1] as number) & 0x7fffffff);
      mt[kk] = (mt[kk + (M - N)] as number) ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    }
    const y = ((mt[N - 1] as number) & 0x80000000) | ((mt[0] as number) & 0x7fffffff);
    mt[N - 1] = (mt[M - 1] as number) ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    this.mti = 0;
  }

  /** Next tempered 32-bit output (`genrand_uint32`). */
  next32(): number {
    if (this.mti >= N) {
      if (this.pendingKey !== null) {
        this.initByArray(this.pendingKey);
        this.pendingKey = null;
      }
      this.twist();
    }
    return temper(this.mt[this.mti++] as number);
  }

  random(): number {
    // Both words inside the current block (the usual case): read them without the refill checks.
    const i = this.mti;
    if (i <= N - 2) {
      this.mti = i + 2;
      const a = temper(this.mt[i] as number) >>> 5;
      const b = temper(this.mt[i + 1] as number) >>> 6;
      return (a * 67108864 + b) / 9007199254740992;
    }
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
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
    if (!Number.isInteger(lo) || !Number.isInteger(hi)) throw new RangeError(`randint: bounds must be integers, got ${lo}, ${hi}`);
    const width = hi - lo + 1;
    if (width <= 0) throw new RangeError(`randint: empty range (${lo}, ${hi})`);
    // The hot case of the samplers: a 32-bit width, drawn without re-validating.
    if (width < 2 ** 32) {
      const shift = Math.clz32(width);
      let r = this.next32() >>> shift;
      while (r >= width) r = this.next32() >>> shift;
      return lo + r;
    }
    return lo + this.randbelow(width);
  }

  /** `choices(population, weights, k=k)`: running sums, then bisect_right over cum[0..n-2]. */
  choices<T>(population: readonly T[], weights: readonly number[], k: number): T[] {
    const n = population.length;
    if (weights.length !== n) throw new RangeError('choices: the number of weights does not match the population');
    if (n === 0) throw new RangeError('choices: empty population');
    const cum = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += weights[i] as number;
      cum[i] = acc;
    }
    const total = acc + 0.0;
    if (!(total > 0)) throw new RangeError('choices: total of weights must be greater than zero');
    if (!Number.isFinite(total)) throw new RangeError('choices: total of weights must be finite');
    const hiBound = n - 1;
    const out: T[] = new Array<T>(k);
    for (let p = 0; p < k; p++) {
      const u = this.random() * total;
      let lo = 0;
      let hi = hiBound;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (u < (cum[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      out[p] = population[lo] as T;
    }
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

const EMPTY_STATE = new Uint32Array(0);

/** MT19937 tempering of one state word (an unsigned 32-bit result). */
function temper(y: number): number {
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y >>> 0;
}

/** `init_genrand(s)`: the state every `init_by_array` starts from, with s = 19650218. */
function genrandState(s: number): Uint32Array {
  const mt = new Uint32Array(N);
  mt[0] = s >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = mt[i - 1] as number;
    mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
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
