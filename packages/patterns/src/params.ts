import { z } from 'zod';

/**
 * The params every pattern declares. `maxDepth` only caps the step limit the
 * planner injects (spec modules-patterns.md §2.3); patterns read the limit and
 * the cash from the call, never from here.
 */
export function depthParams(defaultDepth: number) {
  return z.object({
    maxDepth: z
      .number()
      .int()
      .min(1)
      .default(defaultDepth)
      .describe('upper bound on the number of actions in a sequence of this pattern'),
  });
}
