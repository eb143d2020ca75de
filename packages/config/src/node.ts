import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, type PlannerConfig, type PlannerModule } from '@planner/contracts';
import { parseConfig } from './parse.js';
import { presetText } from './presets.js';

/**
 * The Node-only part of @planner/config (`@planner/config/node`): reading
 * configuration files from disk. Everything else lives in the main entry,
 * which imports no Node built-in.
 *
 * The presets' files ship in the package (presets/); src/ and dist/ sit at
 * the same depth, so the same relative URL works from source and from the build.
 */
const PRESET_DIR = new URL('../presets/', import.meta.url);

/** Path of a shipped preset's TOML file (to copy or edit); an unknown name is a ConfigError. */
export function presetPath(name: string): string {
  presetText(name);
  return fileURLToPath(new URL(`${name}.toml`, PRESET_DIR));
}

/** Reads and parses a TOML file; a missing file is a ConfigError naming it. */
export function loadConfig(path: string, options: { modules: readonly PlannerModule[] }): PlannerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new ConfigError([{ path: '', message: reason }], path, { cause: error });
  }
  return parseConfig(text, { modules: options.modules, source: path });
}
