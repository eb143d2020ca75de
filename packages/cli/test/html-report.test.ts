import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, here } from './helpers.js';

const example = here('../examples/portfolio.json');
const dir = mkdtempSync(join(tmpdir(), 'planner-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('planner plan --html', () => {
  it('writes a self-contained report with one row per step and the chart library inlined', async () => {
    const out = join(dir, 'report.html');
    const r = await cli('plan', example, '--preset', 'aggressive', '--html', out, '--json');
    expect(r.code, r.err).toBe(0);
    const plan = JSON.parse(r.out) as { steps: unknown[] };
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<tr class="step">/g)).toHaveLength(plan.steps.length);
    expect(html).toContain('Chart.js v4.6.1');
    expect(html).not.toContain('sourceMappingURL');
    expect(html).toContain("<td>preset &#39;aggressive&#39;</td>");
  });

  it('lists the settings a config file changes from the preset it extends, escaped', async () => {
    const config = join(dir, 'mine.toml');
    writeFileSync(config, 'extends = "aggressive"\n[planner]\nname = "<b>mine</b>"\nmax_depth = 3\n');
    const out = join(dir, 'mine.html');
    const r = await cli('plan', example, '--config', config, '--html', out);
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<td>compared with preset</td><td>aggressive</td>');
    expect(html).toContain('<tr><td>planner.max_depth</td><td>7</td><td>3</td></tr>');
    expect(html).toContain('<tr><td>planner.name</td><td>aggressive</td><td>&lt;b&gt;mine&lt;/b&gt;</td></tr>');
    expect(html).not.toContain('<b>mine</b>');
  });

  it('names the preset a chain of files ends at, the model defaults for a file that extends nothing, and the default preset when none is chosen', async () => {
    writeFileSync(join(dir, 'base.toml'), 'extends = "conservative"\n[planner]\nbeam_width = 4\n');
    writeFileSync(join(dir, 'child.toml'), 'extends = "./base.toml"\n[planner]\nmax_depth = 1\n');
    writeFileSync(join(dir, 'alone.toml'), '[planner]\nname = "alone"\n');
    const report = async (...args: string[]): Promise<string> => {
      const out = join(dir, `${args.join('_').replace(/\W/g, '')}.html`);
      const r = await cli('plan', example, ...args, '--html', out);
      expect(r.code, r.err).toBe(0);
      return readFileSync(out, 'utf8');
    };
    const chained = await report('--config', join(dir, 'child.toml'));
    expect(chained).toContain('<td>compared with preset</td><td>conservative</td>');
    expect(chained).toContain('<tr><td>planner.max_depth</td><td>2</td><td>1</td></tr>');
    expect(chained).toContain('<tr><td>planner.beam_width</td>');
    const alone = await report('--config', join(dir, 'alone.toml'));
    expect(alone).toContain('<td>compared with preset</td><td>model defaults</td>');
    expect(alone).toContain('<td>planner.name</td>');
    expect(await report()).toContain("<td>preset &#39;default&#39;</td>");
  });
});

describe('planner plan --html: a target it must not or cannot write', () => {
  it.each([
    ['no name', () => '', '--html: expected a file name, found ""'],
    ['a directory', () => mkdirSync(join(dir, 'a-dir'), { recursive: true }) ?? join(dir, 'a-dir'), "expected a file to write, found the directory"],
    ['a folder that does not exist', () => join(dir, 'no-such-folder', 'r.html'), "--html: no directory '"],
    ['a "folder" that is a file', () => join(example, 'r.html'), `--html: no directory '${example}' to write 'r.html' in`],
  ])('%s: exit 2 before planning, nothing on stdout, no file left', async (_what, target, message) => {
    const path = target();
    const before = readdirSync(dir).sort();
    const r = await cli('plan', example, '--html', path, '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    // the error comes first: before the configuration's warnings, and before any planning
    const [first, second] = r.err.split('\n');
    expect(first).toBe('error: invalid configuration: 1 issue(s)');
    expect(second).toContain(message);
    expect(r.err).not.toMatch(/\n\s+at |ENOENT|EISDIR|\.tmp-/);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('the snapshot or the configuration it reads is not replaced by the report', async () => {
    const snapshot = join(dir, 'own.json');
    copyFileSync(example, snapshot);
    const config = join(dir, 'own.toml');
    writeFileSync(config, 'extends = "default"\n');
    const r = await cli('plan', snapshot, '--html', snapshot);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--html: '${snapshot}' is the snapshot this command reads: the report would replace it (name another file)`);
    expect(readFileSync(snapshot, 'utf8')).toBe(readFileSync(example, 'utf8'));
    const c = await cli('plan', snapshot, '--config', config, '--html', join(dir, '.', 'own.toml'));
    expect(c.code).toBe(2);
    expect(c.err).toContain('is the configuration this command reads');
    expect(readFileSync(config, 'utf8')).toBe('extends = "default"\n');
  });

  it('a write that fails says where, and leaves neither the report nor its temporary file', async () => {
    const { writeHtmlReport } = await import('../src/commands/html-report.js');
    const r = await cli('plan', example, '--json');
    const plan = JSON.parse(r.out) as Parameters<typeof writeHtmlReport>[1];
    const report = { name: 'default', source: "preset 'default'", basePreset: 'default', changes: [] };
    const target = join(dir, 'taken');
    mkdirSync(target, { recursive: true }); // the rename onto a directory fails after the temporary file is written
    const before = readdirSync(dir).sort();
    expect(() => writeHtmlReport(target, plan, report, 'portfolio.json')).toThrow(`cannot write the HTML report to ${target}: `);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});
