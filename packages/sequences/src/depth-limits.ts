import type { ActionCandidate, SequenceGeneratorInput } from '@planner/contracts';
import * as z from 'zod/mini';

/**
 * Params shared by the two combinatorial generators. Defaults are the
 * monolith's constants (spec modules-sequences-filters.md §2.2, ranges from
 * pipeline.md §2.5). `priorityThreshold` and `maxSteps` have no fixed default:
 * the monolith uses the planner's threshold and the current depth, so an
 * absent value inherits those (a fixed 0.3 / 5 would change the plans of the
 * conservative and aggressive presets).
 */
export const combinatorialParams = z.object({
  maxSells: z._default(z.int().check(z.minimum(1), z.maximum(10)), 4),
  maxBuys: z._default(z.int().check(z.minimum(1), z.maximum(10)), 4),
  priorityThreshold: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
  maxSteps: z.optional(z.int().check(z.minimum(1), z.maximum(10))),
  maxCombinations: z._default(z.int().check(z.minimum(10), z.maximum(1000)), 50),
  maxCandidates: z._default(z.int().check(z.minimum(5), z.maximum(50)), 12),
});

/** Param descriptions for `planner modules` and the JSON Schema (kept off zod's global registry). */
export const combinatorialParamDocs = {
  maxSells: 'most sells per sequence (further capped at depth // 2)',
  maxBuys: 'most buys per sequence (further capped at depth)',
  priorityThreshold: 'minimum candidate priority (inclusive); absent = the planner priority_threshold',
  maxSteps: 'most actions per sequence; absent = the current depth',
  maxCombinations: 'most sequences per depth',
  maxCandidates: 'sells and buys considered, each',
};

export type CombinatorialParams = z.output<typeof combinatorialParams>;

/** The limits of one call, after the per-depth caps of §2.3. */
export interface DepthLimits {
  readonly maxSells: number;
  readonly maxBuys: number;
  readonly maxSteps: number;
  readonly priorityThreshold: number;
  readonly maxCombinations: number;
  readonly maxCandidates: number;
}

export function depthLimits(input: SequenceGeneratorInput, params: CombinatorialParams): DepthLimits {
  const depth = input.depth;
  return {
    maxSells: Math.min(params.maxSells, Math.floor(depth / 2)),
    maxBuys: Math.min(params.maxBuys, depth),
    maxSteps: Math.min(params.maxSteps ?? depth, depth),
    priorityThreshold: params.priorityThreshold ?? input.priorityThreshold,
    maxCombinations: params.maxCombinations,
    maxCandidates: params.maxCandidates,
  };
}

/**
 * The monolith's `sells = profit_taking + rebalance_sells` and
 * `buys = averaging_down + rebalance_buys + opportunity_buys` of the selected
 * lists (holistic_planner.py `_generate_patterns_at_depth`).
 */
export function sellsAndBuys(input: SequenceGeneratorInput): {
  sells: readonly ActionCandidate[];
  buys: readonly ActionCandidate[];
} {
  const o = input.opportunities;
  return {
    sells: [...(o.profit_taking ?? []), ...(o.rebalance_sells ?? [])],
    buys: [...(o.averaging_down ?? []), ...(o.rebalance_buys ?? []), ...(o.opportunity_buys ?? [])],
  };
}

/** Candidates with `priority >= threshold`, input order kept. */
export function passingThreshold(list: readonly ActionCandidate[], threshold: number): ActionCandidate[] {
  return list.filter((c) => c.priority >= threshold);
}
