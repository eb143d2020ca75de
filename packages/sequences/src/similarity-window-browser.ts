// '#similarity-window' in a browser bundle (package.json "imports"): every
// window takes the multi-word bit sets (the same answers; the tests hold both
// variants to similarityChecker). Node's (src/similarity-window.ts) adds the
// one-word form, faster on a cold first plan, from about 0.5 KiB gzip the
// bundle's budget has not.
import type { ActionCandidate, Security } from '@planner/contracts';
import type { SimilarityWindow } from './similarity-common.js';
import { multiWordWindow } from './similarity-multiword.js';

export type { SimilarityWindow } from './similarity-common.js';

const ACCEPT_ALL: SimilarityWindow = { accept: () => true };

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
  return () => multiWordWindow(sells, buys, securitiesBySymbol);
}
