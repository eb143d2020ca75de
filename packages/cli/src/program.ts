import { Command, CommanderError } from 'commander';
import { PlannerError } from '@planner/contracts';
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
import type { Context } from './context.js';
import { escapeControls, type Io } from './io.js';
import { standardModules } from './modules.js';
import { loadPlugins, pluginRequests } from './plugins.js';
import cliPackage from '../package.json' with { type: 'json' };

export function createProgram(ctx: Context): Command {
  const program = new Command('planner')
    .description('portfolio trade planner')
    .version(cliPackage.version, '-V, --version', 'print the version of @planner/cli')
    // Read by run() before the commands are built (plugins add modules); declared so commander accepts it anywhere.
    .option('--plugin <specifier>', 'load a plugin: an npm package or an ES module path, from the working directory (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[]);
  const config = new Command('config').description('validate, show and compare configurations');
  config.addCommand(configValidateCommand(ctx)).addCommand(configShowCommand(ctx)).addCommand(configDiffCommand(ctx));
  const snapshot = new Command('snapshot').description('check portfolio snapshots');
  snapshot.addCommand(snapshotValidateCommand(ctx));
  for (const cmd of [config, snapshot, modulesCommand(ctx), planCommand(ctx), benchCommand(ctx)]) program.addCommand(cmd);
  for (const cmd of [bucketCommand(ctx), batchCommand(ctx), workerCommand(ctx)]) program.addCommand(cmd);
  // The program and every subcommand (they inherit neither exitOverride nor the output routing).
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const c of all(program)) c.exitOverride().configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  return program;
}

/** Exit code 2: bad input (config, snapshot); 1: anything else. Never a stack trace. */
export async function run(argv: readonly string[], rawIo: Io, modules = standardModules(), stores?: StoreLoaders): Promise<number> {
  // Names and messages come from input files: their control characters must not drive the terminal.
  const io: Io = { out: (s) => rawIo.out(escapeControls(s)), err: (s) => rawIo.err(escapeControls(s)) };
  try {
    const requests = pluginRequests(argv, process.cwd());
    const loaded = requests.length > 0 ? await loadPlugins(modules, requests) : { modules, origins: new Map() };
    const ctx = { io, modules: loaded.modules, origins: loaded.origins, ...(stores === undefined ? {} : { stores }) };
    await createProgram(ctx).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof PlannerError) {
      io.err(`error: ${error.message}\n`);
      return error.code === 'PLANNER_CONFIG_INVALID' || error.code === 'PLANNER_SNAPSHOT_INVALID' ? 2 : 1;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
