#!/usr/bin/env node
// Fails when what a package exports differs from its checked-in list
// (packages/<name>/exports.txt; published packages only): every entry point of its `exports` map, one
// name per line, `type` before type-only names. Adding or removing an export is
// a decision: make it, then run `pnpm check:exports --update` and commit the list.
// Usage: node tooling/check-exports.mjs [--update] [repo-root]
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');

export const LIST = 'exports.txt';

/** The `source` file of each `exports` entry (entries without one, like `./package.json`, are skipped). */
function entryPoints(packageDir) {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const entries = new Map();
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (target && typeof target === 'object' && typeof target.source === 'string') entries.set(subpath, resolve(packageDir, target.source));
  }
  return { name: pkg.name, private: pkg.private === true, entries };
}

/** The export list of every workspace package: package dir -> text of its list. */
export function exportLists(root) {
  const packages = [];
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const packageDir = join(root, 'packages', dir);
    if (!existsSync(join(packageDir, 'package.json'))) continue;
    const entry = entryPoints(packageDir);
    // A private package (the test kit, the browser harness) has no users outside the repository.
    if (!entry.private) packages.push({ dir, ...entry });
  }
  // One program for all entries: the packages share most of their sources.
  const program = ts.createProgram(packages.flatMap((p) => [...p.entries.values()]), {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ['source'],
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const lists = new Map();
  for (const { dir, name, entries } of packages) {
    const lines = [];
    for (const [subpath, file] of entries) {
      const source = program.getSourceFile(file);
      const module = source && checker.getSymbolAtLocation(source);
      if (!module) {
        lines.push(`${subpath} <cannot read ${file}>`);
        continue;
      }
      for (const symbol of checker.getExportsOfModule(module)) {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        lines.push(`${subpath} ${target.flags & ts.SymbolFlags.Value ? '' : 'type '}${symbol.name}`);
      }
    }
    const header = `# ${name}: what each entry point exports. Update with \`pnpm check:exports --update\` after deciding to change it.`;
    lists.set(dir, `${header}\n${lines.sort().join('\n')}\n`);
  }
  return lists;
}

/** Packages whose exports differ from their list, with the names added and removed. */
export function findExportChanges(root) {
  const problems = [];
  for (const [dir, text] of exportLists(root)) {
    const file = join(root, 'packages', dir, LIST);
    const listed = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (listed === text) continue;
    const names = (t) => new Set(t.split('\n').filter((l) => l && !l.startsWith('#')));
    const now = names(text);
    const before = listed === null ? new Set() : names(listed);
    const added = [...now].filter((n) => !before.has(n));
    const removed = [...before].filter((n) => !now.has(n));
    problems.push({ dir, text, added, removed, missing: listed === null });
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(fileURLToPath(import.meta.url), '../..'));
  const changes = findExportChanges(root);
  if (process.argv.includes('--update')) {
    for (const c of changes) writeFileSync(join(root, 'packages', c.dir, LIST), c.text);
    process.stdout.write(`export lists updated: ${changes.map((c) => c.dir).join(', ') || 'none changed'}\n`);
  } else if (changes.length > 0) {
    const lines = changes.flatMap((c) => [
      `  packages/${c.dir}/${LIST}${c.missing ? ' is missing' : ''}:`,
      ...c.added.map((n) => `    + ${n}`),
      ...c.removed.map((n) => `    - ${n}`),
    ]);
    process.stderr.write(`export check failed: ${changes.length} package(s) export other names than their list\n${lines.join('\n')}\nIf the change is intended: pnpm check:exports --update\n`);
    process.exit(1);
  } else {
    process.stdout.write('exports match their lists\n');
  }
}
