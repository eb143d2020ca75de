import type { PlannerConfig, PlannerModule } from '@planner/contracts';
import { parseLayers } from './parse.js';
import { presetSource, presetText } from './presets.js';

/** A shipped preset, parsed; reads no file (the preset texts are data). */
export function loadPreset(name: string, options: { modules: readonly PlannerModule[] }): PlannerConfig {
  return parseLayers({ text: presetText(name), source: presetSource(name), preset: name }, { modules: options.modules });
}
