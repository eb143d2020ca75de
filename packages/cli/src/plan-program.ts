import type { PlannerModule } from '@planner/contracts';
import { planCommand } from './commands/plan.js';
import type { Context } from './context.js';
import type { Io } from './io.js';
import { rootCommand, routeOutput, runProgram } from './program-run.js';

// The command line of the plan-only build (main-plan.ts): the root command with
// `plan` alone, without `--buckets` and `--html` (the stores, the buckets, the
// report), which the bin sends to the whole command (src/load-main.ts).

/** Runs `planner plan ...` as the whole command does, for the command lines `plansOnly` accepts. */
export async function runPlan(argv: readonly string[], rawIo: Io, modules?: readonly PlannerModule[]): Promise<number> {
  return runProgram((ctx: Context) => routeOutput(rootCommand().addCommand(planCommand(ctx, {})), ctx), argv, rawIo, modules);
}
