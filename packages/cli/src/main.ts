// What the `planner` command runs, built as one CommonJS file that the command
// compiles with a V8 code cache (src/code-cache.ts, src/load-main.ts). Only the
// command line's definitions load with it; each command imports the rest when it runs.
export { run } from './program.js';

/**
 * The planner code the cold probe times as one step: the same code `planner plan`
 * runs, with zod configured as the command configures it (before any schema exists).
 */
export async function loadColdCore(): Promise<typeof import('./cold-core.js')> {
  (await import('./zod-setup.js')).parseSchemasJitless();
  return import('./cold-core.js');
}
