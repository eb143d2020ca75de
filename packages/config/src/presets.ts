import { ConfigError, type PlannerConfig, type PlannerModule } from '@planner/contracts';
import { parseConfig } from './parse.js';
import { PRESET_TEXTS } from './preset-texts.js';

/** The shipped presets' names, sorted. */
export function presetNames(): string[] {
  return Object.keys(PRESET_TEXTS).sort();
}

/** The TOML text of a shipped preset; an unknown name is a ConfigError listing the known ones. */
export function presetText(name: string): string {
  const text = Object.hasOwn(PRESET_TEXTS, name) ? PRESET_TEXTS[name] : undefined;
  if (text === undefined) {
    throw new ConfigError([{ path: 'preset', message: `unknown preset '${name}' (known: ${presetNames().join(', ')})` }]);
  }
  return text;
}

/** Parses a shipped preset from the data the package carries: no file is read, so it runs anywhere. */
export function loadPreset(name: string, options: { modules: readonly PlannerModule[] }): PlannerConfig {
  return parseConfig(presetText(name), { modules: options.modules, source: `preset ${name} (presets/${name}.toml)` });
}
