// What the `planner` command runs, built as one CommonJS file that the command
// compiles with a V8 code cache (src/code-cache.ts, src/load-main.ts). Only the
// command line's definitions load with it; each command imports the rest when it runs.
export { run } from './program.js';
export { loadColdCore } from './load-cold-core.js';
