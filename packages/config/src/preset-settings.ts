import type { CompatSwitches, PlannerSettings } from '@planner/contracts';

/** A preset's [planner] and [compat] tables as this package resolves them. */
export interface PresetSettings {
  readonly planner: PlannerSettings;
  readonly compat: CompatSwitches;
}
