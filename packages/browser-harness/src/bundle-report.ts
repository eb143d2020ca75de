/**
 * Prints the size of the core's browser bundle (src/browser-entry.ts, bundled
 * by esbuild for the browser, minified) and what it is made of: per package,
 * its minified bytes and what it adds to the gzip size, and what changed per
 * package since the baseline (bundle-baseline.json).
 * `--check` exits 1 when the gzip size is over the budget;
 * `--update-baseline LABEL` records this bundle as the baseline (LABEL: the commit it is of).
 * Run: pnpm bundle-report [--check] [--update-baseline LABEL]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUNDLE_BUDGET_GZIP_BYTES, bundleForBrowser } from './bundle.js';
import { type BundleBaseline, baselineOf, describeGrowth } from './bundle-growth.js';
import { sizesByOwner } from './bundle-owners.js';

/** The recorded baseline; src/ and dist/ sit at the same depth. */
const BASELINE = fileURLToPath(new URL('../bundle-baseline.json', import.meta.url));

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

const update = process.argv.indexOf('--update-baseline');
const label = update >= 0 ? process.argv[update + 1] : undefined;
if (update >= 0 && (label === undefined || label.startsWith('--'))) {
  process.stderr.write('--update-baseline needs a label: what the figures are of, e.g. "main abc1234, 7 Dec 2026"\n');
  process.exit(2);
}

const bundle = await bundleForBrowser({ sourceMap: true });
const owners = sizesByOwner(bundle.code, bundle.sourceMap as string);

const over = bundle.gzipBytes > BUNDLE_BUDGET_GZIP_BYTES;
const baseline = existsSync(BASELINE) ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as BundleBaseline) : undefined;
process.stdout.write(
  `core browser bundle (planner, standard modules, snapshot and config parsing, presets)\n` +
  `  minified: ${kib(bundle.minifiedBytes)} (${bundle.minifiedBytes} B)\n` +
  `  gzip:     ${kib(bundle.gzipBytes)} (${bundle.gzipBytes} B), budget ${kib(BUNDLE_BUDGET_GZIP_BYTES)}: ` +
  `${over ? `OVER by ${bundle.gzipBytes - BUNDLE_BUDGET_GZIP_BYTES} B` : `ok, ${BUNDLE_BUDGET_GZIP_BYTES - bundle.gzipBytes} B left`}\n` +
  `by package: minified, and what it adds to the gzip size (gzip shares context, so these add up to more than the whole):\n` +
  owners.map((o) => `  ${kib(o.minifiedBytes).padStart(10)}  ${kib(o.gzipBytes).padStart(9)}  ${o.owner}`).join('\n') + '\n' +
  (baseline === undefined ? '' : describeGrowth(baseline, bundle, owners).join('\n') + '\n'),
);
if (label !== undefined) {
  writeFileSync(BASELINE, `${JSON.stringify(baselineOf(label, bundle, owners), null, 2)}\n`);
  process.stdout.write(`baseline recorded in ${BASELINE}\n`);
}
if (over && process.argv.includes('--check')) process.exit(1);
