// What `planner plan` runs (without --buckets and --html), built as its own
// CommonJS file with its own code cache: the same plan command without the other
// commands, the stores, the buckets and the report, so a plan reads and
// deserializes less (src/load-main.ts, packages/cli/README.md "Cold start").
export { runPlan as run } from './plan-program.js';
export { loadColdCore } from './load-cold-core.js';
