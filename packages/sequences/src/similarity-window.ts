import type { ActionCandidate, Security } from '@planner/contracts';

/** How many of the latest accepted sequences a new one is compared with. */
export const WINDOW = 10;
/** Both Jaccard overlaps strictly above this mean "too similar". */
export const MAX_OVERLAP = 0.8;

/** The same check as `similarityChecker`, on bit sets over one call's candidates (the sampler's hot loop). */
export interface SimilarityWindow {
  /** Checks the sequence `sells[0..ns) ++ buys[0..nb)` (positions) and records it when accepted. */
  accept(sells: Int32Array, ns: number, buys: Int32Array, nb: number): boolean;
}

const ACCEPT_ALL: SimilarityWindow = { accept: () => true };

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Jaccard overlap of two sets given their sizes and the size of their intersection. */
function jaccard(inter: number, sizeA: number, sizeB: number): number {
  return inter / Math.max(sizeA + sizeB - inter, 1);
}

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
  const idOf = (ids: Map<string, number>, feature: string): number => {
    let id = ids.get(feature);
    if (id === undefined) ids.set(feature, (id = ids.size));
    return id;
  };
  const rows = sells.length + buys.length;
  const countries: number[][] = new Array<number[]>(rows);
  const industries: number[][] = new Array<number[]>(rows);
  for (let row = 0; row < rows; row++) {
    const action = (row < sells.length ? sells[row] : buys[row - sells.length]) as ActionCandidate;
    const sec = securitiesBySymbol.get(action.symbol);
    const c: number[] = [];
    const ind: number[] = [];
    if (sec !== undefined) {
      if (sec.country) c.push(idOf(countryIds, sec.country));
      // reference quirk: empty pieces are kept ("Tech," gives "Tech" and "").
      if (sec.industry) for (const piece of sec.industry.split(',')) ind.push(idOf(industryIds, piece.trim()));
    }
    countries[row] = c;
    industries[row] = ind;
  }
  return { countries, industries, countryCount: countryIds.size, industryCount: industryIds.size };
}

/**
 * The check with sequence profiles as bit sets; accepts when no recorded
 * profile overlaps it above MAX_OVERLAP in both countries and industries.
 * Which of the last ten is compared first does not matter (the answer is an
 * "any"), so the ring is scanned by slot.
 */
export function createSimilarityWindow(
  sells: readonly ActionCandidate[],
  buys: readonly ActionCandidate[],
  securitiesBySymbol: ReadonlyMap<string, Security> | null,
): SimilarityWindow {
  if (securitiesBySymbol === null || securitiesBySymbol.size === 0) return ACCEPT_ALL;
  const features = rowFeatures(sells, buys, securitiesBySymbol);
  return features.countryCount <= 32 && features.industryCount <= 32
    ? oneWordWindow(features, sells.length)
    : multiWordWindow(features, sells.length);
}

/** The common case: at most 32 countries and 32 industries, each profile one plain 32-bit number. */
function oneWordWindow(features: RowFeatures, buyOffset: number): SimilarityWindow {
  const mask = (ids: number[]): number => {
    let m = 0;
    for (const id of ids) m |= 1 << id;
    return m;
  };
  const rowC = Int32Array.from(features.countries, mask);
  const rowI = Int32Array.from(features.industries, mask);
  const ringC = new Int32Array(WINDOW);
  const ringI = new Int32Array(WINDOW);
  const ringCountC = new Int32Array(WINDOW);
  const ringCountI = new Int32Array(WINDOW);
  let accepted = 0;
  return {
    accept(sellPos, ns, buyPos, nb) {
      let c = 0;
      let ind = 0;
      for (let i = 0; i < ns; i++) {
        const row = sellPos[i] as number;
        c |= rowC[row] as number;
        ind |= rowI[row] as number;
      }
      for (let i = 0; i < nb; i++) {
        const row = buyOffset + (buyPos[i] as number);
        c |= rowC[row] as number;
        ind |= rowI[row] as number;
      }
      const nc = popcount(c);
      const ni = popcount(ind);
      const filled = accepted < WINDOW ? accepted : WINDOW;
      for (let slot = 0; slot < filled; slot++) {
        if (
          jaccard(popcount(c & (ringC[slot] as number)), nc, ringCountC[slot] as number) > MAX_OVERLAP &&
          jaccard(popcount(ind & (ringI[slot] as number)), ni, ringCountI[slot] as number) > MAX_OVERLAP
        ) {
          return false;
        }
      }
      const slot = accepted % WINDOW;
      ringC[slot] = c;
      ringI[slot] = ind;
      ringCountC[slot] = nc;
      ringCountI[slot] = ni;
      accepted++;
      return true;
    },
  };
}

/** Bit sets of `words` 32-bit words per profile (more than 32 distinct countries or industries). */
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

function multiWordWindow(features: RowFeatures, buyOffset: number): SimilarityWindow {
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
