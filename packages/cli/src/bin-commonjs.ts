#!/usr/bin/env node
// The `planner` bin (dist/bin/planner.cjs), built as CommonJS: Node starts a
// CommonJS entry without its ES module loader, which a plan does not need (the
// planner code comes from a CommonJS file with its code cache; packages/cli/README.md,
// "Cold start"). `--help` and `--version` import the command line's definitions
// from the ES build next to this file, dist/bin/program.js.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './launch.js';
import { loadBuiltMain } from './main-files.js';

void launch(process.argv.slice(2), {
  help: () => import(pathToFileURL(join(__dirname, 'program.js')).href) as Promise<typeof import('./program.js')>,
  main: async (build) => loadBuiltMain(join(__dirname, '..', 'main'), build).main,
});
