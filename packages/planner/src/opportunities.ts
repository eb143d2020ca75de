import type { OpportunityCalculator, OpportunityCategory, OpportunityContext } from '@planner/contracts';
import { type CategoryLists, countCandidates, emptyCategoryLists, sortByPriorityDesc } from './categories.js';
import type { ResolvedModule } from './module-set.js';
import { RecordShape } from '#record-shape';
import type { RunRecorder } from './run-recorder.js';

export interface Opportunities {
  /** Full category lists, each sorted by priority descending (stable). */
  readonly categories: CategoryLists;
  readonly total: number;
  /** Candidates contributed per calculator (0 for a calculator that failed). */
  readonly byModule: Record<string, number>;
}

function routeCheck(categories: CategoryLists, category: OpportunityCategory): OpportunityCategory {
  if (!Object.hasOwn(categories, category)) throw new Error(`unknown opportunity category '${String(category)}'`);
  return category;
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
  shape: RecordShape = new RecordShape(),
  /** When the first calculator's time starts (default: now); the stage's start when the calculators begin it. */
  start: number = recorder.now(),
): Opportunities {
  const categories = emptyCategoryLists();
  const names: string[] = [];
  const counts: number[] = [];
  // One timestamp per calculator: each one's time runs from the previous one's end.
  let t0 = start;
  const noPositions = ctx.positions.length === 0;
  for (const { name, module, params, timingSlot } of calculators) {
    // Its promise says it finds nothing without positions: not called, count 0, time 0 (no clock read).
    if (noPositions && module.emptyWithoutPositions === true) {
      names.push(name);
      counts.push(0);
      recorder.addSlot(timingSlot, 0);
      continue;
    }
    let count = 0;
    // Routing runs inside the isolated call: a bad route fails this calculator only.
    try {
      const candidates = module.calculate(ctx, params);
      const route = module.category;
      if (route === undefined) {
        for (const c of candidates) categories[c.side === 'BUY' ? 'opportunity_buys' : 'rebalance_sells'].push(c);
      } else if (typeof route === 'string') {
        if (candidates.length > 0) {
          const list = categories[routeCheck(categories, route)];
          for (const c of candidates) list.push(c);
        }
      } else {
        const routed = candidates.map((c) => routeCheck(categories, route(c)));
        for (let i = 0; i < routed.length; i++) categories[routed[i]!].push(candidates[i]!);
      }
      count = candidates.length;
    } catch (error) {
      recorder.fail('calculator', name, error);
    }
    names.push(name);
    counts.push(count);
    const t1 = recorder.now();
    recorder.addSlot(timingSlot, t1 - t0);
    t0 = t1;
  }
  sortByPriorityDesc(categories.profit_taking);
  sortByPriorityDesc(categories.averaging_down);
  sortByPriorityDesc(categories.opportunity_buys);
  sortByPriorityDesc(categories.rebalance_sells);
  sortByPriorityDesc(categories.rebalance_buys);
  return { categories, total: countCandidates(categories), byModule: shape.record(names, counts) };
}
