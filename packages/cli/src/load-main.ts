import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CacheUse, loadWithCodeCache, writeCodeCache } from './code-cache.js';
import { commandOf } from './command-line.js';

/** What the bin calls in the loaded code: the whole command (main.ts) and the plan-only build (main-plan.ts) both give it. */
export interface MainModule {
  readonly run: (typeof import('./main.js'))['run'] | (typeof import('./main-plan.js'))['run'];
  readonly loadColdCore: (typeof import('./main.js'))['loadColdCore'];
}

/** The two builds of the command's code: `plan` holds only what a plain `planner plan` runs, `all` every command. */
export type MainBuild = 'plan' | 'all';

const BUILD_FILES: Record<MainBuild, string> = { plan: 'planner-plan.cjs', all: 'planner-main.cjs' };

/**
 * A build of the command's code as one CommonJS file and its V8 code cache, made
 * by the build next to the built command (dist/main/). From the sources they do not exist.
 */
export function mainFiles(build: MainBuild = 'all'): { file: string; cache: string } {
  const file = fileURLToPath(new URL(`../main/${BUILD_FILES[build]}`, import.meta.url));
  return { file, cache: `${file.slice(0, -'.cjs'.length)}.v8-cache` };
}

/** The command's code: the built file with its code cache, or (from the sources) the ES modules. */
export async function loadMain(build: MainBuild = 'all'): Promise<{ main: MainModule; cache: CacheUse | 'sources' }> {
  const { file, cache } = mainFiles(build);
  if (!existsSync(file)) return { main: build === 'plan' ? await import('./main-plan.js') : await import('./main.js'), cache: 'sources' };
  const loaded = loadWithCodeCache<MainModule>(file, cache);
  return { main: loaded.exports, cache: loaded.cache };
}

/**
 * The build a command line needs: `plan` for `planner plan` without --buckets
 * (stores, buckets) and --html (the report), `all` for everything else. Either
 * build parses `plan` the same; a wrong guess towards `all` costs time only.
 */
export function mainBuildFor(args: readonly string[]): MainBuild {
  const needsMore = args.some((a) => a === '--buckets' || a === '--html' || a.startsWith('--html='));
  return commandOf(args) === 'plan' && !needsMore ? 'plan' : 'all';
}

/**
 * `--help`, `--version` or nothing: the command prints text and plans nothing.
 * It then loads only the command line's definitions (as ES modules), not the
 * whole code with its cache; getting this wrong costs time, never behaviour.
 */
export function onlyPrintsHelp(args: readonly string[]): boolean {
  return args.length === 0 || args[0] === 'help' || args.some((a) => a === '-h' || a === '--help' || a === '-V' || a === '--version');
}

/**
 * Compiles the built file without a cache, plans `snapshot` with the three
 * shipped presets (so the functions a plan runs get compiled) and saves what
 * V8 compiled as the file's code cache. Returns the cache's size in bytes.
 */
export async function makeCodeCache(files: { file: string; cache: string }, snapshot: string): Promise<number> {
  const loaded = loadWithCodeCache<MainModule>(files.file, null);
  let errors = '';
  const quiet = { out: () => undefined, err: (s: string) => { errors += s; } };
  for (const preset of ['default', 'conservative', 'aggressive']) {
    const code = await loaded.exports.run(['plan', snapshot, '--preset', preset, '--json'], quiet);
    if (code !== 0) throw new Error(`make-code-cache: planning ${snapshot} with the ${preset} preset failed (exit ${code}): ${errors}`);
  }
  return writeCodeCache(loaded, files.cache);
}
