import { defineFilter } from '@planner/contracts';
import type { Sequence } from '@planner/contracts';
import * as z from 'zod/mini';

export const diversityParams = z.object({
  diversityWeight: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.3),
  maxSequences: z._default(z.int().check(z.minimum(1), z.maximum(1000)), 50),
  minDiversityScore: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0),
});

/** Param descriptions for `planner modules` and the JSON Schema (kept off zod's global registry). */
const diversityParamDocs = {
  diversityWeight: '0 ranks by priority only, 1 by diversity only',
  maxSequences: 'sequences kept after ranking',
  minDiversityScore: 'sequences less diverse than this are dropped',
};

/**
 * Diversity of one non-empty sequence (spec §6.2): distinct symbols, a
 * two-character symbol prefix as a stand-in for the country (reference
 * quirk), distinct tags over min(n, 5); capped at 1.
 */
export function diversityScore(sequence: Sequence): number {
  const n = sequence.length;
  if (n === 0) return 0;
  const symbols = new Set<string>();
  const tags = new Set<string>();
  const prefixCounts = new Map<string, number>();
  let maxPrefix = 0;
  for (const a of sequence) {
    symbols.add(a.symbol);
    for (const t of a.tags) tags.add(t);
    const prefix = a.symbol.length >= 2 ? a.symbol.slice(0, 2) : 'XX';
    const c = (prefixCounts.get(prefix) ?? 0) + 1;
    prefixCounts.set(prefix, c);
    if (c > maxPrefix) maxPrefix = c;
  }
  const symbolDiv = symbols.size / n;
  const tagDiv = tags.size / Math.min(n, 5);
  const countryDiv = 1.0 - maxPrefix / n;
  return Math.min(1.0, 0.4 * symbolDiv + 0.3 * countryDiv + 0.3 * tagDiv);
}

/** Mean action priority, summed left to right. */
function meanPriority(sequence: Sequence): number {
  if (sequence.length === 0) return 0;
  let sum = 0;
  for (const a of sequence) sum += a.priority;
  return sum / sequence.length;
}

/**
 * Ranks by `(1 − w)·mean priority + w·diversity`, stable descending, keeps the
 * top `maxSequences` of those at least `minDiversityScore` diverse. No
 * monolith counterpart: off in the parity profile (spec §6.1).
 */
export function rankByDiversity(
  sequences: readonly Sequence[],
  weight: number,
  maxSequences: number,
  minDiversity: number,
): Sequence[] {
  const scored: { combined: number; seq: Sequence }[] = [];
  for (const seq of sequences) {
    const diversity = diversityScore(seq);
    if (diversity < minDiversity) continue;
    scored.push({ combined: (1.0 - weight) * meanPriority(seq) + weight * diversity, seq });
  }
  scored.sort((a, b) => b.combined - a.combined);
  return scored.slice(0, maxSequences).map((s) => s.seq);
}

/** Keeps the best mix of priority and diversity. */
export const diversity = defineFilter({
  name: 'diversity',
  description: 'Ranks sequences by a mix of mean priority and diversity and keeps the top max_sequences',
  params: diversityParams,
  paramDocs: diversityParamDocs,
  order: 200,
  enabledByDefault: true,
  advise(_params, call) {
    return call.settings.enableDiverseSelection
      ? []
      : ['diversity filter is enabled but enable_diverse_selection is false: the filter may have no effect'];
  },
  filter(sequences, params) {
    return rankByDiversity(sequences, params.diversityWeight, params.maxSequences, params.minDiversityScore);
  },
});
