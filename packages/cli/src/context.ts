import type { PlannerModule } from '@planner/contracts';
import type { ConfigFiles } from '@planner/config/node';
import type { StoreLoaders } from './commands/store-drivers.js';
import type { Io } from './io.js';

/** What every command receives. */
export interface Context {
  readonly io: Io;
  readonly modules: readonly PlannerModule[];
  /** Plugin module → the specifier it was loaded from (`--plugin`, `plugins = [...]`); standard modules are absent. */
  readonly origins?: ReadonlyMap<PlannerModule, string>;
  /** The configuration files the plugin step read and parsed; the configuration step reuses them (one read and parse each). */
  readonly configFiles?: ConfigFiles;
  /** How the store commands load a store (default: dynamic imports); tests simulate a missing driver. */
  readonly stores?: StoreLoaders;
}
