// Writes the V8 code cache of the built command (dist/main/planner-main.v8-cache):
// run by the root `prepare` script and `build:bin` right after the bundle is built.
// It compiles the code without a cache, plans the example with the three shipped
// presets (so the functions a plan runs are compiled), and saves what V8 compiled.
// Run with Node's default flags: V8 uses a cache only under the flags it was made with.
import { fileURLToPath } from 'node:url';
import { loadWithCodeCache, writeCodeCache } from './code-cache.js';
import { type MainModule, mainFiles } from './load-main.js';

const { file, cache } = mainFiles();
const example = fileURLToPath(new URL('../../examples/portfolio.json', import.meta.url));
const loaded = loadWithCodeCache<MainModule>(file, null);
let errors = '';
const quiet = { out: () => undefined, err: (s: string) => { errors += s; } };
for (const preset of ['default', 'conservative', 'aggressive']) {
  const code = await loaded.exports.run(['plan', example, '--preset', preset, '--json'], quiet);
  if (code !== 0) throw new Error(`make-code-cache: planning ${example} with the ${preset} preset failed (exit ${code}): ${errors}`);
}
writeCodeCache(loaded, cache);
