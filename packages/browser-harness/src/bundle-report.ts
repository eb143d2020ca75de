/**
 * Prints the size of the core's browser bundle (src/browser-entry.ts, bundled
 * by esbuild for the browser, minified) and what it is made of: per package,
 * its minified bytes and what it adds to the gzip size.
 * `--check` exits 1 when the gzip size is over the budget.
 * Run: pnpm bundle-report [--check]
 */
import { BUNDLE_BUDGET_GZIP_BYTES, bundleForBrowser } from './bundle.js';
import { sizesByOwner } from './bundle-owners.js';

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

const bundle = await bundleForBrowser({ sourceMap: true });
const owners = sizesByOwner(bundle.code, bundle.sourceMap as string);

const over = bundle.gzipBytes > BUNDLE_BUDGET_GZIP_BYTES;
process.stdout.write(
  `core browser bundle (planner, standard modules, snapshot and config parsing, presets)\n` +
  `  minified: ${kib(bundle.minifiedBytes)} (${bundle.minifiedBytes} B)\n` +
  `  gzip:     ${kib(bundle.gzipBytes)} (${bundle.gzipBytes} B), budget ${kib(BUNDLE_BUDGET_GZIP_BYTES)}: ${over ? 'OVER' : 'ok'}\n` +
  `by package: minified, and what it adds to the gzip size (gzip shares context, so these add up to more than the whole):\n` +
  owners.map((o) => `  ${kib(o.minifiedBytes).padStart(10)}  ${kib(o.gzipBytes).padStart(9)}  ${o.owner}`).join('\n') + '\n',
);
if (over && process.argv.includes('--check')) process.exit(1);
