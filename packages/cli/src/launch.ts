import { type MainBuild, mainBuildFor, onlyPrintsHelp } from './command-line.js';
import type { Io } from './io.js';
import { deferTurbofan, defersTurbofan, isOneShotPlan, tuneForOneShot } from './one-shot-tiering.js';

/** The command line's entry point, in whichever code a launcher loaded. */
export interface Runner {
  readonly run: (argv: readonly string[], io: Io) => Promise<number>;
}

/** How a launcher loads the code: the command line's definitions alone (help, version) or a build of the whole code. */
export interface Loaders {
  readonly help: () => Promise<Runner>;
  readonly main: (build: MainBuild) => Promise<Runner>;
}

/**
 * Runs the `planner` command: loads only what the command line needs
 * (packages/cli/README.md, "Cold start"), runs it on the process's output and
 * sets the exit code. Shared by the CommonJS bin (bin-commonjs.ts) and the ES one (bin.ts).
 */
export async function launch(args: readonly string[], loaders: Loaders): Promise<void> {
  const { run } = onlyPrintsHelp(args) ? await loaders.help() : await loaders.main(mainBuildFor(args));
  // After loading: V8 accepts a code cache only under the flags it was made with.
  if (isOneShotPlan(args)) tuneForOneShot();
  const onPlanEvent = defersTurbofan(args) ? deferTurbofan() : undefined;
  // A closed pipe (`planner modules | head`) ends the output, not the process with a stack trace;
  // any other failed write (a full disk: `> /dev/full`) is one error line and exit 1, not a stack trace either.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    process.stderr.write(`error: cannot write the output: ${error.message}\n`);
    process.exit(1);
  });
  process.exitCode = await run(args, {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    ...(onPlanEvent === undefined ? {} : { onPlanEvent }),
  });
}
