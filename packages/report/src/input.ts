import type { Plan } from '@planner/contracts';

/** One setting that differs from the preset the configuration extends (`@planner/config`'s diffConfigs). */
export interface ReportConfigChange {
  /** TOML key path, e.g. `planner.max_depth`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ReportConfig {
  /** `[planner] name`. */
  readonly name: string;
  /** Where it came from: a preset name or a file path. */
  readonly source: string;
  /** The preset the differences are taken against. */
  readonly basePreset: string;
  readonly changes: readonly ReportConfigChange[];
}

export interface ReportInput {
  readonly plan: Plan;
  readonly config: ReportConfig;
  /** Name of the snapshot file, shown in the title. */
  readonly snapshotName?: string;
  /**
   * The charting library's browser build (Chart.js UMD) as text, inlined into
   * the page. Without it the page has the tables only.
   */
  readonly chartLibrary?: string;
}
