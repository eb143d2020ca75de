#!/usr/bin/env node
// Prints one row per package from packages/*/coverage/coverage-summary.json
// (written by every package's `vitest run`, see tooling/vitest.config.base.ts),
// so CI logs show statements/branches/functions/lines side by side.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const packagesDir = new URL('../packages/', import.meta.url);
const metrics = ['statements', 'branches', 'functions', 'lines'];
const rows = [];
for (const name of readdirSync(packagesDir).sort()) {
  const summaryPath = join(packagesDir.pathname, name, 'coverage', 'coverage-summary.json');
  if (!existsSync(summaryPath)) {
    rows.push([name, ...metrics.map(() => 'n/a')]);
    continue;
  }
  const total = JSON.parse(readFileSync(summaryPath, 'utf8')).total;
  rows.push([name, ...metrics.map((m) => `${total[m].pct.toFixed(2)}% (${total[m].covered}/${total[m].total})`)]);
}
const header = ['package', ...metrics];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
