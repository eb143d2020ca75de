/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from '../src/index.js';

const example = new URL('../../cli/examples/portfolio.json', import.meta.url).pathname;
/** The command the install builds (not a dependency: a workspace package's bin is linked before it is built, and pnpm warned). */
const planner = new URL('../../cli/dist/bin/planner.cjs', import.meta.url).pathname;
/** Screenshots of the runs (gitignored); docs/screenshots/report.png is a copy of one. */
const artifacts = new URL('../test-artifacts/', import.meta.url).pathname;

/** What the page reports about itself once loaded. */
interface PageFacts {
  stepRows: number;
  sections: string[];
  charts: { id: string; points: number; inkPixels: number }[];
  /** The score components chart: its bars per dataset (before, after). */
  componentBars: { label: string; data: (number | null)[] }[];
  componentRows: number;
}

describe('the HTML report in headless Chromium', () => {
  let chromium: ChromiumSession;
  let reportPath: string;
  let stepCount: number;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    reportPath = `${artifacts}report.html`;
    // The real command, as a user runs it: planner plan … --html.
    const r = spawnSync(process.execPath, [planner, 'plan', example, '--preset', 'aggressive', '--json', '--html', reportPath], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    stepCount = (JSON.parse(r.stdout) as { steps: unknown[] }).steps.length;
    chromium = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
  });

  it('opens from a file:// URL with no request, shows one row per step and draws non-empty charts', async () => {
    expect(stepCount).toBeGreaterThan(0);
    const page = await chromium.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pathToFileURL(reportPath).href) return route.continue();
      problems.push(`request: ${url}`);
      return route.abort();
    });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(pathToFileURL(reportPath).href);
    const facts = await page.evaluate((): PageFacts => {
      const charts = (window as unknown as { plannerCharts: { canvas: HTMLCanvasElement; data: { datasets: { label: string; data: (number | null)[] }[] } }[] }).plannerCharts;
      const components = charts.find((c) => c.canvas.id === 'chart-components');
      return {
        componentBars: (components?.data.datasets ?? []).map((d) => ({ label: d.label, data: d.data })),
        componentRows: document.querySelectorAll('#score tbody tr.component').length,
        stepRows: document.querySelectorAll('#steps tbody tr.step').length,
        sections: [...document.querySelectorAll('main > section')].map((s) => s.id),
        charts: charts.map((chart) => {
          const canvas = chart.canvas;
          const pixels = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
          let inkPixels = 0;
          for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] as number) > 0) inkPixels++;
          const points = chart.data.datasets.flatMap((d) => d.data).filter((v) => typeof v === 'number' && v > 0).length;
          return { id: canvas.id, points, inkPixels };
        }),
      };
    });
    await page.screenshot({ path: `${artifacts}report.png`, fullPage: true });
    expect(problems).toEqual([]);
    expect(facts.stepRows).toBe(stepCount);
    expect(facts.sections).toEqual(['summary', 'steps', 'score', 'funnel', 'cash', 'timings', 'configuration']);
    expect(facts.charts.map((c) => c.id)).toEqual(['chart-score', 'chart-components', 'chart-funnel']);
    for (const chart of facts.charts) {
      expect(chart.points, chart.id).toBeGreaterThan(0);
      // Bars, axes and labels: a blank canvas has no pixel with any alpha.
      expect(chart.inkPixels, chart.id).toBeGreaterThan(1000);
    }
    // The score before and after, per component: a before and an after bar for each of the evaluator's five components.
    expect(facts.componentRows).toBe(5);
    expect(facts.componentBars.map((d) => d.label)).toEqual(['before: current holdings', 'after: end state']);
    for (const d of facts.componentBars) {
      expect(d.data, d.label).toHaveLength(5);
      for (const v of d.data) expect(v, d.label).toEqual(expect.any(Number));
    }
    process.stdout.write(`report screenshot: ${artifacts}report.png (${readFileSync(`${artifacts}report.png`).length} B)\n`);
    await page.close();
  });

  it('reads without JavaScript (the tables are all there) and prints with shorter charts', async () => {
    const page = await chromium.newPage();
    const cdp = await chromium.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(pathToFileURL(reportPath).href);
    const rows = await page.locator('#steps tbody tr.step').count();
    expect(rows).toBe(stepCount);
    expect(await page.locator('#funnel table').count()).toBe(3);
    await page.emulateMedia({ media: 'print' });
    const chartHeight = await page.locator('.chart-box').first().evaluate((el) => getComputedStyle(el).height);
    expect(chartHeight).toBe('192px');
    expect(await page.evaluate(() => 'plannerCharts' in window)).toBe(false);
    await page.close();
  });
});
