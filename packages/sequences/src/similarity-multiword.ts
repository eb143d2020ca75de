import type { ActionCandidate, Security } from '@planner/contracts';
import { MAX_OVERLAP, WINDOW, featureId, jaccard, popcount } from './similarity-common.js';
import type { SimilarityWindow } from './similarity-common.js';

/**
 * Feature ids per candidate row (rows: sells, then buys): `countries[row]` and
 * `industries[row]` list ids numbered in first-seen order per feature kind.
 */
interface RowFeatures {
  readonly countries: number[][];
  readonly industries: number[][];
  readonly countryCount: number;
  readonly industryCount: number;
}

function rowFeatures(
  sells: readonly ActionCandidate[],
  buys: readonly ActionCandidate[],
  securitiesBySymbol: ReadonlyMap<string, Security>,
): RowFeatures {
  const countryIds = new Map<string, number>();
  const industryIds = new Map<string, number>();
  const rows = sells.length + buys.length;
  const countries: number[][] = new Array<number[]>(rows);
  const industries: number[][] = new Array<number[]>(rows);
  for (let row = 0; row < rows; row++) {
    const action = (row < sells.length ? sells[row] : buys[row - sells.length]) as ActionCandidate;
    const sec = securitiesBySymbol.get(action.symbol);
    const c: number[] = [];
    const ind: number[] = [];
    if (sec !== undefined) {
      if (sec.country) c.push(featureId(countryIds, sec.country));
      // reference quirk: empty pieces are kept ("Tech," gives "Tech" and "").
      if (sec.industry) for (const piece of sec.industry.split(',')) ind.push(featureId(industryIds, piece.trim()));
    }
    countries[row] = c;
    industries[row] = ind;
  }
  return { countries, industries, countryCount: countryIds.size, industryCount: industryIds.size };
}

/** Bit sets of `words` 32-bit words per profile. */
class BitRows {
  readonly words: number;
  readonly rows: Uint32Array;
  readonly current: Uint32Array;
  readonly ring: Uint32Array;
  readonly ringCount = new Int32Array(WINDOW);
  currentCount = 0;

  constructor(ids: number[][], featureCount: number) {
    const words = Math.max(1, Math.ceil(featureCount / 32));
    this.words = words;
    this.rows = new Uint32Array(ids.length * words);
    ids.forEach((rowIds, r) => {
      for (const id of rowIds) this.rows[r * words + (id >>> 5)]! |= 1 << (id & 31);
    });
    this.current = new Uint32Array(words);
    this.ring = new Uint32Array(WINDOW * words);
  }

  or(row: number): void {
    for (let w = 0; w < this.words; w++) this.current[w]! |= this.rows[row * this.words + w] as number;
  }

  countCurrent(): void {
    let n = 0;
    for (let w = 0; w < this.words; w++) n += popcount(this.current[w] as number);
    this.currentCount = n;
  }

  overlapWith(slot: number): number {
    let inter = 0;
    for (let w = 0; w < this.words; w++) inter += popcount((this.current[w] as number) & (this.ring[slot * this.words + w] as number));
    return jaccard(inter, this.currentCount, this.ringCount[slot] as number);
  }

  record(slot: number): void {
    this.ring.set(this.current, slot * this.words);
    this.ringCount[slot] = this.currentCount;
  }
}

/** The similarity window for more than 32 distinct countries or industries (rare: one call's candidates are at most 100). */
export function multiWordWindow(
  sells: readonly ActionCandidate[],
  buys: readonly ActionCandidate[],
  securitiesBySymbol: ReadonlyMap<string, Security>,
): SimilarityWindow {
  const features = rowFeatures(sells, buys, securitiesBySymbol);
  const buyOffset = sells.length;
  const c = new BitRows(features.countries, features.countryCount);
  const ind = new BitRows(features.industries, features.industryCount);
  let accepted = 0;
  return {
    accept(sellPos, ns, buyPos, nb) {
      c.current.fill(0);
      ind.current.fill(0);
      for (let i = 0; i < ns; i++) {
        c.or(sellPos[i] as number);
        ind.or(sellPos[i] as number);
      }
      for (let i = 0; i < nb; i++) {
        c.or(buyOffset + (buyPos[i] as number));
        ind.or(buyOffset + (buyPos[i] as number));
      }
      c.countCurrent();
      ind.countCurrent();
      const filled = accepted < WINDOW ? accepted : WINDOW;
      for (let slot = 0; slot < filled; slot++) {
        if (c.overlapWith(slot) > MAX_OVERLAP && ind.overlapWith(slot) > MAX_OVERLAP) return false;
      }
      const slot = accepted % WINDOW;
      c.record(slot);
      ind.record(slot);
      accepted++;
      return true;
    },
  };
}
