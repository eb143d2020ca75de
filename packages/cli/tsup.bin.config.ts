import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
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

/**
 * commander requires child_process when it loads, and child_process brings net,
 * dgram and their bindings; commander spawns only for executable subcommands,
 * which `planner` has none of. Its child_process is loaded when first used.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build: { onResolve: Function; onLoad: Function }) {
    build.onResolve({ filter: /^node:child_process$/ }, (args: { importer: string }) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let loaded;\nmodule.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] });\n",
      loader: 'js',
    }));
  },
};

/**
 * In the CommonJS builds, plugins are imported through dist/main/import-module.cjs,
 * a file Node loads itself: code compiled from a V8 code cache cannot import on
 * Node 20 (src/import-module.ts).
 */
const importOutsideTheCache = {
  name: 'import-outside-the-cache',
  setup(build: { onResolve: Function }) {
    build.onResolve({ filter: /^\.\/import-module\.js$/ }, () => ({ path: './import-module.cjs', external: true }));
  },
};

const shared = {
  target: 'node20',
  platform: 'node',
  bundle: true,
  treeshake: true,
  minify: false,
  sourcemap: false,
  dts: false,
  noExternal: [/^(?!better-sqlite3$|pg$|pg-boss$).*/],
  external: ['better-sqlite3', 'pg', 'pg-boss'],
  esbuildPlugins: [zodEnglishOnly, lazyChildProcess],
  // tsup's own plugin would resolve `node:` imports before lazyChildProcess sees them (Node 20 accepts the prefix).
  removeNodeProtocol: false,
  esbuildOptions(options: { conditions?: string[] }) {
    options.conditions = ['source'];
  },
} as const;

export default defineConfig([{
  // program: the command line's definitions, which the CommonJS bin imports for --help and --version.
  entry: { planner: 'src/bin.ts', program: 'src/program.ts', 'cold-probe': 'src/cold-probe.ts', 'make-code-cache': 'src/make-code-cache.ts' },
  ...shared,
  outDir: 'dist/bin',
  format: ['esm'],
  splitting: true,
  // Not the CommonJS bin, which the next build writes to the same folder at the same time.
  clean: ['!planner.cjs'],
  // commander is CommonJS: its require('events') needs a real require in an ES module.
  banner: { js: "import { createRequire as __plannerCreateRequire } from 'node:module';\nconst require = __plannerCreateRequire(import.meta.url);" },
  // @planner/config reads its presets from `../presets/` next to its code.
  async onSuccess() {
    cpSync(new URL('../config/presets/', import.meta.url), new URL('./dist/presets/', import.meta.url), { recursive: true });
  },
}, {
  // The installed bin, dist/bin/planner.cjs (src/bin-commonjs.ts): a CommonJS entry
  // spares every plan Node's ES module loader. It holds the launcher alone; the
  // planner code is in dist/main/ (below), the help path in the ES build above.
  ...shared,
  entry: { planner: 'src/bin-commonjs.ts' },
  outDir: 'dist/bin',
  format: ['cjs'],
  outExtension: () => ({ js: '.cjs' }),
  splitting: false,
  clean: false,
}, {
  // The same command as one CommonJS file, which the `planner` bin compiles with a
  // V8 code cache (src/load-main.ts; Node 20 caches no ES module). `make-code-cache`
  // writes the cache after this build (root `prepare`, `build:bin`).
  ...shared,
  // planner-plan: `planner plan` alone (src/main-plan.ts); planner-main: every command.
  entry: { 'planner-main': 'src/main.ts', 'planner-plan': 'src/main-plan.ts', 'import-module': 'src/import-module.ts' },
  esbuildPlugins: [zodEnglishOnly, lazyChildProcess, importOutsideTheCache],
  outDir: 'dist/main',
  format: ['cjs'],
  outExtension: () => ({ js: '.cjs' }),
  splitting: false,
  // tsup's tree shaking (rollup) would hoist the drivers' require() calls to the
  // top of the file, loading them with every command; esbuild's own keeps them lazy.
  treeshake: false,
  // ASCII without comments: the loader reads it as one-byte text (src/code-cache.ts), and there is less to read.
  minifyWhitespace: true,
  esbuildOptions(options: { conditions?: string[]; charset?: string }) {
    options.conditions = ['source'];
    options.charset = 'ascii';
  },
  clean: true,
  // import.meta.url (presets, the chart library, the probe's paths) from __filename.
  shims: true,
  // Each file's hash as its last line: a code cache belongs to one build (src/code-cache.ts).
  async onSuccess() {
    for (const name of ['planner-main', 'planner-plan']) {
      const file = new URL(`./dist/main/${name}.cjs`, import.meta.url);
      appendFileSync(file, `\n//# planner-build ${createHash('sha1').update(readFileSync(file)).digest('hex')}\n`);
    }
  },
}]);
