/** How many of the latest accepted sequences a new one is compared with. */
export const WINDOW = 10;
/** Both Jaccard overlaps strictly above this mean "too similar" (OneWordWindow tests it on integers: 9·inter > 4·(|A| + |B|)). */
export const MAX_OVERLAP = 0.8;

/** The same check as `similarityChecker` (the test oracle in test/similarity-checker.ts), on bit sets over one call's candidates (the sampler's hot loop). */
export interface SimilarityWindow {
  /** Checks the sequence `sells[0..ns) ++ buys[0..nb)` (positions) and records it when accepted. */
  accept(sells: Int32Array, ns: number, buys: Int32Array, nb: number): boolean;
}

/** Set bits of a 32-bit word; shifts and adds only, so every step stays a small integer (the usual `* 0x01010101` makes a heap double in the interpreter). */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  x += x >>> 8;
  return (x + (x >>> 16)) & 0x3f;
}

/** Jaccard overlap of two sets given their sizes and the size of their intersection. */
export function jaccard(inter: number, sizeA: number, sizeB: number): number {
  return inter / Math.max(sizeA + sizeB - inter, 1);
}

/** The id of `feature`, numbered in first-seen order. */
export function featureId(ids: Map<string, number>, feature: string): number {
  let id = ids.get(feature);
  if (id === undefined) ids.set(feature, (id = ids.size));
  return id;
}
