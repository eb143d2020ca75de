import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CacheUse, loadWithCodeCache, writeCodeCache } from './code-cache.js';

export type MainModule = typeof import('./main.js');

/**
 * The command's code as one CommonJS file and its V8 code cache, made by the
 * build next to the built command (dist/main/). From the sources they do not exist.
 */
export function mainFiles(): { file: string; cache: string } {
  const file = fileURLToPath(new URL('../main/planner-main.cjs', import.meta.url));
  return { file, cache: `${file.slice(0, -'.cjs'.length)}.v8-cache` };
}

/** The command's code: the built file with its code cache, or (from the sources) the ES modules. */
export async function loadMain(): Promise<{ main: MainModule; cache: CacheUse | 'sources' }> {
  const { file, cache } = mainFiles();
  if (!existsSync(file)) return { main: await import('./main.js'), cache: 'sources' };
  const loaded = loadWithCodeCache<MainModule>(file, cache);
  return { main: loaded.exports, cache: loaded.cache };
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
