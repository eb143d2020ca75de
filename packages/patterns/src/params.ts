import * as z from 'zod/mini';

/**
 * The params every pattern declares. `maxDepth` only caps the step limit the
 * planner injects (spec modules-patterns.md §2.3: "configured(name).max_depth
 * ?? depth"); patterns read the limit and the cash from the call, never from
 * here. It has no default on purpose: the reference drives every pattern up to
 * the planner's max_depth (7 in aggressive), so an unset cap must stay unset.
 * The reference's documented default (5; single_best 1) is in the description.
 */
export function depthParams() {
  return z.object({
    maxDepth: z.optional(z.int().check(z.minimum(1))),
  });
}

/** Descriptions of `depthParams` for `planner modules` and the JSON Schema (kept off zod's global registry). */
export function depthParamDocs(referenceDefault: number) {
  return {
    maxDepth: `caps the number of actions in a sequence of this pattern; unset = the planner's max_depth (reference preset value ${referenceDefault})`,
  };
}
