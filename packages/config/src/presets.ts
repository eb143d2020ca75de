import { ConfigError } from '@planner/contracts';
import { PRESET_SETTINGS, PRESET_TABLES } from '#preset-parsed';
import { PRESET_TOML } from './preset-data.js';
import type { PresetSettings } from './preset-settings.js';

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
 * (scripts/generate-preset-data.ts): a new copy per call. Undefined in a
 * browser bundle, which parses the text instead (src/preset-parsed-browser.ts).
 */
export function presetTables(name: string): Record<string, unknown> | undefined {
  presetText(name); // throws for an unknown name
  return PRESET_TABLES?.[name]?.();
}

/**
 * A shipped preset's [planner] and [compat] settings as this package's schemas
 * resolve its tables, resolved at build time: a preset loaded as it is needs no
 * validation of its own keys (the modules' params still get theirs). Undefined
 * in a browser bundle, as presetTables.
 */
export function presetSettings(name: string): PresetSettings | undefined {
  presetText(name); // throws for an unknown name
  return PRESET_SETTINGS?.[name]?.();
}

/** The source name of a preset in messages and `extends` chains. */
export const presetSource = (name: string): string => `preset '${name}'`;
