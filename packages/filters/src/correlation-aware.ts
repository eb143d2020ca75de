import { defineFilter } from '@planner/contracts';
import type { Sequence } from '@planner/contracts';
import * as z from 'zod/mini';

export const correlationAwareParams = z.object({
  correlationThreshold: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.7),
  lookbackDays: z._default(z.int().check(z.minimum(1)), 252),
  diversityWeight: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
});

/** Param descriptions for `planner modules` and the JSON Schema (kept off zod's global registry). */
const correlationAwareParamDocs = {
  correlationThreshold: 'a pair of buys with |correlation| strictly above this drops the sequence',
  lookbackDays: 'declared by the reference module and unused by it; the context builder computes the correlations',
  diversityWeight: 'ignored: the position_spread slider writes it here (reference quirk, pipeline.md §2.7)',
};

/**
 * Keeps the sequences without a highly correlated pair of known buys (spec
 * §5.3). Pass-through when there are no securities or no correlations.
 */
export function filterCorrelated(
  sequences: readonly Sequence[],
  knownSymbols: ReadonlySet<string>,
  correlations: ReadonlyMap<string, number>,
  threshold: number,
): Sequence[] {
  if (sequences.length === 0 || knownSymbols.size === 0 || correlations.size === 0) return sequences.slice();
  const kept: Sequence[] = [];
  const buys: string[] = [];
  for (const seq of sequences) {
    buys.length = 0;
    for (const a of seq) if (a.side === 'BUY' && knownSymbols.has(a.symbol)) buys.push(a.symbol);
    if (!hasCorrelatedPair(buys, correlations, threshold)) kept.push(seq);
  }
  return kept;
}

function hasCorrelatedPair(buys: readonly string[], correlations: ReadonlyMap<string, number>, threshold: number): boolean {
  for (let i = 0; i < buys.length; i++) {
    for (let j = i + 1; j < buys.length; j++) {
      const c = correlations.get(`${buys[i]}:${buys[j]}`);
      // Python's `if corr and abs(corr) > t`: a missing entry, 0 and NaN never drop.
      if (c !== undefined && Math.abs(c) > threshold) return true;
    }
  }
  return false;
}

/** Drops sequences that buy two securities whose daily returns move together. */
export const correlationAware = defineFilter({
  name: 'correlation_aware',
  description: 'Drops sequences buying two securities whose daily returns correlate above the threshold',
  params: correlationAwareParams,
  paramDocs: correlationAwareParamDocs,
  order: 100,
  enabledByDefault: true,
  advise(_params, call) {
    // Moot once the snapshot in hand has price history.
    const history = call.snapshot?.priceHistory;
    if (history !== undefined && Object.keys(history).length > 0) return [];
    return ['correlation_aware filter needs correlation data (priceHistory in the snapshot); without it it removes nothing'];
  },
  filter(sequences, params, call) {
    const known = new Set<string>();
    for (const s of call.ctx.securities) known.add(s.symbol);
    return filterCorrelated(sequences, known, call.ctx.correlations, params.correlationThreshold);
  },
});
