import { COMPAT_DEFAULTS, type CompatSwitches, type OpportunityContext } from '@planner/contracts';

/** The run's `[compat]` switches as a module reads them: the context's, else the reference's. */
export function compatOf(ctx: Pick<OpportunityContext, 'compat'>): CompatSwitches {
  return ctx.compat ?? COMPAT_DEFAULTS;
}
