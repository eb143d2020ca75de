import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CacheUse } from './code-cache.js';
import { loadWithCodeCache, writeCodeCache } from './code-cache.js';
import type { MainBuild } from './command-line.js';
import { loadBuiltMain, type MainModule, mainFilesIn } from './main-files.js';

/** The built command's dist/main/, next to dist/bin/ where this code is bundled. From the sources it does not exist. */
const mainDir = (): string => fileURLToPath(new URL('../main/', import.meta.url));

/** A build of the command's code as one CommonJS file and its V8 code cache, made by the build (dist/main/). */
export function mainFiles(build: MainBuild = 'all'): { file: string; cache: string } {
  return mainFilesIn(mainDir(), build);
}

/** The command's code: the built file with its code cache, or (from the sources) the ES modules. */
export async function loadMain(build: MainBuild = 'all'): Promise<{ main: MainModule; cache: CacheUse | 'sources' }> {
  if (existsSync(mainFiles(build).file)) return loadBuiltMain(mainDir(), build);
  return { main: build === 'plan' ? await import('./main-plan.js') : await import('./main.js'), cache: 'sources' };
}

/**
 * Compiles the built file without a cache, plans each of `snapshots` with the
 * three shipped presets (so the functions those plans run get compiled), then
 * the first with each of `configFiles` (`--config`: TOML parsing, `extends`
 * and the checks of a written file get compiled too), and saves what V8
 * compiled as the file's code cache. Returns the cache's size in bytes.
 * A function no warm-up plan ran is not in the cache: a user's first plan that
 * needs it parses and compiles it (target weights: about 0.5 ms CPU; a
 * configuration file's first load: 1-2 ms), hence several snapshots that take
 * different paths, and configuration files.
 */
export async function makeCodeCache(
  files: { file: string; cache: string },
  snapshots: readonly string[],
  configFiles: readonly string[] = [],
): Promise<number> {
  const loaded = loadWithCodeCache<MainModule>(files.file, null);
  let errors = '';
  // With a planner-event listener, as `planner plan` has one (one-shot-tiering.ts): the
  // event paths (each stage's count function) then get compiled into the cache too.
  const quiet = { out: () => undefined, err: (s: string) => { errors += s; }, onPlanEvent: () => undefined };
  const runs = [
    ...snapshots.flatMap((snapshot) => ['default', 'conservative', 'aggressive']
      .map((preset) => ({ snapshot, args: ['--preset', preset], what: `the ${preset} preset` }))),
    ...configFiles.map((file) => ({ snapshot: snapshots[0] as string, args: ['--config', file], what: file })),
  ];
  for (const { snapshot, args, what } of runs) {
    const code = await loaded.exports.run(['plan', snapshot, ...args, '--json'], quiet);
    if (code !== 0) throw new Error(`make-code-cache: planning ${snapshot} with ${what} failed (exit ${code}): ${errors}`);
  }
  return writeCodeCache(loaded, files.cache);
}
