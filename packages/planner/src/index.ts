// The planner for apps and plugin authors: createPlanner and the types of its
// methods. Stored, resumable planning (createIncrementalPlanner) and the stages
// the planner is built from are in `@planner/planner/incremental`.
export type { Planner, PlannerOptions, PlanOptions } from './create-planner.js';
export { createPlanner } from './create-planner.js';
export { PreparedSnapshot } from './prepared-snapshot.js';
