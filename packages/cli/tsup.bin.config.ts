import { cpSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The `planner` command as one bundle (plus lazily loaded chunks for the store
// commands), built from the workspace sources: a fresh clone builds it at
// install (root `prepare`), and a process compiles one file instead of resolving
// and loading a tree of packages. The database drivers stay external and are
// imported only by the store commands, so they are optional.
export default defineConfig({
  entry: { planner: 'src/bin.ts', 'cold-probe': 'src/cold-probe.ts' },
  outDir: 'dist/bin',
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  bundle: true,
  splitting: true,
  treeshake: true,
  minify: false,
  sourcemap: false,
  dts: false,
  clean: true,
  noExternal: [/^(?!better-sqlite3$|pg$|pg-boss$).*/],
  external: ['better-sqlite3', 'pg', 'pg-boss'],
  // commander is CommonJS: its require('events') needs a real require in an ES module.
  banner: { js: "import { createRequire as __plannerCreateRequire } from 'node:module';\nconst require = __plannerCreateRequire(import.meta.url);" },
  esbuildOptions(options) {
    options.conditions = ['source'];
  },
  // @planner/config reads its presets from `../presets/` next to its code.
  async onSuccess() {
    cpSync(new URL('../config/presets/', import.meta.url), new URL('./dist/presets/', import.meta.url), { recursive: true });
  },
});
