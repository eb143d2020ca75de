import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { constants, Script } from 'node:vm';

// Node 20 has no compile cache for ES modules (module.enableCompileCache came in
// Node 22), so the command's code is also built as one CommonJS file that this
// loader compiles with a V8 code cache made at install (`make-code-cache`): the
// functions a plan runs arrive compiled instead of being parsed and compiled by
// every process (packages/cli/README.md, "Cold start").

/** How the code was compiled: with its cache, without one (none made), or the cache did not fit. */
export type CacheUse = 'used' | 'absent' | 'stale' | 'rejected';

export interface LoadedScript<T> {
  readonly exports: T;
  readonly cache: CacheUse;
  /** The compiled script, to make a cache from once it has run (`writeCodeCache`). */
  readonly script: Script;
  /** The build id of the source, which a cache made from it starts with. */
  readonly buildId: Buffer;
}

// V8 checks a cache against its own version, its flags and the source's length
// only. The build appends a hash of the file to it (`planner-build <sha1>`, see
// tsup.bin.config.ts) and a cache starts with that id, so a rebuilt file of the
// same length never runs another build's bytecode, while a copy of the files
// keeps its cache (hashing the source here cost 6 ms per process).
const BUILD_ID = /\/\/# planner-build ([0-9a-f]{40})\n?$/;
const ID_BYTES = 40;

/** The id the build appended to `source`, or none (then no cache is used). */
function buildIdOf(source: string): Buffer {
  return Buffer.from(BUILD_ID.exec(source.slice(-80))?.[1] ?? '', 'latin1');
}

function readCache(cacheFile: string, buildId: Buffer): { data?: Buffer; use: CacheUse } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return { use: 'absent' };
  }
  if (buildId.length !== ID_BYTES || bytes.length <= ID_BYTES || !bytes.subarray(0, ID_BYTES).equals(buildId)) return { use: 'stale' };
  return { data: bytes.subarray(ID_BYTES), use: 'used' };
}

/** The build writes ASCII (esbuild's charset), which V8 takes as one-byte text: read so, half the time of UTF-8. */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * Compiles and runs a CommonJS file as Node would (module, exports, require,
 * __filename, __dirname), with the V8 code cache of `cacheFile` when it exists
 * and matches (null: compile without one). A missing, stale, corrupt or foreign
 * cache (another Node build, other V8 flags) only costs the compilation; the
 * code runs the same.
 */
export function loadWithCodeCache<T>(file: string, cacheFile: string | null): LoadedScript<T> {
  const source = readSource(file);
  const buildId = buildIdOf(source);
  const cache: { data?: Buffer; use: CacheUse } = cacheFile === null ? { use: 'absent' } : readCache(cacheFile, buildId);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cache.data === undefined ? {} : { cachedData: cache.data }),
    // `import()` in the file (plugins, ES-only drivers) goes through Node's own loader.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const use: CacheUse = cache.data !== undefined && script.cachedDataRejected === true ? 'rejected' : cache.use;
  return { exports: module.exports, cache: use, script, buildId };
}

/**
 * Writes the code cache of a loaded script: every function it has compiled so
 * far, so it is made after a warm-up run. Written to a temporary file and
 * renamed, so a reader never sees half a cache.
 */
export function writeCodeCache(loaded: LoadedScript<unknown>, cacheFile: string): number {
  if (loaded.buildId.length !== ID_BYTES) throw new Error('make-code-cache: the built file has no build id (planner-build) to make a cache for');
  const data = loaded.script.createCachedData();
  const temporary = `${cacheFile}.tmp-${process.pid}`;
  writeFileSync(temporary, Buffer.concat([loaded.buildId, data]));
  renameSync(temporary, cacheFile);
  return data.length + ID_BYTES;
}
