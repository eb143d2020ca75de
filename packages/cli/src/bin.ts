#!/usr/bin/env node
import { config as zodConfig } from 'zod';
import { isOneShotPlan, tuneForOneShot } from './one-shot-tiering.js';

// zod compiles a fast parser for each object schema (new Function) when the
// schema is built; that pays off over thousands of parses, and a command parses
// each schema once or twice: it made the setup before the first plan about a
// third slower (packages/cli/README.md, "Cold start"). Set before the schemas
// exist, hence the dynamic import of everything else.
zodConfig({ jitless: true });
if (isOneShotPlan(process.argv.slice(2))) tuneForOneShot();
const { run } = await import('./program.js');

// A closed pipe (`planner modules | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await run(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
process.exitCode = code;
