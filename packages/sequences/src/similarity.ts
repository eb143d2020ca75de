import type { ActionCandidate, Security } from '@planner/contracts';

/** How many of the latest accepted sequences a new one is compared with. */
const WINDOW = 10;
/** Both Jaccard overlaps strictly above this mean "too similar". */
const MAX_OVERLAP = 0.8;

interface Profile {
  readonly countries: ReadonlySet<string>;
  readonly industries: ReadonlySet<string>;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return inter / Math.max(union, 1);
}

/**
 * The enhanced generator's "is diverse" check (spec §2.5). Returns a stateful
 * predicate: it compares a candidate sequence with the last ten it accepted
 * and records it when it accepts. Without securities (incremental mode, or an
 * empty map) every sequence is accepted.
 */
export function similarityChecker(
  securitiesBySymbol: ReadonlyMap<string, Security> | null,
): (sequence: readonly ActionCandidate[]) => boolean {
  if (securitiesBySymbol === null || securitiesBySymbol.size === 0) return () => true;
  const accepted: Profile[] = [];
  const profile = (sequence: readonly ActionCandidate[]): Profile => {
    const countries = new Set<string>();
    const industries = new Set<string>();
    for (const action of sequence) {
      const sec = securitiesBySymbol.get(action.symbol);
      if (sec === undefined) continue;
      if (sec.country) countries.add(sec.country);
      // reference quirk: empty pieces are kept ("Tech," gives "Tech" and "").
      if (sec.industry) for (const piece of sec.industry.split(',')) industries.add(piece.trim());
    }
    return { countries, industries };
  };
  return (sequence) => {
    const p = profile(sequence);
    for (let i = Math.max(0, accepted.length - WINDOW); i < accepted.length; i++) {
      const old = accepted[i] as Profile;
      if (overlap(p.countries, old.countries) > MAX_OVERLAP && overlap(p.industries, old.industries) > MAX_OVERLAP) {
        return false;
      }
    }
    accepted.push(p);
    return true;
  };
}

/** The same check as `similarityChecker`, on bit sets over one call's candidates (the sampler's hot loop). */
export interface SimilarityWindow {
  /** Checks the sequence `sells[0..ns) ++ buys[0..nb)` (positions) and records it when accepted. */
  accept(sells: Int32Array, ns: number, buys: Int32Array, nb: number): boolean;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Feature bit sets, one row of `words` per candidate. */
class FeatureSets {
  private readonly ids = new Map<string, number>();
  private readonly rows: number[][] = [];

  add(row: number, feature: string): void {
    let id = this.ids.get(feature);
    if (id === undefined) this.ids.set(feature, (id = this.ids.size));
    (this.rows[row] ??= []).push(id);
  }

  /** Packs the rows into `rowCount × words` 32-bit words. */
  pack(rowCount: number): { words: number; bits: Uint32Array } {
    const words = Math.max(1, Math.ceil(this.ids.size / 32));
    const bits = new Uint32Array(rowCount * words);
    for (let r = 0; r < rowCount; r++) {
      for (const id of this.rows[r] ?? []) bits[r * words + (id >>> 5)]! |= 1 << (id & 31);
    }
    return { words, bits };
  }
}

export function createSimilarityWindow(
  sells: readonly ActionCandidate[],
  buys: readonly ActionCandidate[],
  securitiesBySymbol: ReadonlyMap<string, Security> | null,
): SimilarityWindow {
  if (securitiesBySymbol === null || securitiesBySymbol.size === 0) return { accept: () => true };
  const countries = new FeatureSets();
  const industries = new FeatureSets();
  const all = [...sells, ...buys];
  all.forEach((action, row) => {
    const sec = securitiesBySymbol.get(action.symbol);
    if (sec === undefined) return;
    if (sec.country) countries.add(row, sec.country);
    // reference quirk: empty pieces are kept ("Tech," gives "Tech" and "").
    if (sec.industry) for (const piece of sec.industry.split(',')) industries.add(row, piece.trim());
  });
  const c = countries.pack(all.length);
  const ind = industries.pack(all.length);
  const curC = new Uint32Array(c.words);
  const curI = new Uint32Array(ind.words);
  const ringC = new Uint32Array(WINDOW * c.words);
  const ringI = new Uint32Array(WINDOW * ind.words);
  const ringCountC = new Int32Array(WINDOW);
  const ringCountI = new Int32Array(WINDOW);
  let accepted = 0;

  const or = (cur: Uint32Array, bits: Uint32Array, words: number, row: number): void => {
    for (let w = 0; w < words; w++) cur[w]! |= bits[row * words + w] as number;
  };
  const count = (cur: Uint32Array): number => {
    let n = 0;
    for (let w = 0; w < cur.length; w++) n += popcount(cur[w] as number);
    return n;
  };
  const overlapWith = (cur: Uint32Array, curCount: number, ring: Uint32Array, slot: number, oldCount: number): number => {
    const words = cur.length;
    let inter = 0;
    for (let w = 0; w < words; w++) inter += popcount((cur[w] as number) & (ring[slot * words + w] as number));
    return inter / Math.max(curCount + oldCount - inter, 1);
  };

  return {
    accept(sellPos, ns, buyPos, nb) {
      curC.fill(0);
      curI.fill(0);
      for (let i = 0; i < ns; i++) {
        or(curC, c.bits, c.words, sellPos[i] as number);
        or(curI, ind.bits, ind.words, sellPos[i] as number);
      }
      for (let i = 0; i < nb; i++) {
        const row = sells.length + (buyPos[i] as number);
        or(curC, c.bits, c.words, row);
        or(curI, ind.bits, ind.words, row);
      }
      const nc = count(curC);
      const ni = count(curI);
      for (let k = Math.max(0, accepted - WINDOW); k < accepted; k++) {
        const slot = k % WINDOW;
        if (
          overlapWith(curC, nc, ringC, slot, ringCountC[slot] as number) > MAX_OVERLAP &&
          overlapWith(curI, ni, ringI, slot, ringCountI[slot] as number) > MAX_OVERLAP
        ) {
          return false;
        }
      }
      const slot = accepted % WINDOW;
      ringC.set(curC, slot * c.words);
      ringI.set(curI, slot * ind.words);
      ringCountC[slot] = nc;
      ringCountI[slot] = ni;
      accepted++;
      return true;
    },
  };
}
