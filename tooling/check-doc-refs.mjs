#!/usr/bin/env node
// Fails when a design-document reference in the code or the READMEs does not
// resolve inside the repository: `pipeline.md §5.2` must name a document of
// docs/ and a numbered heading of it, `DECISIONS.md #4` a row of the decisions
// table, `FORMAT.md "Output"` a heading, a Markdown link an existing file; and
// every published package carries the root LICENSE.
// How a bare `§N` is read: docs/README.md. Usage: node tooling/check-doc-refs.mjs [--list] [repo-root]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The documents the code cites, by the name it cites them with. */
export const DOCUMENTS = {
  'DESIGN.md': 'docs/DESIGN.md',
  'CONVENTIONS.md': 'docs/CONVENTIONS.md',
  'pipeline.md': 'docs/spec/pipeline.md',
  'modules-calculators.md': 'docs/spec/modules-calculators.md',
  'modules-patterns.md': 'docs/spec/modules-patterns.md',
  'modules-sequences-filters.md': 'docs/spec/modules-sequences-filters.md',
  'DECISIONS.md': 'docs/spec/DECISIONS.md',
  'FORMAT.md': 'docs/scenarios/FORMAT.md',
  'REFERENCE_TIMINGS.md': 'packages/cli/test/scenarios/REFERENCE_TIMINGS.md',
};

/** The document a bare `spec §N` means in each package (docs/README.md); others: pipeline.md. */
export const PACKAGE_SPEC = {
  context: 'modules-calculators.md',
  calculators: 'modules-calculators.md',
  patterns: 'modules-patterns.md',
  sequences: 'modules-sequences-filters.md',
  filters: 'modules-sequences-filters.md',
};

const SCANNED = /\.(?:[cm]?[jt]sx?|md)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.turbo', 'coverage', '.git']);
// A document named with its extension (optionally with a path), or one of the
// names the code also uses without it, right before a section sign.
const TOKEN =
  /((?:[\w.-]+\/)*[\w-]+\.md)\b|\b(DESIGN|CONVENTIONS|pipeline)(?=[\s`]*§)|\bspec(?=[\s`(]*§)|§\s?(\d+(?:\.\d+)*)|#(\d+)\b|"([^"\n]{2,80})"/g;

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (SCANNED.test(name)) yield path;
  }
}

/** The files whose references are checked. */
export function scannedFiles(root) {
  const out = [join(root, 'README.md'), join(root, 'CONTRIBUTING.md')].filter(existsSync);
  out.push(...walk(join(root, 'docs')), ...[...walk(join(root, 'tooling'))].filter((f) => !f.endsWith('check-doc-refs.mjs')));
  const packagesDir = join(root, 'packages');
  for (const dir of readdirSync(packagesDir).sort()) {
    const pkgRoot = join(packagesDir, dir);
    if (!statSync(pkgRoot).isDirectory()) continue;
    if (existsSync(join(pkgRoot, 'README.md'))) out.push(join(pkgRoot, 'README.md'));
    for (const sub of ['src', 'test', 'bench']) out.push(...[...walk(join(pkgRoot, sub))].filter((f) => !f.endsWith('.md')));
  }
  return out;
}

/** Numbered headings ("## 5.", "### 5.2 …"), table row numbers and heading titles of a document. */
function outline(text) {
  const sections = new Set();
  const rows = new Set();
  const titles = [];
  for (const line of text.split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      titles.push(heading[1].trim());
      const number = /^(\d+(?:\.\d+)*)\.?(?:\s|$)/.exec(heading[1]);
      if (number) sections.add(number[1]);
    }
    const row = /^\|\s*(\d+)\s*\|/.exec(line);
    if (row) rows.add(row[1]);
  }
  return { sections, rows, titles };
}

/** Blanks comment leaders (same length, so offsets stay) so a reference broken over two lines reads as one. */
function prose(text) {
  return text.replace(/(\n[ \t]*)(\/\/+|\*(?!\/)|\/\*\*?)/g, (_, lead, marker) => lead + ' '.repeat(marker.length));
}

