import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, type PlannerConfig, type PlannerModule } from '@planner/contracts';
import { parseConfig } from './parse.js';

/**
 * Presets ship inside the package (packages/config/presets/). src/ and dist/
 * sit at the same depth, so the same relative URL works from source and
 * from the build.
 */
const PRESET_DIR = new URL('../presets/', import.meta.url);

export function presetNames(): string[] {
  return readdirSync(PRESET_DIR)
    .filter((f) => f.endsWith('.toml'))
    .map((f) => f.slice(0, -'.toml'.length))
    .sort();
}

export function presetPath(name: string): string {
  if (!/^[a-z0-9_-]+$/i.test(name) || !presetNames().includes(name)) {
    throw new ConfigError([{ path: 'preset', message: `unknown preset '${name}' (known: ${presetNames().join(', ')})` }]);
  }
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

export function loadPreset(name: string, options: { modules: readonly PlannerModule[] }): PlannerConfig {
  return loadConfig(presetPath(name), options);
}
