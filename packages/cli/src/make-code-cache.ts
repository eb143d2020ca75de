// Writes the V8 code caches of the built command (dist/main/planner-plan.v8-cache
// and planner-main.v8-cache): run by the root `prepare` script and `build:bin`
// right after the bundle is built, with Node's default flags (V8 uses a cache
// only under the flags it was made with).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mainFiles, makeCodeCache } from './load-main.js';

// The warm-up plans: each example takes paths the others do not (target
// weights and the weight-based calculator; sells funding buys; a plan with
// nothing to do), so a first plan taking them finds them compiled.
const examples = ['portfolio.json', 'target-weights.json', 'low-cash.json', 'nothing-to-do.json']
  .map((name) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url)));
// Configuration files as `--config` reads them, so that a written file's first load (TOML, its checks,
// `extends`) runs compiled code too: a shipped preset's file, complete as the parity configurations are,
// and a file of overrides on a preset.
const presets = join(dirname(createRequire(import.meta.url).resolve('@planner/config/package.json')), 'presets');
const scratch = mkdtempSync(join(tmpdir(), 'planner-code-cache-'));
try {
  const overrides = join(scratch, 'overrides.toml');
  writeFileSync(overrides, 'extends = "aggressive"\n\n[planner]\nmax_depth = 4\n\n[filters.correlation_aware.params]\ncorrelation_threshold = 0.7\n');
  const configs = [join(presets, 'conservative.toml'), overrides];
  for (const build of ['plan', 'all'] as const) await makeCodeCache(mainFiles(build), examples, configs);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
