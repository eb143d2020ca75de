import { defineSequenceGenerator } from '@planner/contracts';
import type { ActionCandidate, Sequence } from '@planner/contracts';
import * as z from 'zod/mini';
import { uniqueSequences } from './candidate-identity.js';
import { flatOpportunities } from './flat-opportunities.js';
import { type Resizing, resized, resizingOf } from './resize.js';

export const partialExecutionParams = z.object({
  mode: z._default(z.enum(['prefix', 'fill']), 'prefix'),
  fillPercentages: z._default(z.array(z.number().check(z.gt(0), z.maximum(1))), [0.5, 0.75, 1.0]),
  minShares: z._default(z.number().check(z.minimum(0)), 1),
  dedupe: z._default(z.boolean(), false),
});

/** Param descriptions for `planner modules` and the JSON Schema (kept off zod's global registry). */
const partialExecutionParamDocs = {
  mode: 'prefix: leading parts of the sequences so far (monolith); fill: partial fills of single opportunities (modular module)',
  fillPercentages: 'fill mode: fractions to fill',
  minShares: 'fill mode: smallest partial quantity emitted',
  dedupe: 'emit each distinct sequence once; false reproduces the reference, whose repeats count in the beam search',
};

/**
 * Prefix mode (spec §3.2, `_generate_partial_execution_scenarios`): for every
 * sequence of length ≥ 2, its first 1 … min(len, maxDepth) − 1 actions.
 * `sequences` is read up to `count` so a consumer that appends our output to
 * the same array cannot make us read our own prefixes.
 */
export function prefixes(sequences: readonly Sequence[], count: number, maxDepth: number): Sequence[] {
  // Eager, like budgetRelaxations: the planner drains the output at once.
  const out: Sequence[] = [];
  for (let i = 0; i < count; i++) {
    const seq = sequences[i] as Sequence;
    if (seq.length <= 1) continue;
    const last = Math.min(seq.length, maxDepth);
    for (let len = 1; len < last; len++) out.push(seq.slice(0, len));
  }
  return out;
}

/**
 * Fill mode (spec §3.3, modular module): each opportunity at each fill
 * fraction; 1.0 (exact) emits the opportunity itself.
 */
export function* partialFills(
  opportunities: readonly ActionCandidate[],
  fillPercentages: readonly number[],
  minShares: number,
  resizing?: Resizing,
): Generator<Sequence> {
  for (const opp of opportunities) {
    for (const f of fillPercentages) {
      if (f === 1.0) {
        yield [opp];
        continue;
      }
      const q = Math.trunc(opp.quantity * f);
      if (q < minShares) continue;
      const size = resized(opp, q, f, resizing);
      if (size === null) continue;
      yield [
        {
          ...opp,
          quantity: size.quantity,
          valueEur: size.valueEur,
          reason: `${opp.reason} (${Math.trunc(f * 100)}% fill)`,
        },
      ];
    }
  }
}

/** Shorter variants of the plans so far; off by default (monolith flag). */
export const partialExecution = defineSequenceGenerator({
  name: 'partial_execution',
  description: 'Shorter variants: the leading actions of each sequence (or partial fills in fill mode)',
  params: partialExecutionParams,
  paramDocs: partialExecutionParamDocs,
  stage: 'extend',
  order: 300,
  enabledByDefault: true,
  generate(input, params) {
    const source =
      params.mode === 'prefix'
        ? prefixes(input.sequences, input.sequences.length, input.maxDepth)
        : partialFills(flatOpportunities(input.opportunities), params.fillPercentages, params.minShares, resizingOf(input.ctx));
    return params.dedupe ? uniqueSequences(source) : source;
  },
});
