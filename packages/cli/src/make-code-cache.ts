// Writes the V8 code caches of the built command (dist/main/planner-plan.v8-cache
// and planner-main.v8-cache): run by the root `prepare` script and `build:bin`
// right after the bundle is built, with Node's default flags (V8 uses a cache
// only under the flags it was made with).
import { fileURLToPath } from 'node:url';
import { mainFiles, makeCodeCache } from './load-main.js';

// The warm-up plans: each example takes paths the others do not (target
// weights and the weight-based calculator; sells funding buys; a plan with
// nothing to do), so a first plan taking them finds them compiled.
const examples = ['portfolio.json', 'target-weights.json', 'low-cash.json', 'nothing-to-do.json']
  .map((name) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url)));
for (const build of ['plan', 'all'] as const) await makeCodeCache(mainFiles(build), examples);
