import { Command, CommanderError } from 'commander';
import { PlannerError, type PlannerModule } from '@planner/contracts';
import type { StoreLoaders } from './commands/store-drivers.js';
import type { Context } from './context.js';
import { escapeControls } from './escape-controls.js';
import type { Io } from './io.js';
import cliPackage from '../package.json' with { type: 'json' };

// What every build of the command line shares: the root command and running it.
// The whole command (program.ts) and the plan-only build (plan-program.ts) add
// their commands to the same root, so `planner plan ...` parses the same in both.

/** The root command, with the options every command accepts and no subcommand yet. */
export function rootCommand(): Command {
  return new Command('planner')
    .description('portfolio trade planner')
    .version(cliPackage.version, '-V, --version', 'print the version of @planner/cli')
    // Read by run() before the commands are built (plugins add modules); declared so commander accepts it anywhere.
    .option('--plugin <specifier>', 'load a plugin: an npm package or an ES module path, from the working directory (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[]);
}

/** Routes the output of the program and every subcommand to ctx.io (they inherit neither exitOverride nor the output routing). */
export function routeOutput(program: Command, ctx: Context): Command {
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const c of all(program)) c.exitOverride().configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  return program;
}

/**
 * The modules a command runs with: `given`, or the standard modules, plus the
 * plugins the command line names. Loaded only when a command's action runs, so
 * `--help`, `--version` and a usage error build no module and no schema. The
 * cold probe loads a case's modules through it too (cold-core.ts).
 */
export async function commandModules(
  argv: readonly string[],
  given: readonly PlannerModule[] | undefined,
): Promise<Pick<Context, 'modules' | 'origins' | 'configFiles'> & { warnings: readonly string[] }> {
  // The CLI parses each schema once or twice: zod's compiled fast path (new
  // Function per object schema) costs more than it saves (README "Cold start").
  // Set before the first schema is built, which is here at the latest.
  (await import('./zod-setup.js')).parseSchemasJitless();
  const modules = given ?? (await import('./modules.js')).standardModules();
  const { ConfigFiles, loadPlugins, pluginRequests } = await import('./plugins.js');
  // The configuration files the plugin step reads and parses, handed on so the command reads and parses each once.
  const configFiles = new ConfigFiles();
  const requests = pluginRequests(argv, process.cwd(), configFiles);
  const loaded = requests.length > 0 ? await loadPlugins(modules, requests) : { modules, origins: new Map(), warnings: [] };
  return { ...loaded, configFiles };
}

/** Runs the program `create` builds. Exit code 2: bad input (config, snapshot); 1: anything else. Never a stack trace. */
export async function runProgram(
  create: (ctx: Context) => Command,
  argv: readonly string[],
  rawIo: Io,
  modules?: readonly PlannerModule[],
  stores?: StoreLoaders,
): Promise<number> {
  // Names and messages come from input files: their control characters must not drive the terminal.
  const onPlanEvent = rawIo.onPlanEvent;
  const io: Io = { out: (s) => rawIo.out(escapeControls(s)), err: (s) => rawIo.err(escapeControls(s)), ...(onPlanEvent === undefined ? {} : { onPlanEvent }) };
  try {
    const ctx: { -readonly [K in keyof Context]: Context[K] } = { io, modules: [], ...(stores === undefined ? {} : { stores }) };
    const program = create(ctx);
    // Every action reads ctx.modules; commander runs this hook before any action and never for --help or --version.
    program.hook('preAction', async () => {
      const { warnings, ...loaded } = await commandModules(argv, modules);
      for (const w of warnings) io.err(`warning: ${w}\n`);
      Object.assign(ctx, loaded);
    });
    await program.parseAsync([...argv], { from: 'user' });
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
