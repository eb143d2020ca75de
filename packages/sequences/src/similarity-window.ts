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
  private readonly ringCountC = new Int32Array(WINDOW);
  private readonly ringCountI = new Int32Array(WINDOW);
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
    return this.acceptProfile(c, ind);
  }

  /** `accept` for a sequence given by its country and industry masks (the ORs of its rows'). */
  acceptProfile(c: number, ind: number): boolean {
    const filled = this.accepted < WINDOW ? this.accepted : WINDOW;
    const ringC = this.ringC;
    const ringI = this.ringI;
    const nc = popcount(c);
    const ni = popcount(ind);
    // A first plan runs this in the interpreter, where every bytecode counts.
    // Jaccard overlap > MAX_OVERLAP (0.8) of two different sets needs
    // inter / (inter + 1) > 0.8 at least, i.e. 5 or more shared features; so
    // when either side has fewer than 5, only an equal set is too similar (an
    // empty one never is: overlap 0). Most profiles are small: one equality
    // test per recorded profile and kind.
    if (c !== 0 && ind !== 0) {
      if (nc < 5 && ni < 5) {
        for (let slot = 0; slot < filled; slot++) {
          if (ringC[slot] === c && ringI[slot] === ind) return false;
        }
      } else {
        for (let slot = 0; slot < filled; slot++) {
          if (this.tooSimilar(c, nc, ringC[slot] as number, this.ringCountC[slot] as number) &&
            this.tooSimilar(ind, ni, ringI[slot] as number, this.ringCountI[slot] as number)) return false;
        }
      }
    }
    const slot = this.accepted % WINDOW;
    this.ringC[slot] = c;
    this.ringI[slot] = ind;
    this.ringCountC[slot] = nc;
    this.ringCountI[slot] = ni;
    this.accepted++;
    return true;
  }

  /**
   * Jaccard overlap of two non-empty sets > MAX_OVERLAP (0.8), on integers:
   * with u = |A ∪ B| = |A| + |B| - inter >= 1, inter / u > 0.8 iff
   * 9·inter > 4·(|A| + |B|): an exact 4/5 rounds to the double 0.8 itself
   * (not above it), and any other ratio of integers <= 64 is farther from
   * 0.8 than a double's rounding. Different sets need 5 shared features (see accept).
   */
  private tooSimilar(a: number, na: number, b: number, nb: number): boolean {
    if (a === b) return true;
    if (na < 5 || nb < 5) return false;
    return 9 * popcount(a & b) > 4 * (na + nb);
  }
}
