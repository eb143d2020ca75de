import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
});
