import type { PlannerModule } from '@planner/contracts';
import type { Io } from './io.js';

/** What every command receives. */
export interface Context {
  readonly io: Io;
  readonly modules: readonly PlannerModule[];
}