/** Every reference under `root` that does not resolve, as readable lines. */
export function findBrokenReferences(root, resolved = []) {
  const problems = [];
  const outlines = new Map();
  const outlineOf = (name) => {
    if (!outlines.has(name)) {
      const path = join(root, DOCUMENTS[name]);
      outlines.set(name, existsSync(path) ? outline(readFileSync(path, 'utf8')) : null);
    }
    return outlines.get(name);
  };
  for (const [name, path] of Object.entries(DOCUMENTS)) {
    if (!existsSync(join(root, path))) problems.push(`${path}: missing (cited as ${name})`);
  }

  // npm publishes a package folder's own LICENSE whatever `files` says, never the root's.
  const license = existsSync(join(root, 'LICENSE')) ? readFileSync(join(root, 'LICENSE'), 'utf8') : null;
  if (license === null) problems.push('LICENSE: missing');
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const pkgFile = join(root, 'packages', dir, 'package.json');
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    if (pkg.private) continue;
    const own = join(root, 'packages', dir, 'LICENSE');
    if (license !== null && (!existsSync(own) || readFileSync(own, 'utf8') !== license)) problems.push(`packages/${dir}/LICENSE: missing or not a copy of LICENSE`);
    if (license !== null && pkg.license !== license.split('\n')[0].replace(/ License$/, '')) problems.push(`packages/${dir}/package.json: license '${pkg.license}' does not match LICENSE`);
  }

  for (const file of scannedFiles(root)) {
    const rel = relative(root, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8');
    const lineOf = (index) => text.slice(0, index).split('\n').length;
    const report = (index, message) => problems.push(`${rel}:${lineOf(index)}: ${message}`);
    const pkg = /^packages\/([^/]+)\//.exec(rel)?.[1];
    const ownDoc = Object.entries(DOCUMENTS).find(([, path]) => path === rel)?.[0];
    const packageSpec = ownDoc ?? PACKAGE_SPEC[pkg] ?? 'pipeline.md';

    if (file.endsWith('.md')) {
      for (const m of text.matchAll(/\]\(([^)\s#]+)(?:#[^)\s]*)?\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/i.test(target)) continue;
        if (!existsSync(resolve(dirname(file), target))) report(m.index, `link target '${target}' does not exist`);
      }
      if (/^packages\/[^/]+\/README\.md$|^README\.md$/.test(rel)) {
        for (const m of text.matchAll(/\bshared\//g)) report(m.index, "refers to 'shared/', which is not in the repository (use docs/)");
      }
    }

    const stream = prose(text);
    let named = null; // the numbered document named or cited last, and where
    let lastDoc = null; // the document named last, any kind, and where its name ended
    let specAt = -1;
    for (const m of stream.matchAll(TOKEN)) {
      const [, docPath, bareDoc, section, row, quoted] = m;
      const at = m.index;
      if (docPath || bareDoc) {
        const name = docPath ? docPath.split('/').pop() : `${bareDoc}.md`;
        lastDoc = { name, end: m.index + m[0].length };
        if (docPath?.includes('/')) {
          if (/(^|\/)shared\//.test(docPath)) report(at, `'${docPath}' points outside the repository (docs/ holds it)`);
          else if (DOCUMENTS[name] && !resolvesPath(root, file, docPath)) report(at, `'${docPath}' does not exist (the document is ${DOCUMENTS[name]})`);
        }
        if (DOCUMENTS[name] && outlineOf(name)?.sections.size) named = { name, end: lastDoc.end };
        continue;
      }
      if (m[0] === 'spec') {
        specAt = m.index + m[0].length;
        continue;
      }
      if (section) {
        const afterSpec = specAt >= 0 && /^[\s`(]*$/.test(stream.slice(specAt, m.index));
        const gap = named ? stream.slice(named.end, m.index) : null;
        const sameClause = gap !== null && gap.length <= 80 && !/[.;]\s|\n[ \t]*\n/.test(gap);
        const doc = !afterSpec && sameClause ? named.name : packageSpec;
        if (doc === named?.name) named.end = m.index + m[0].length;
        specAt = -1;
        const known = outlineOf(doc);
        resolved.push(`${rel}:${lineOf(at)}: §${section} -> ${DOCUMENTS[doc] ?? doc}`);
        if (!known) report(at, `§${section}: document ${doc} is unknown`);
        else if (!known.sections.has(section)) report(at, `§${section}: ${DOCUMENTS[doc]} has no section ${section}`);
        continue;
      }
      if (row && lastDoc?.name === 'DECISIONS.md' && /^[\s`]*$/.test(stream.slice(lastDoc.end, m.index))) {
        if (!outlineOf('DECISIONS.md')?.rows.has(row)) report(at, `DECISIONS.md #${row}: no such row in ${DOCUMENTS['DECISIONS.md']}`);
        continue;
      }
      if (quoted && lastDoc?.name === 'FORMAT.md' && /^[\s`'s]*$/.test(stream.slice(lastDoc.end, m.index))) {
        const titles = outlineOf('FORMAT.md')?.titles ?? [];
        if (!titles.some((t) => t.startsWith(quoted))) report(at, `FORMAT.md "${quoted}": no such heading in ${DOCUMENTS['FORMAT.md']}`);
      }
    }
  }
  return problems;
}

/** A cited path exists relative to the citing file, its package, docs/ or the repository root. */
function resolvesPath(root, file, path) {
  const pkgRoot = /^(.*\/packages\/[^/]+)\//.exec(file.split('\\').join('/'))?.[1];
  const bases = [dirname(file), pkgRoot, join(root, 'docs'), join(root, 'docs/spec'), root].filter(Boolean);
  return bases.some((base) => existsSync(resolve(base, path)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(fileURLToPath(import.meta.url), '../..'));
  const resolved = [];
  const problems = findBrokenReferences(root, resolved);
  if (process.argv.includes('--list')) process.stdout.write(`${resolved.join('\n')}\n`);
  if (problems.length > 0) {
    process.stderr.write(`document reference check failed: ${problems.length} reference(s) do not resolve\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('document references ok\n');
}
