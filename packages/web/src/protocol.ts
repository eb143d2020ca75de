import type { Plan } from '@planner/contracts';
import type { ReportConfigChange } from '@planner/report';
import type { PageSettings } from './settings.js';

/** Page → worker: plan this snapshot text with these settings. */
export interface PlanRequest {
  readonly id: number;
  readonly snapshotText: string;
  readonly snapshotName: string;
  readonly settings: PageSettings;
}

/**
 * Worker → page: the plan, how long `planner.plan` took (`planMs`) and the
 * whole answer in the worker (`workerMs`: snapshot, configuration, plan,
 * config diff), or the error's name and message.
 */
export type PlanResponse =
  | {
    readonly id: number; readonly ok: true; readonly plan: Plan; readonly planMs: number; readonly workerMs: number;
    readonly configName: string; readonly changes: readonly ReportConfigChange[];
  }
  | { readonly id: number; readonly ok: false; readonly error: string };
