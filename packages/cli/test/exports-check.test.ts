import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { here } from './helpers.js';
import { testTempDir } from './temp-store.js';

const root = here('../../../');
const script = join(root, 'tooling/check-exports.mjs');

function check(dir?: string) {
  const r = spawnSync(process.execPath, [script, ...(dir ? [dir] : [])], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tooling/check-exports.mjs', () => {
  it('every package exports exactly what its exports.txt lists', () => {
    const r = check();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('names an export added to a package root and one dropped from it', () => {
    const dir = testTempDir('exports');
    for (const pkg of ['planner', 'evaluation']) {
      cpSync(join(root, 'packages', pkg), join(dir, 'packages', pkg), {
        recursive: true,
        filter: (src) => !/[/\\](node_modules|dist|test)([/\\]|$)/.test(src),
      });
      // Its dependencies resolve as in the repository.
      symlinkSync(join(root, 'packages', pkg, 'node_modules'), join(dir, 'packages', pkg, 'node_modules'), 'junction');
    }
    appendFileSync(join(dir, 'packages/planner/src/index.ts'), "export { dedupSequences } from './dedup.js';\n");
    const list = join(dir, 'packages/evaluation/exports.txt');
    appendFileSync(list, '. retiredHelper\n');
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('2 package(s)');
    expect(r.err).toContain('packages/planner/exports.txt:\n    + . dedupSequences');
    expect(r.err).toContain('packages/evaluation/exports.txt:\n    - . retiredHelper');
    expect(r.err).toContain('pnpm check:exports --update');
  });
});
