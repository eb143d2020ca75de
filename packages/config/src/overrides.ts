import { ConfigError, type PlannerConfig } from '@planner/contracts';

export interface ConfigOverrides {
  /** Seed of the run's random generator (the CLI's --seed). */
  readonly seed?: number;
}

/** A copy of the configuration with the given values replaced. */
export function withOverrides(config: PlannerConfig, overrides: ConfigOverrides): PlannerConfig {
  const { seed } = overrides;
  if (seed === undefined) return config;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new ConfigError([{ path: 'planner.seed', message: `expected an integer at least 0, found ${seed}` }]);
  }
  return Object.freeze({ ...config, planner: { ...config.planner, seed } });
}
