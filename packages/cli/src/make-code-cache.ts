// Writes the V8 code cache of the built command (dist/main/planner-main.v8-cache):
// run by the root `prepare` script and `build:bin` right after the bundle is built,
// with Node's default flags (V8 uses a cache only under the flags it was made with).
import { fileURLToPath } from 'node:url';
import { mainFiles, makeCodeCache } from './load-main.js';

await makeCodeCache(mainFiles(), fileURLToPath(new URL('../../examples/portfolio.json', import.meta.url)));
