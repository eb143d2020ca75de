import { defineConfig } from 'tsup';
import { base } from '../../tooling/tsup.config.base';

// Two entries sharing their code through a chunk: the portable main entry and the Node-only `./node`.
// The `#preset-parsed`, `#param-defaults` and `#fast-read` imports stay imports in dist/, each variant built as its
// own file: package.json "imports" gives a browser bundler the stub (as it does for the sources) and
// Node the build-time data, instead of the Node variant inlined into every bundle.
const variants = ['preset-parsed', 'preset-parsed-browser', 'param-defaults', 'param-defaults-browser', 'fast-read', 'fast-read-browser'];

export default defineConfig({
  ...base,
  entry: { index: 'src/index.ts', node: 'src/node.ts', ...Object.fromEntries(variants.map((v) => [v, `src/${v}.ts`])) },
  external: ['#preset-parsed', '#param-defaults', '#fast-read'],
  splitting: true,
});
