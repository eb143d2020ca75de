/**
 * Prints the size of the core's browser bundle (src/browser-entry.ts, bundled
 * by esbuild for the browser, minified) and what it is made of.
 * `--check` exits 1 when the gzip size is over the budget.
 * Run: pnpm bundle-report [--check]
 */
import { BUNDLE_BUDGET_GZIP_BYTES, bundleForBrowser } from './bundle.js';

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** The package an input file belongs to: `zod`, `@planner/config`, ... */
function owner(path: string): string {
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (dep) return dep[1] as string;
  const own = /(?:^|\/)packages\/([^/]+)\//.exec(path) ?? /^\.\.\/([^/]+)\//.exec(path);
  return own ? `@planner/${own[1]}` : path;
}

const bundle = await bundleForBrowser();
const byOwner = new Map<string, number>();
for (const input of bundle.inputs) byOwner.set(owner(input.path), (byOwner.get(owner(input.path)) ?? 0) + input.bytes);

const over = bundle.gzipBytes > BUNDLE_BUDGET_GZIP_BYTES;
process.stdout.write(
  `core browser bundle (planner, standard modules, snapshot and config parsing, presets)\n` +
  `  minified: ${kib(bundle.minifiedBytes)} (${bundle.minifiedBytes} B)\n` +
  `  gzip:     ${kib(bundle.gzipBytes)} (${bundle.gzipBytes} B), budget ${kib(BUNDLE_BUDGET_GZIP_BYTES)}: ${over ? 'OVER' : 'ok'}\n` +
  `minified bytes by package:\n` +
  [...byOwner].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => `  ${kib(bytes).padStart(10)}  ${name}`).join('\n') + '\n',
);
if (over && process.argv.includes('--check')) process.exit(1);
