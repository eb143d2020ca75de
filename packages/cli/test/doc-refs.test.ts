import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { here } from './helpers.js';
import { testTempDir } from './temp-store.js';

const root = here('../../../');
const script = join(root, 'tooling/check-doc-refs.mjs');
// Built from parts so that this file itself carries no broken reference.
const sign = '\u00a7';

function check(dir?: string) {
  const r = spawnSync(process.execPath, [script, ...(dir ? [dir] : [])], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A copy of the documents, packages and READMEs to plant broken references in. */
function copyTree(): string {
  const dir = testTempDir('doc-refs');
  for (const part of ['docs', 'packages', 'tooling', 'README.md', 'CONTRIBUTING.md', 'LICENSE']) {
    cpSync(join(root, part), join(dir, part), {
      recursive: true,
      filter: (src) => !/[/\\](node_modules|dist|\.turbo)([/\\]|$)/.test(src) && !/\.golden\.json$/.test(src),
    });
  }
  return dir;
}

describe('tooling/check-doc-refs.mjs', () => {
  it('the real tree passes', () => {
    const r = check();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('fails on a section, a row, a heading or a link that does not exist, naming each', () => {
    const dir = copyTree();
    expect(check(dir).code).toBe(0);
    writeFileSync(
      join(dir, 'packages/patterns/src/planted.ts'),
      [
        `// A known section (pipeline.md ${sign}5.3) and one that is not there (pipeline.md ${sign}5.99).`,
        `/** A bare one is the package's spec: spec ${sign}4.12 exists, spec ${sign}4.14 does not. */`,
        `// DECISIONS.md #${999}, FORMAT${'.md'} "No such heading".`,
        'export const planted = 1;',
      ].join('\n'),
    );
    appendFileSync(join(dir, 'packages/store/README.md'), `\nSee [the design](../../../${'shared'}/DESIGN.md).\n`);
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`packages/patterns/src/planted.ts:1: ${sign}5.99: docs/spec/pipeline.md has no section 5.99`);
    expect(r.err).toContain(`packages/patterns/src/planted.ts:2: ${sign}4.14: docs/spec/modules-patterns.md has no section 4.14`);
    expect(r.err).not.toContain(`${sign}5.3:`);
    expect(r.err).not.toContain(`${sign}4.12:`);
    expect(r.err).toContain(`packages/patterns/src/planted.ts:3: DECISIONS${'.md'} #${999}: no such row`);
    expect(r.err).toContain(`packages/patterns/src/planted.ts:3: FORMAT${'.md'} "No such ${'heading'}": no such heading`);
    expect(r.err).toContain("packages/store/README.md:");
    expect(r.err).toContain("refers to 'shared/', which is not in the repository");
    expect(r.err).toContain("link target '../../../shared/DESIGN.md' does not exist");
  });

  it('fails when a cited document or a published package LICENSE is missing', () => {
    const dir = copyTree();
    rmSync(join(dir, 'docs/spec/DECISIONS.md'));
    rmSync(join(dir, 'packages/filters/LICENSE'));
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('docs/spec/DECISIONS.md: missing (cited as DECISIONS.md)');
    expect(r.err).toContain('packages/filters/LICENSE: missing or not a copy of LICENSE');
  });
});
