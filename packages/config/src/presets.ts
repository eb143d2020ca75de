import { ConfigError } from '@planner/contracts';
import { PRESET_TABLES, PRESET_TOML } from './preset-data.js';

/** The shipped presets' names, sorted. Needs no file system (the texts are data). */
export function presetNames(): string[] {
  return Object.keys(PRESET_TOML).sort();
}

export function isPresetName(name: string): boolean {
  return Object.hasOwn(PRESET_TOML, name);
}

/** The TOML text of a shipped preset; an unknown name is a ConfigError listing the known ones. */
export function presetText(name: string): string {
  if (!isPresetName(name)) {
    throw new ConfigError([{ path: 'preset', message: `unknown preset '${name}' (known: ${presetNames().join(', ')})` }]);
  }
  return PRESET_TOML[name] as string;
}

/**
 * A shipped preset's tables as its TOML text parses, parsed at build time
 * (scripts/generate-preset-data.mjs): a new copy per call, and no TOML parsing at run time.
 */
export function presetTables(name: string): Record<string, unknown> {
  presetText(name); // throws for an unknown name
  return (PRESET_TABLES[name] as () => Record<string, unknown>)();
}

/** The source name of a preset in messages and `extends` chains. */
export const presetSource = (name: string): string => `preset '${name}'`;
