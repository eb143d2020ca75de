import type { ActionCandidate, Security } from '@planner/contracts';
import { WINDOW, featureId, popcount } from './similarity-common.js';
import type { SimilarityWindow } from './similarity-common.js';
import { multiWordWindow } from './similarity-multiword.js';

export type { SimilarityWindow } from './similarity-common.js';

const ACCEPT_ALL: SimilarityWindow = { accept: () => true };

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
  return prepareSimilarityWindow(sells, buys, securitiesBySymbol)();
}

/**
 * The seed-free part of `createSimilarityWindow` (the per-row masks), done
 * at the first window (the sampler's fast path may never ask for one); each
 * call of the result is a fresh, empty window over those rows.
 */
export function prepareSimilarityWindow(
  sells: readonly ActionCandidate[],
  buys: readonly ActionCandidate[],
  securitiesBySymbol: ReadonlyMap<string, Security> | null,
): () => SimilarityWindow {
  if (securitiesBySymbol === null || securitiesBySymbol.size === 0) return () => ACCEPT_ALL;
  let masks: RowMasks | null | undefined;
  return () => {
    if (masks === undefined) masks = oneWordRows(sells, buys, securitiesBySymbol);
    return masks === null ? multiWordWindow(sells, buys, securitiesBySymbol) : new OneWordWindow(masks, sells.length);
  };
}

/**
 * Per row (sells, then buys) its country and industry masks; null past 32
 * distinct values of a kind. Without securities every mask is 0, and a
 * window over them accepts every sequence (overlap 0), as the check does.
 */
export function oneWordRows(
  sells: readonly ActionCandidate[],
  buys: readonly ActionCandidate[],
  securitiesBySymbol: ReadonlyMap<string, Security> | null,
): RowMasks | null {
  const masks = new RowMasks(sells.length + buys.length);
  return securitiesBySymbol === null || masks.fill(sells, buys, securitiesBySymbol) ? masks : null;
}

/** Per row (sells, then buys): its country and industry sets as 32-bit masks. */
export class RowMasks {
  readonly countries: Int32Array;
  readonly industries: Int32Array;
  private readonly countryIds = new Map<string, number>();
  private readonly industryIds = new Map<string, number>();

  constructor(rows: number) {
    this.countries = new Int32Array(rows);
    this.industries = new Int32Array(rows);
  }

  /** Fills the masks; false as soon as a kind has more than 32 distinct values. */
  fill(sells: readonly ActionCandidate[], buys: readonly ActionCandidate[], securitiesBySymbol: ReadonlyMap<string, Security>): boolean {
    for (let row = 0; row < this.countries.length; row++) {
      const action = (row < sells.length ? sells[row] : buys[row - sells.length]) as ActionCandidate;
      const sec = securitiesBySymbol.get(action.symbol);
      if (sec === undefined) continue;
      if (sec.country) {
        const id = featureId(this.countryIds, sec.country);
        if (id >= 32) return false;
        this.countries[row] = 1 << id;
      }
      const text = sec.industry;
      if (!text) continue;
      // reference quirk: empty pieces are kept ("Tech," gives "Tech" and "").
      const pieces = text.indexOf(',') < 0 ? null : text.split(',');
      let mask = 0;
      for (let p = 0; p < (pieces === null ? 1 : pieces.length); p++) {
        const id = featureId(this.industryIds, (pieces === null ? text : (pieces[p] as string)).trim());
        if (id >= 32) return false;
        mask |= 1 << id;
      }
      this.industries[row] = mask;
    }
    return true;
  }
}

/** The common case: each profile is one plain 32-bit number per kind. */
export class OneWordWindow implements SimilarityWindow {
  private readonly rowC: Int32Array;
  private readonly rowI: Int32Array;
  private readonly ringC = new Int32Array(WINDOW);
  private readonly ringI = new Int32Array(WINDOW);
  private accepted = 0;

  constructor(
    masks: RowMasks,
    private readonly buyOffset: number,
  ) {
    this.rowC = masks.countries;
    this.rowI = masks.industries;
  }

  accept(sellPos: Int32Array, ns: number, buyPos: Int32Array, nb: number): boolean {
    const rowC = this.rowC;
    const rowI = this.rowI;
    let c = 0;
    let ind = 0;
    for (let i = 0; i < ns; i++) {
      const row = sellPos[i] as number;
      c |= rowC[row] as number;
      ind |= rowI[row] as number;
    }
    for (let i = 0; i < nb; i++) {
      const row = this.buyOffset + (buyPos[i] as number);
      c |= rowC[row] as number;
      ind |= rowI[row] as number;
    }
    const filled = this.accepted < WINDOW ? this.accepted : WINDOW;
    if (tooSimilarToAny(this.ringC, this.ringI, filled, c, ind)) return false;
    const slot = this.accepted % WINDOW;
    this.ringC[slot] = c;
    this.ringI[slot] = ind;
    this.accepted++;
    return true;
  }
}

/**
 * Whether the profile (c, ind) is too similar to one of the first `filled`
 * recorded ones (ringC[slot], ringI[slot]): both Jaccard overlaps above
 * MAX_OVERLAP (0.8). Two different sets overlap above 0.8 only with 5 or more
 * shared features (inter / (inter + 1) > 0.8), and an empty one never does
 * (overlap 0); so while both of the profile's sets are below 5 features (in
 * nearly all sequences), only an equal recorded profile is too similar: one
 * equality test per recorded profile. The sampler's fast loop inlines that case.
 */
export function tooSimilarToAny(ringC: Int32Array, ringI: Int32Array, filled: number, c: number, ind: number): boolean {
  if (c === 0 || ind === 0) return false;
  if (belowFive(c) && belowFive(ind)) {
    for (let slot = 0; slot < filled; slot++) if (ringC[slot] === c && ringI[slot] === ind) return true;
    return false;
  }
  const nc = popcount(c);
  const ni = popcount(ind);
  for (let slot = 0; slot < filled; slot++) {
    if (tooSimilar(c, nc, ringC[slot] as number) && tooSimilar(ind, ni, ringI[slot] as number)) return true;
  }
  return false;
}

/** Whether fewer than 5 bits are set: clearing the lowest set bit four times leaves 0. */
function belowFive(x: number): boolean {
  x &= x - 1;
  x &= x - 1;
  x &= x - 1;
  return (x & (x - 1)) === 0;
}

/**
 * Jaccard overlap of a non-empty set `a` (`na` features) and `b` > MAX_OVERLAP
 * (0.8), on integers: with u = |A ∪ B| = |A| + |B| - inter >= 1,
 * inter / u > 0.8 iff 9·inter > 4·(|A| + |B|): an exact 4/5 rounds to the
 * double 0.8 itself (not above it), and any other ratio of integers <= 64 is
 * farther from 0.8 than a double's rounding. Different sets need 5 shared
 * features (see tooSimilarToAny).
 */
function tooSimilar(a: number, na: number, b: number): boolean {
  if (a === b) return true;
  if (na < 5) return false;
  const nb = popcount(b);
  return nb >= 5 && 9 * popcount(a & b) > 4 * (na + nb);
}
