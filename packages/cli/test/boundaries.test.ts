import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { here } from './helpers.js';
import { testTempDir } from './temp-store.js';

const root = here('../../../');
const script = join(root, 'tooling/check-boundaries.mjs');

function check(dir?: string) {
  const r = spawnSync(process.execPath, [script, ...(dir ? [dir] : [])], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A copy of packages/ (sources, tests, package.json) to plant violations in. */
function copyTree(): string {
  const dir = testTempDir('boundaries');
  cpSync(join(root, 'packages'), join(dir, 'packages'), {
    recursive: true,
    filter: (src) => !/[/\\](node_modules|dist|scenarios)([/\\]|$)/.test(src),
  });
  return dir;
}

describe('tooling/check-boundaries.mjs', () => {
  it('the real tree passes', () => {
    const r = check();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('fails on a module package importing the planner, listing the edge', () => {
    const dir = copyTree();
    expect(check(dir).code).toBe(0);
    writeFileSync(join(dir, 'packages/patterns/src/planted.ts'), "import { createPlanner } from '@planner/planner';\nexport const x = createPlanner;\n");
    writeFileSync(join(dir, 'packages/filters/test/planted.test.ts'), "const m = await import('@planner/calculators/sub');\n");
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('2 forbidden edge(s)');
    expect(r.err).toContain("packages/patterns/src/planted.ts: @planner/patterns -> @planner/planner via '@planner/planner' (allowed: contracts, context)");
    expect(r.err).toContain('packages/filters/test/planted.test.ts: @planner/filters -> @planner/calculators');
  });

  it('fails on a relative import into another package, in bench/ too', () => {
    const dir = copyTree();
    mkdirSync(join(dir, 'packages/cli/bench'), { recursive: true });
    // Split so that this test file itself does not carry the planted import.
    const planted = `import { startPgServer } from '${'../../store'}/src/testing.js';\nexport const x = startPgServer;\n`;
    writeFileSync(join(dir, 'packages/cli/bench/planted.ts'), planted);
    writeFileSync(join(dir, 'packages/patterns/src/own.ts'), "export { patterns } from './index.js';\n");
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('1 forbidden edge(s)');
    expect(r.err).toContain(`packages/cli/bench/planted.ts: relative import${" '"}../../store/src/testing.js' reaches outside packages/cli`);
  });

  it('fails on a forbidden dependency in package.json; ignores imports in comments', () => {
    const dir = copyTree();
    const pkgFile = join(dir, 'packages/example-plugin/package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    pkg.peerDependencies = { ...pkg.peerDependencies, '@planner/config': 'workspace:^' };
    writeFileSync(pkgFile, JSON.stringify(pkg));
    writeFileSync(join(dir, 'packages/config/src/commented.ts'), "// import { x } from '@planner/planner';\n/* require('@planner/store') */\nexport {};\n");
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('1 forbidden edge(s)');
    expect(r.err).toContain('packages/example-plugin/package.json peerDependencies: @planner/example-plugin -> @planner/config (allowed: contracts)');
  });

  it('fails when a core package uses a Node built-in or a Node global; Node-only entries and other packages may', () => {
    const dir = copyTree();
    writeFileSync(join(dir, 'packages/context/src/planted.ts'), "import { createHash } from 'node:crypto';\nexport const h = createHash;\n");
    writeFileSync(join(dir, 'packages/planner/src/planted.ts'), "export { readFile } from 'fs/promises';\n");
    writeFileSync(join(dir, 'packages/evaluation/src/planted.ts'), 'export const debug = process.env.DEBUG;\n');
    writeFileSync(join(dir, 'packages/config/src/node.ts'), "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    writeFileSync(join(dir, 'packages/store/src/planted.ts'), "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    writeFileSync(join(dir, 'packages/filters/test/planted.test.ts'), "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('3 forbidden edge(s)');
    expect(r.err).toContain("packages/context/src/planted.ts: @planner/context must run anywhere, but imports the Node built-in 'node:crypto'");
    expect(r.err).toContain("packages/planner/src/planted.ts: @planner/planner must run anywhere, but imports the Node built-in 'fs/promises'");
    expect(r.err).toContain("packages/evaluation/src/planted.ts: @planner/evaluation must run anywhere, but uses the Node global 'process.'");
  });

  it('lets test code use @planner/testkit as a dev dependency, never src/ or a runtime dependency', () => {
    const dir = copyTree();
    writeFileSync(join(dir, 'packages/filters/src/planted.ts'), "import { security } from '@planner/testkit';\nexport const x = security;\n");
    const pkgFile = join(dir, 'packages/patterns/package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    pkg.dependencies = { ...pkg.dependencies, '@planner/testkit': 'workspace:*' };
    writeFileSync(pkgFile, JSON.stringify(pkg));
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('2 forbidden edge(s)');
    expect(r.err).toContain('packages/filters/src/planted.ts: src/ imports @planner/testkit, which only test code may use');
    expect(r.err).toContain('packages/patterns/package.json dependencies: @planner/testkit is for tests only (devDependencies)');
  });
});
