import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

// The `planner` command as one bundle (plus lazily loaded chunks for the store
// commands), built from the workspace sources: a fresh clone builds it at
// install (root `prepare`), and a process compiles one file instead of resolving
// and loading a tree of packages. The database drivers stay external and are
// imported only by the store commands, so they are optional.
/**
 * zod's namespace re-exports its ~50 message locales (360 KB of the 1.2 MB
 * bundle, compiled by every process); the command uses English only, so
 * `z.locales` holds `en` alone here.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build: { onResolve: Function; onLoad: Function }) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args: { importer: string }) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), '../locales/index.js'), namespace: 'zod-locales' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args: { path: string }) => ({
      contents: "export { default as en } from './en.js';\n",
      resolveDir: dirname(args.path),
    }));
  },
};

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
  esbuildPlugins: [zodEnglishOnly],
  esbuildOptions(options) {
    options.conditions = ['source'];
  },
  // @planner/config reads its presets from `../presets/` next to its code.
  async onSuccess() {
    cpSync(new URL('../config/presets/', import.meta.url), new URL('./dist/presets/', import.meta.url), { recursive: true });
  },
});
