#!/usr/bin/env node
import { loadMain, mainBuildFor, onlyPrintsHelp } from './load-main.js';
import { isOneShotPlan, tuneForOneShot } from './one-shot-tiering.js';

// Loads nothing of the planner here: `run` imports what the command line needs
// (--help and --version need none of it; packages/cli/README.md, "Cold start").
const args = process.argv.slice(2);
const { run } = onlyPrintsHelp(args) ? await import('./program.js') : (await loadMain(mainBuildFor(args))).main;
// After loading: V8 accepts a code cache only under the flags it was made with.
if (isOneShotPlan(args)) tuneForOneShot();

// A closed pipe (`planner modules | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await run(args, {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
process.exitCode = code;
