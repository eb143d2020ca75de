// '#sample-fast' in Node (package.json "imports"): the sampler's loop for the
// usual case, integer picks and one-word profiles. A first plan runs it in V8's
// interpreter, where each bytecode costs some 30 machine instructions, a typed
// array element or property load several times that and a call some 350; so
// one function does a whole attempt on locals: no call per side or per pick
// besides the draws themselves, a bucket table instead of the bisection, the
// symbols of an attempt as a bit set, the profile's masks ORed while picking.
// The same draws, picks and sequences as the generic loop (`sample` in
// enhanced-combinatorial.ts), which the browser bundle keeps alone
// (sample-fast-browser.ts); a property test holds the two to each other.
import type { WeightedPick } from '@planner/context';
import type { ActionCandidate, RandomSource, Security, Sequence } from '@planner/contracts';
import type { DepthLimits } from './depth-limits.js';
import { samplerRun } from './sampler-run.js';
import { oneWordRows, tooSimilarToAny } from './similarity-window.js';
import { WINDOW } from './similarity-common.js';
import type { RowMasks } from './similarity-window.js';

/** R's high part has 27 bits; its top 10 choose the bucket. */
const BUCKET_SHIFT = 17;
const BUCKETS = 1 << (27 - BUCKET_SHIFT);

/**
 * Per bucket of R's high part: `~pick` when every R of the bucket picks the
 * same index (no threshold inside it: with at most 50 candidates, 95 % of the
 * buckets or more), else the first index to test (the thresholds before it
 * lie in lower buckets). `pick(R)` is the number of thresholds <= R, as the
 * bisection over WeightedPick's integer thresholds finds it.
 */
export function bucketTable(high: Int32Array): Int32Array {
  const buckets = new Int32Array(BUCKETS);
  let next = 0;
  let reachable = high.length;
  for (let j = 0; j < high.length; j++) {
    const bucket = (high[j] as number) >>> BUCKET_SHIFT;
    if (bucket < next) continue; // a bucket already holding a threshold
    if (bucket >= BUCKETS) {
      // R = 2^53: no draw reaches this threshold or the ones after it
      reachable = j;
      break;
    }
    buckets.fill(~j, next, bucket);
    buckets[bucket] = j;
    next = bucket + 1;
  }
  buckets.fill(~reachable, next);
  return buckets;
}

/** Whether a symbol id is among the first `count` picks (the bit set's exact check: ids past 31 share bits). */
function pickedBefore(picked: Int32Array, count: number, symbolIds: Int32Array, sym: number): boolean {
  for (let i = 0; i < count; i++) if (symbolIds[picked[i] as number] === sym) return true;
  return false;
}

/** One side's tables: picks by bucket, symbol ids, and the rows' masks. */
interface Side {
  readonly buckets: Int32Array;
  readonly high: Int32Array;
  readonly low: Int32Array;
  readonly ids: Int32Array;
  readonly countries: Int32Array;
  readonly industries: Int32Array;
}

function side(pick: WeightedPick, ids: Int32Array, masks: RowMasks, from: number): Side {
  const high = pick.high ?? new Int32Array(0);
  return {
    buckets: bucketTable(high),
    high,
    low: pick.low,
    ids,
    countries: masks.countries.subarray(from, from + ids.length),
    industries: masks.industries.subarray(from, from + ids.length),
  };
}

/** The parts of a sampler setup the fast loop reads. */
export interface FastSamplerInput {
  readonly s: readonly ActionCandidate[];
  readonly b: readonly ActionCandidate[];
  readonly sPick: WeightedPick;
  readonly bPick: WeightedPick;
  readonly sIds: Int32Array;
  readonly bIds: Int32Array;
  readonly canonical: Int32Array;
}

/**
 * The fast loop's seed-free tables for one setup, or null where it does not
 * apply: a side without integer thresholds (weights whose total is not a
 * positive finite number), or more than 32 countries or industries.
 */
