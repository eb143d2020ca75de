// The planner for apps and plugin authors: createPlanner and the types of its
// methods. The stages it is built from are in `@planner/planner/incremental`.
export type { Planner, PlannerOptions, PlanOptions } from './create-planner.js';
export { createPlanner } from './create-planner.js';
export { PreparedSnapshot } from './prepared-snapshot.js';
export type { IncrementalOptions, IncrementalResult } from './incremental.js';
