import type { ActionCandidate, OpportunityCalculator, OpportunityCategory, OpportunityContext } from '@planner/contracts';
import { type CategoryLists, countCandidates, emptyCategoryLists, sortByPriorityDesc } from './categories.js';
import type { ResolvedModule } from './module-set.js';
import type { RunRecorder } from './run-recorder.js';

export interface Opportunities {
  /** Full category lists, each sorted by priority descending (stable). */
  readonly categories: CategoryLists;
  readonly total: number;
  /** Candidates contributed per calculator (0 for a calculator that failed). */
  readonly byModule: Record<string, number>;
}

function routeOf(calculator: OpportunityCalculator): (c: ActionCandidate) => OpportunityCategory {
  const route = calculator.category;
  if (route === undefined) return (c) => (c.side === 'BUY' ? 'opportunity_buys' : 'rebalance_sells');
  if (typeof route === 'string') return () => route;
  return route;
}

/**
 * Runs every enabled calculator in configuration order and files its
 * candidates under their categories. Lists are concatenated in calculator
 * order before the stable priority sort, so ties keep calculator order and,
 * within a calculator, its own order (pipeline.md §5.2 step 4).
 */
export function collectOpportunities(
  ctx: OpportunityContext,
  calculators: readonly ResolvedModule<OpportunityCalculator>[],
  recorder: RunRecorder,
): Opportunities {
  const categories = emptyCategoryLists();
  const byModule: Record<string, number> = {};
  for (const { name, module, params, timingKey } of calculators) {
    // Routing runs inside the isolated call: a bad route fails this calculator only.
    const routed = recorder.call('calculator', name, () => {
      const route = routeOf(module);
      return module.calculate(ctx, params).map((c) => {
        const category = route(c);
        if (!Object.hasOwn(categories, category)) throw new Error(`unknown opportunity category '${String(category)}'`);
        return [category, c] as const;
      });
    }, timingKey);
    byModule[name] = routed?.length ?? 0;
    if (routed === undefined) continue;
    for (const [category, c] of routed) categories[category].push(c);
  }
  for (const list of Object.values(categories)) sortByPriorityDesc(list);
  return { categories, total: countCandidates(categories), byModule };
}