export function prepareFastSampler(setup: FastSamplerInput, securitiesBySymbol: ReadonlyMap<string, Security> | null): FastSampler | null {
  if ((setup.s.length > 0 && setup.sPick.high === null) || (setup.b.length > 0 && setup.bPick.high === null)) return null;
  const masks = oneWordRows(setup.s, setup.b, securitiesBySymbol);
  return masks === null ? null : new FastSampler(setup, masks);
}

export class FastSampler {
  private readonly sells: Side;
  private readonly buys: Side;

  constructor(
    private readonly setup: FastSamplerInput,
    private readonly masks: RowMasks,
  ) {
    this.sells = side(setup.sPick, setup.sIds, masks, 0);
    this.buys = side(setup.bPick, setup.bIds, masks, setup.s.length);
  }

  /**
   * `sample` of enhanced-combinatorial.ts for a source with `randomParts` and
   * the word methods (RandomSource.wordBlock): the same draws, in the same
   * order, derived here from the source's words (CPython's randint and
   * random()), so that a draw is a few bytecodes instead of a call; a draw that
   * would cross the block's end, or a randint of a width that is not a small
   * positive integer, goes through the source's own method.
   */
  sample(limits: DepthLimits, rng: RandomSource, distinct: boolean): Sequence[] {
    const { s, b } = this.setup;
    const out: Sequence[] = [];
    if (s.length === 0 && b.length === 0) return out;
    // The similarity window (OneWordWindow's, on locals): the profiles of the last ten accepted.
    const ringC = new Int32Array(WINDOW);
    const ringI = new Int32Array(WINDOW);
    const { buckets: sBuckets, high: sHigh, low: sLow, ids: sIds, countries: sC, industries: sI } = this.sells;
    const { buckets: bBuckets, high: bHigh, low: bLow, ids: bIds, countries: bC, industries: bI } = this.buys;
    const sLast = sHigh.length;
    const bLast = bHigh.length;
    const { pickedSells, pickedBuys, maxSellDraw, maxBuyDraw, drawSells, drawBuys, maxAttempts, maxAccepted, maxSteps, seen } =
      samplerRun(s, b, limits, this.setup.canonical, distinct);
    const parts = new Int32Array(2);
    // The source's words on locals; `wi` goes back to the source before returning.
    let words = rng.wordBlock!();
    let wi = rng.wordIndex!();
    // randint(1, w) takes words until word >>> clz32(w) < w; -1: through rng.randint.
    const sellShift = (maxSellDraw | 0) === maxSellDraw && maxSellDraw >= 1 ? Math.clz32(maxSellDraw) : -1;
    const buyShift = (maxBuyDraw | 0) === maxBuyDraw && maxBuyDraw >= 1 ? Math.clz32(maxBuyDraw) : -1;
    let attempts = 0;
    let accepted = 0;
    while (accepted < maxAccepted && attempts < maxAttempts) {
      attempts++;
      let ns = 0;
      if (drawSells) {
        for (;;) {
          if (wi >= words.length || sellShift < 0) {
            rng.setWordIndex!(wi);
            ns = rng.randint(1, maxSellDraw);
            words = rng.wordBlock!();
            wi = rng.wordIndex!();
            break;
          }
          const r = (words[wi++] as number) >>> sellShift;
          if (r < maxSellDraw) {
            ns = r + 1;
            break;
          }
        }
      }
      let nb = 0;
      if (drawBuys) {
        for (;;) {
          if (wi >= words.length || buyShift < 0) {
            rng.setWordIndex!(wi);
            nb = rng.randint(1, maxBuyDraw);
            words = rng.wordBlock!();
            wi = rng.wordIndex!();
            break;
          }
          const r = (words[wi++] as number) >>> buyShift;
          if (r < maxBuyDraw) {
            nb = r + 1;
            break;
          }
        }
      }
      if (ns + nb > maxSteps || ns + nb === 0) continue;
      // The profile's masks, ORed over the distinct picks.
      let c = 0;
      let ind = 0;
      // Sells, then buys: one `random()` draw per pick (as its integer parts),
      // the first pick of each symbol kept; `taken` holds the symbol ids
      // picked so far (mod 32; a set bit is confirmed by pickedBefore).
      let cs = 0;
      let taken = 0;
      for (let p = 0; p < ns; p++) {
        // random()'s two words (randomParts), or the source's own draw across the block's end.
        let high: number;
        let low: number;
        if (wi + 2 <= words.length) {
          high = (words[wi] as number) >>> 5;
          low = (words[wi + 1] as number) >>> 6;
          wi += 2;
        } else {
          rng.setWordIndex!(wi);
          rng.randomParts!(parts);
          high = parts[0] as number;
          low = parts[1] as number;
          words = rng.wordBlock!();
          wi = rng.wordIndex!();
        }
        let j = sBuckets[high >>> BUCKET_SHIFT] as number;
        if (j < 0) j = ~j;
        else {
          while (j < sLast && (high > (sHigh[j] as number) || (high === sHigh[j] && low >= (sLow[j] as number)))) j++;
        }
        const sym = sIds[j] as number;
        if ((taken & (1 << sym)) !== 0 && pickedBefore(pickedSells, cs, sIds, sym)) continue;
        taken |= 1 << sym;
        pickedSells[cs++] = j;
        c |= sC[j] as number;
        ind |= sI[j] as number;
      }
      let cb = 0;
      taken = 0;
      for (let p = 0; p < nb; p++) {
        // random()'s two words (randomParts), or the source's own draw across the block's end.
        let high: number;
        let low: number;
        if (wi + 2 <= words.length) {
          high = (words[wi] as number) >>> 5;
          low = (words[wi + 1] as number) >>> 6;
          wi += 2;
        } else {
          rng.setWordIndex!(wi);
          rng.randomParts!(parts);
          high = parts[0] as number;
          low = parts[1] as number;
          words = rng.wordBlock!();
          wi = rng.wordIndex!();
        }
        let j = bBuckets[high >>> BUCKET_SHIFT] as number;
        if (j < 0) j = ~j;
        else {
          while (j < bLast && (high > (bHigh[j] as number) || (high === bHigh[j] && low >= (bLow[j] as number)))) j++;
        }
        const sym = bIds[j] as number;
        if ((taken & (1 << sym)) !== 0 && pickedBefore(pickedBuys, cb, bIds, sym)) continue;
        taken |= 1 << sym;
        pickedBuys[cb++] = j;
        c |= bC[j] as number;
        ind |= bI[j] as number;
      }
      if (c !== 0 && ind !== 0) {
        const filled = accepted < WINDOW ? accepted : WINDOW;
        // belowFive(c) && belowFive(ind), inlined: clear the lowest set bit of each four times
        let xc = c & (c - 1);
        xc &= xc - 1;
        xc &= xc - 1;
        let xi = ind & (ind - 1);
        xi &= xi - 1;
        xi &= xi - 1;
        if ((xc & (xc - 1)) === 0 && (xi & (xi - 1)) === 0) {
          let similar = false;
          for (let slot = 0; slot < filled; slot++) {
            if (ringC[slot] === c && ringI[slot] === ind) {
              similar = true;
              break;
            }
          }
          if (similar) continue;
        } else if (tooSimilarToAny(ringC, ringI, filled, c, ind)) continue;
      }
      const slot = accepted % WINDOW;
      ringC[slot] = c;
      ringI[slot] = ind;
      accepted++;
      if (seen !== null && !seen.addIfNew(pickedSells, cs, pickedBuys, cb)) continue;
      const seq: ActionCandidate[] = new Array<ActionCandidate>(cs + cb);
      for (let i = 0; i < cs; i++) seq[i] = s[pickedSells[i] as number] as ActionCandidate;
      for (let i = 0; i < cb; i++) seq[cs + i] = b[pickedBuys[i] as number] as ActionCandidate;
      out.push(seq);
    }
    rng.setWordIndex!(wi);
    return out;
  }
}
