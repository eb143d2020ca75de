// Writes the V8 code caches of the built command (dist/main/planner-plan.v8-cache
// and planner-main.v8-cache): run by the root `prepare` script and `build:bin`
// right after the bundle is built, with Node's default flags (V8 uses a cache
// only under the flags it was made with).
import { fileURLToPath } from 'node:url';
import { mainFiles, makeCodeCache } from './load-main.js';

const example = fileURLToPath(new URL('../../examples/portfolio.json', import.meta.url));
for (const build of ['plan', 'all'] as const) await makeCodeCache(mainFiles(build), example);
