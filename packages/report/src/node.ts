import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The pinned Chart.js version the report inlines (package.json pins the same). */
export const CHART_JS_VERSION = '4.6.1';

/**
 * Reads Chart.js's minified browser build (UMD, about 205 KiB) from
 * node_modules, to inline in a report. `from` is the module whose
 * node_modules to look in (default: this package's), so a bundled CLI
 * resolves it from its own dependencies.
 */
export function readChartLibrary(from: string = import.meta.url): string {
  const require = createRequire(from);
  // chart.js's exports map has no subpath for its UMD file: find its dist/ from the main entry.
  const main = require.resolve('chart.js');
  return readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8');
}
