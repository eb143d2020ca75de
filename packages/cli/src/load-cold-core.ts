/**
 * The planner code the cold probe times as one step: the same code `planner plan`
 * runs, with zod configured as the command configures it (before any schema exists).
 */
export async function loadColdCore(): Promise<typeof import('./cold-core.js')> {
  (await import('./zod-setup.js')).parseSchemasJitless();
  return import('./cold-core.js');
}
