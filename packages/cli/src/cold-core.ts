// What the cold probe imports, timed as one step: the same code `planner plan` runs.
export { createPlanner } from '@planner/planner';
export { chooseConfig, parseSeed, readSnapshot } from './io.js';
export { standardModules } from './modules.js';
export { commandModules } from './program-run.js';
