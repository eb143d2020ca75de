import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, type PlannerConfig, type PlannerModule } from '@planner/contracts';
import { type ConfigFile, parseTomlText, type ReadExtended } from './extends.js';
import { parseLayers } from './parse.js';
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

/** The file an `extends` reference names, and how messages show it. */
function extendedFile(reference: string, from: string | undefined): { path: string; source: string } {
  const path = resolve(from === undefined || from.startsWith("preset '") ? '.' : dirname(from), reference);
  const absolute = isAbsolute(reference) || (from !== undefined && isAbsolute(from));
  return { path, source: shown(path, absolute) };
}

/** Reads an `extends` path relative to the extending file's directory. */
export const readExtendedFile: ReadExtended = (reference, from) => {
  const { path, source } = extendedFile(reference, from);
  return { text: readText(path), source };
};

/**
 * The configuration files of one run, each read and parsed once: a host that
 * reads the `plugins` of a file before it loads the file (the CLI) gives both
 * steps the same instance. Files are keyed by absolute path and kept for the
 * instance's life (one command), so a file that changes meanwhile is not seen
 * again. A read or a parse that fails is not kept: the next caller meets the
 * error again and words it as it would without this.
 */
export class ConfigFiles {
  readonly #files = new Map<string, { readonly text: string; tables?: Record<string, unknown> }>();

  /** The text of the file at `path` (from the working directory); throws as loadConfig's read does. */
  text(path: string): string {
    const key = resolve(path);
    const known = this.#files.get(key);
    if (known !== undefined) return known.text;
    const text = readText(path);
    this.#files.set(key, { text });
    return text;
  }

  /** The file's TOML tables, parsed once; a TOML error is a ConfigError naming `source`. Callers must not change them. */
  tables(path: string, source: string): Record<string, unknown> {
    const text = this.text(path);
    const file = this.#files.get(resolve(path)) as { text: string; tables?: Record<string, unknown> };
    file.tables ??= parseTomlText(text, source);
    return file.tables;
  }

  /** The file as a layer of a configuration: its text, and its tables when `tables` parsed them. */
  configFile(path: string, source: string): { text: string; source: string; tables?: Record<string, unknown> } {
    const text = this.text(path);
    const tables = this.#files.get(resolve(path))?.tables;
    return tables === undefined ? { text, source } : { text, source, tables };
  }

  /** readExtendedFile through this instance. */
  readonly readExtended: ReadExtended = (reference, from) => {
    const { path, source } = extendedFile(reference, from);
    return this.configFile(path, source);
  };
}

/**
 * Reads and parses a TOML file and the files it extends; a missing file is a ConfigError naming it.
 * `files` shares the reads and parses of a step that read the same files before (the CLI's plugins).
 */
export function loadConfig(path: string, options: { modules: readonly PlannerModule[]; files?: ConfigFiles }): PlannerConfig {
  const files = options.files ?? new ConfigFiles();
  const source = shown(path, isAbsolute(path));
  let file: ConfigFile;
  try {
    file = files.configFile(path, source);
  } catch (error) {
    throw new ConfigError([{ path: '', message: (error as Error).message }], path, { cause: error });
  }
  return parseLayers(file, { modules: options.modules, readExtended: files.readExtended });
}
