import { join } from 'node:path';
import { type CacheUse, loadWithCodeCache } from './code-cache.js';
import type { MainBuild } from './command-line.js';

/** What the bin calls in the loaded code: the whole command (main.ts) and the plan-only build (main-plan.ts) both give it. */
export interface MainModule {
  readonly run: (typeof import('./main.js'))['run'] | (typeof import('./main-plan.js'))['run'];
  readonly loadColdCore: (typeof import('./main.js'))['loadColdCore'];
}

const BUILD_FILES: Record<MainBuild, string> = { plan: 'planner-plan.cjs', all: 'planner-main.cjs' };

/** A build of the command's code in `dir` (the build's dist/main/): one CommonJS file and its V8 code cache. */
export function mainFilesIn(dir: string, build: MainBuild): { file: string; cache: string } {
  const file = join(dir, BUILD_FILES[build]);
  return { file, cache: `${file.slice(0, -'.cjs'.length)}.v8-cache` };
}

/** A build's CommonJS file in `dir`, compiled with its code cache (src/code-cache.ts). */
export function loadBuiltMain(dir: string, build: MainBuild): { main: MainModule; cache: CacheUse } {
  const { file, cache } = mainFilesIn(dir, build);
  const loaded = loadWithCodeCache<MainModule>(file, cache);
  return { main: loaded.exports, cache: loaded.cache };
}
