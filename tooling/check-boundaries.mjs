#!/usr/bin/env node
// Fails when a workspace package depends on, or imports, a @planner/* package
// that DESIGN.md §2 does not allow, or when a core package's source uses a
// Node built-in (they run in browsers and edge workers too).
// Usage: node tooling/check-boundaries.mjs [repo-root]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** DESIGN.md §2 "may import (workspace)"; '*' = everything. */
export const ALLOWED = {
  contracts: [],
  context: ['contracts'],
  calculators: ['contracts', 'context'],
  patterns: ['contracts', 'context'],
  sequences: ['contracts', 'context'],
  filters: ['contracts', 'context'],
  evaluation: ['contracts', 'context'],
  config: ['contracts'],
  planner: ['contracts', 'context'],
  store: ['contracts'],
  buckets: ['contracts', 'config', 'planner', 'store'],
  cli: '*',
  'example-plugin': ['contracts'],
  testkit: ['contracts'],
  'browser-harness': '*',
  report: ['contracts'],
  web: '*',
};

/**
 * Packages whose src/ must run anywhere (issue 11 point 5): no Node built-in
 * module and no Node-only global. A file named node.ts, or under src/node/,
 * is a Node-only entry (e.g. `@planner/config/node`) and is exempt.
 */
export const PORTABLE = ['contracts', 'context', 'calculators', 'patterns', 'sequences', 'filters', 'evaluation', 'planner', 'config', 'report'];
const NODE_ONLY_FILE = /(?:^|[\\/])src[\\/](?:node\.[cm]?[jt]sx?$|node[\\/])/;
const NODE_GLOBALS = /\b(?:process\s*\.|Buffer\s*\.|Buffer\s*\(|__dirname\b|__filename\b|require\s*\()/;
const BUILTINS = new Set(builtinModules);

function isBuiltin(specifier) {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

/** DESIGN.md §2: the private test kit, a dev dependency that only test code (test/, bench/) imports. */
export const TEST_ONLY = 'testkit';

const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const IMPORT_PATTERNS = [
  /\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
}

function* files(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (SOURCE.test(name)) yield path;
  }
}

function plannerPackage(specifier) {
  const m = /^@planner\/([^/]+)/.exec(specifier);
  return m ? m[1] : null;
}

/** Every forbidden edge under `root`, as readable lines. */
export function findViolations(root) {
  const violations = [];
  const packagesDir = join(root, 'packages');
  for (const dir of readdirSync(packagesDir).sort()) {
    const pkgFile = join(packagesDir, dir, 'package.json');
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    const self = plannerPackage(pkg.name ?? '') ?? dir;
    const allowed = ALLOWED[self];
    if (allowed === undefined) {
      violations.push(`packages/${dir}: @planner/${self} has no row in the DESIGN.md §2 table`);
      continue;
    }
    const ok = (target) => target === self || allowed === '*' || allowed.includes(target);
    const why = `allowed: ${allowed === '*' ? 'everything' : allowed.join(', ') || 'nothing'}`;
    for (const field of DEP_FIELDS) {
      for (const dep of Object.keys(pkg[field] ?? {})) {
        const target = plannerPackage(dep);
        if (target === TEST_ONLY && target !== self) {
          if (field !== 'devDependencies') violations.push(`packages/${dir}/package.json ${field}: @planner/${TEST_ONLY} is for tests only (devDependencies)`);
          continue;
        }
        if (target && !ok(target)) violations.push(`packages/${dir}/package.json ${field}: @planner/${self} -> @planner/${target} (${why})`);
      }
    }
    const packageRoot = join(packagesDir, dir);
    const portable = PORTABLE.includes(self);
    for (const sub of ['src', 'test', 'bench']) {
      for (const file of files(join(packageRoot, sub))) {
        const text = stripComments(readFileSync(file, 'utf8'));
        const mustBePortable = portable && sub === 'src' && !NODE_ONLY_FILE.test(file);
        const global = mustBePortable ? NODE_GLOBALS.exec(text) : null;
        if (global) violations.push(`${relative(root, file)}: @planner/${self} must run anywhere, but uses the Node global '${global[0]}'`);
        for (const re of IMPORT_PATTERNS) {
          for (const m of text.matchAll(re)) {
            if (mustBePortable && isBuiltin(m[1])) {
              violations.push(`${relative(root, file)}: @planner/${self} must run anywhere, but imports the Node built-in '${m[1]}' (move it to a Node-only entry such as src/node.ts)`);
              continue;
            }
            // CONVENTIONS §4: other packages are imported by name, never by a relative path into them.
            if (m[1].startsWith('.') && !`${resolve(dirname(file), m[1])}${sep}`.startsWith(`${packageRoot}${sep}`)) {
              violations.push(`${relative(root, file)}: relative import '${m[1]}' reaches outside packages/${dir}`);
              continue;
            }
            const target = plannerPackage(m[1]);
            if (target === TEST_ONLY && target !== self) {
              if (sub === 'src') violations.push(`${relative(root, file)}: src/ imports @planner/${TEST_ONLY}, which only test code may use`);
              continue;
            }
            if (target && !ok(target)) {
              violations.push(`${relative(root, file)}: @planner/${self} -> @planner/${target} via '${m[1]}' (${why})`);
            }
          }
        }
      }
    }
  }
  return [...new Set(violations)];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(fileURLToPath(import.meta.url), '../..'));
  const violations = findViolations(root);
  if (violations.length > 0) {
    process.stderr.write(`package boundary check failed: ${violations.length} forbidden edge(s)\n${violations.map((v) => `  ${v}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('package boundaries ok\n');
}
