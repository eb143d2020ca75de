#!/usr/bin/env node
// The command as ES modules: what runs from the sources (`tsx src/bin.ts`) and
// dist/bin/planner.js. The installed bin is the CommonJS launcher
// (bin-commonjs.ts, dist/bin/planner.cjs), which starts faster.
import { launch } from './launch.js';
import { loadMain } from './load-main.js';

await launch(process.argv.slice(2), {
  help: () => import('./program.js'),
  main: async (build) => (await loadMain(build)).main,
});
