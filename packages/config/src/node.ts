import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, type PlannerConfig, type PlannerModule } from '@planner/contracts';
import type { ReadExtended } from './extends.js';
import { parseConfig } from './parse.js';
import { presetText } from './presets.js';
import { readTextFile } from './node/read-text.js';
import { shown } from './node/shown-path.js';

export { DEFAULT_MAX_INPUT_BYTES, readTextFile } from './node/read-text.js';

/*
 * The Node-only part of @planner/config (`@planner/config/node`): reading
 * configuration files from disk. The main entry imports no Node built-in, so
 * it runs in browsers and edge workers; tooling/check-boundaries.mjs keeps it so.
 */

/**
 * Presets ship inside the package (packages/config/presets/). src/ and dist/
 * sit at the same depth, so the same relative URL works from source and
 * from the build.
 */
const PRESET_DIR = new URL('../presets/', import.meta.url);

/** The preset's file in the package (the parser itself reads the preset texts from data). */
export function presetPath(name: string): string {
  presetText(name); // throws for an unknown name
  return fileURLToPath(new URL(`${name}.toml`, PRESET_DIR));
}

function readText(path: string): string {
  try {
    return readTextFile(path);
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code) throw error;
    throw new Error((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error), { cause: error });
  }
}

/** Reads an `extends` path relative to the extending file's directory. */
export const readExtendedFile: ReadExtended = (reference, from) => {
  const path = resolve(from === undefined || from.startsWith("preset '") ? '.' : dirname(from), reference);
  const absolute = isAbsolute(reference) || (from !== undefined && isAbsolute(from));
  return { text: readText(path), source: shown(path, absolute) };
};

/** Reads and parses a TOML file and the files it extends; a missing file is a ConfigError naming it. */
export function loadConfig(path: string, options: { modules: readonly PlannerModule[] }): PlannerConfig {
  let text: string;
  try {
    text = readText(path);
  } catch (error) {
    throw new ConfigError([{ path: '', message: (error as Error).message }], path, { cause: error });
  }
  return parseConfig(text, { modules: options.modules, source: shown(path, isAbsolute(path)), readExtended: readExtendedFile });
}
