// '#similarity-window' in a browser bundle (package.json "imports"): each
// profile a pair of string sets, compared with the last ten accepted as the
// spec reads (the same answers; the tests hold both variants to
// similarityChecker). Node's (src/similarity-window.ts) numbers the features
// and keeps bit sets, faster on a cold first plan, from about 0.4 KiB gzip
// more code than the bundle's budget has room for.
import type { ActionCandidate, Security } from '@planner/contracts';
import { MAX_OVERLAP, WINDOW, jaccard } from './similarity-common.js';
import type { SimilarityWindow } from './similarity-common.js';

export type { SimilarityWindow } from './similarity-common.js';

const ACCEPT_ALL: SimilarityWindow = { accept: () => true };

/** Countries, then industries. */
type Profile = readonly [Set<string>, Set<string>];

/** A fresh, empty window (see src/similarity-window.ts). */
export function createSimilarityWindow(
  sells: readonly ActionCandidate[],
  buys: readonly ActionCandidate[],
  securitiesBySymbol: ReadonlyMap<string, Security> | null,
): SimilarityWindow {
  return prepareSimilarityWindow(sells, buys, securitiesBySymbol)();
}

/** The seed-free part of `createSimilarityWindow`; each call of the result is a fresh, empty window. */
export function prepareSimilarityWindow(
  sells: readonly ActionCandidate[],
  buys: readonly ActionCandidate[],
  securitiesBySymbol: ReadonlyMap<string, Security> | null,
): () => SimilarityWindow {
  if (securitiesBySymbol === null || securitiesBySymbol.size === 0) return () => ACCEPT_ALL;
  // Per candidate row (sells, then buys): its country and industries.
  const rows = [...sells, ...buys].map((action): [string[], string[]] => {
    const sec = securitiesBySymbol.get(action.symbol);
    // reference quirk: empty pieces are kept ("Tech," gives "Tech" and "").
    return [sec?.country ? [sec.country] : [], sec?.industry ? sec.industry.split(',').map((piece) => piece.trim()) : []];
  });
  const overlap = (a: Set<string>, b: Set<string>) => {
    let inter = 0;
    for (const x of a) if (b.has(x)) inter++;
    return jaccard(inter, a.size, b.size);
  };
  return () => {
    const recent: Profile[] = [];
    return {
      accept(sellPos, ns, buyPos, nb) {
        const p: Profile = [new Set(), new Set()];
        const add = (row: number) => {
          const [countries, industries] = rows[row] as [string[], string[]];
          for (const c of countries) p[0].add(c);
          for (const i of industries) p[1].add(i);
        };
        for (let i = 0; i < ns; i++) add(sellPos[i] as number);
        for (let i = 0; i < nb; i++) add(sells.length + (buyPos[i] as number));
        if (recent.some((old) => overlap(p[0], old[0]) > MAX_OVERLAP && overlap(p[1], old[1]) > MAX_OVERLAP)) return false;
        if (recent.push(p) > WINDOW) recent.shift();
        return true;
      },
    };
  };
}
