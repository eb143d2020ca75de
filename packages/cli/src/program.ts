import { Command } from 'commander';
import { batchCommand } from './commands/batch.js';
import { benchCommand } from './commands/bench.js';
import { bucketCommand } from './commands/bucket.js';
import { configDiffCommand } from './commands/config-diff.js';
import { configShowCommand } from './commands/config-show.js';
import { configValidateCommand } from './commands/config-validate.js';
import { modulesCommand } from './commands/modules.js';
import { planCommand } from './commands/plan.js';
import { snapshotValidateCommand } from './commands/snapshot-validate.js';
import { workerCommand } from './commands/worker.js';
import type { StoreLoaders } from './commands/store-drivers.js';
import type { PlannerModule } from '@planner/contracts';
import type { Context } from './context.js';
import type { Io } from './io.js';
import { rootCommand, routeOutput, runProgram } from './program-run.js';

export function createProgram(ctx: Context): Command {
  const program = rootCommand();
  const config = new Command('config').description('validate, show and compare configurations');
  config.addCommand(configValidateCommand(ctx)).addCommand(configShowCommand(ctx)).addCommand(configDiffCommand(ctx));
  const snapshot = new Command('snapshot').description('check portfolio snapshots');
  snapshot.addCommand(snapshotValidateCommand(ctx));
  const plan = planCommand(ctx, { planBuckets: () => import('./commands/plan-buckets.js'), htmlReport: () => import('./commands/html-report.js') });
  for (const cmd of [config, snapshot, modulesCommand(ctx), plan, benchCommand(ctx)]) program.addCommand(cmd);
  for (const cmd of [bucketCommand(ctx), batchCommand(ctx), workerCommand(ctx)]) program.addCommand(cmd);
  return routeOutput(program, ctx);
}

/** Exit code 2: bad input (config, snapshot); 1: anything else. Never a stack trace. */
export async function run(argv: readonly string[], rawIo: Io, modules?: readonly PlannerModule[], stores?: StoreLoaders): Promise<number> {
  return runProgram(createProgram, argv, rawIo, modules, stores);
}
