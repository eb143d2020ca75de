import type { PortfolioSnapshot } from '@planner/contracts';
import { type Planner, type PlannerOptions, plannerOf } from './create-planner.js';
import { type IncrementalOptions, type IncrementalResult, runIncremental } from './incremental.js';
import { resolveModules } from './module-set.js';

/** A planner that can also plan through a work store, resumably. */
export interface IncrementalPlanner extends Planner {
  /** Stored, resumable planning of one bucket (pipeline.md §6.4); the finished plan equals `plan()`. */
  planIncremental(snapshot: PortfolioSnapshot, options: IncrementalOptions): Promise<IncrementalResult>;
}

/**
 * `createPlanner` plus `planIncremental`. Its own factory, in the
 * `@planner/planner/incremental` subpath, because the work key (sha-256), the
 * work data schema and the batch loop are code a page that only plans should
 * not download.
 */
export function createIncrementalPlanner(options: PlannerOptions): IncrementalPlanner {
  const modules = resolveModules(options.config, options.modules);
  const strict = options.strict ?? false;
  return {
    ...plannerOf(options, modules),
    planIncremental(snapshot, incremental) {
      const onEvent = options.onEvent;
      return runIncremental(snapshot, options.config, modules, { strict, ...(onEvent ? { onEvent } : {}) }, incremental);
    },
  };
}
