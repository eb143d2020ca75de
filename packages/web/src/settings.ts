import { ConfigError, type PlannerConfig, type PlannerModule } from '@planner/contracts';
import { configIssues, loadPreset, mapSliders, type Sliders } from '@planner/config';

/** What the page's controls say: a preset, the sliders the user moved, and the search depth if changed. */
export interface PageSettings {
  readonly preset: string;
  /** Only the sliders moved since the preset was picked: the others leave the preset as it is. */
  readonly sliders: Partial<Sliders>;
  readonly maxDepth?: number;
}

/**
 * The configuration of the page's settings: `mapSliders` on the preset, then
 * the depth. `preset` is the loaded preset of `settings.preset`, when the caller keeps it.
 */
export function configFor(
  settings: PageSettings,
  modules: readonly PlannerModule[],
  preset: PlannerConfig = loadPreset(settings.preset, { modules }),
): PlannerConfig {
  const config = Object.keys(settings.sliders).length === 0 ? preset : mapSliders(settings.sliders, { modules, base: preset });
  if (settings.maxDepth === undefined) return config;
  const deeper: PlannerConfig = { ...config, planner: { ...config.planner, maxDepth: settings.maxDepth } };
  const issues = configIssues(deeper, modules);
  if (issues.length > 0) throw new ConfigError(issues);
  return deeper;
}
