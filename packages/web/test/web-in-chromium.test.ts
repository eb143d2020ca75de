import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from '@planner/browser-harness';
import { loadPreset, mapSliders } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import type { Plan, PlannerConfig } from '@planner/contracts';
import { createPlanner } from '@planner/planner';
import { type BuiltPage, buildAndServe, packageRoot } from '../scripts/built-page.js';
import { standardModules } from '../src/modules.js';

const artifacts = join(packageRoot, 'test-artifacts');
const example = readFileSync(new URL('../../cli/examples/portfolio.json', import.meta.url), 'utf8');

/** The plan with its timings left out: they are the only content that may differ between runs. */
function withoutTimings(plan: Plan): unknown {
  const { timings: _timings, ...rest } = JSON.parse(JSON.stringify(plan)) as Record<string, unknown>;
  return rest;
}

interface PageState {
  plans: number; plan?: Plan; planMs?: number; times: number[]; roundTrips: number[]; error?: string; settings?: unknown; snapshotName?: string;
}
const pageState = () => (window as unknown as { plannerPage: PageState }).plannerPage;
const scenario = (name: string) => readFileSync(new URL(`../../cli/test/scenarios/${name}`, import.meta.url), 'utf8');
const modules = standardModules;
type Page = Awaited<ReturnType<ChromiumSession['newPage']>>;

/** Waits until the page has finished `count` plans. */
const plansDone = (page: Page, count: number) =>
  page.waitForFunction((n) => (window as any).plannerPage?.plans >= n, count, { timeout: 60_000 });
const errorShown = (page: Page) => page.waitForFunction(() => (window as any).plannerPage.error !== undefined, undefined, { timeout: 60_000 });

/** Node's plan of a snapshot text with a configuration. */
const nodePlan = (text: string, config: PlannerConfig) => createPlanner({ config, modules }).plan(parseSnapshot(text));

describe('the web page in headless Chromium', () => {
  let chromium: ChromiumSession;
  let server: BuiltPage;

  beforeAll(async () => {
    server = await buildAndServe();
    chromium = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  /** A new page on the built site, recording page errors, console errors and requests to anywhere else. */
  async function openPage(problems: string[]): Promise<Page> {
    const page = await chromium.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(server.url)) return route.continue();
      problems.push(`request outside the test server: ${route.request().url()}`);
      return route.abort();
    });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(server.url);
    return page;
  }

  it('plans the example, then aggressive, then a moved risk appetite: the plan shown equals Node\'s', async () => {
    const problems: string[] = [];
    const page = await openPage(problems);

    // The shipped example with the default preset, at once.
    await page.waitForFunction(() => (window as any).plannerPage?.plans >= 1, undefined, { timeout: 60_000 });
    await page.selectOption('#preset', 'aggressive');
    await page.waitForFunction(() => (window as any).plannerPage.plans >= 2 && (window as any).plannerPage.settings.preset === 'aggressive', undefined, { timeout: 60_000 });
    const aggressive = await page.evaluate(pageState);
    await page.locator('#slider-riskAppetite').fill('0.7');
    await page.waitForFunction(() => (window as any).plannerPage.plans >= 3 && (window as any).plannerPage.settings.sliders.riskAppetite === 0.7, undefined, { timeout: 60_000 });
    // A few more moves, to measure re-plans after the first.
    for (const [i, v] of ['0.3', '0.5', '0.7'].entries()) {
      await page.locator('#slider-riskAppetite').fill(v === '0.7' ? '0.65' : v);
      await page.waitForFunction((n) => (window as any).plannerPage.plans >= n, 4 + i, { timeout: 60_000 });
    }
    await page.locator('#slider-riskAppetite').fill('0.7');
    await page.waitForFunction(() => (window as any).plannerPage.plans >= 7, undefined, { timeout: 60_000 });
    const moved = await page.evaluate(pageState);
    const stepRows = await page.locator('#steps tbody tr.step').count();
    const canvases = await page.locator('canvas').count();
    const diffText = await page.locator('#diff').innerText();
    const componentRows = await page.locator('#score tbody tr.component').count();
    const scoreChart = await page.evaluate(() => {
      const chart = ((window as any).plannerCharts as { canvas: HTMLCanvasElement; data: { datasets: { label: string; data: (number | null)[] }[] } }[])
        .find((c) => c.canvas.id === 'chart-components');
      return chart?.data.datasets.map((d) => ({ label: d.label, data: d.data }));
    });
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'web.png'), fullPage: false });
    // The sticky controls would cover the section scrolled into view.
    await page.addStyleTag({ content: '.controls { position: static; }' });
    await page.locator('#score').screenshot({ path: join(artifacts, 'web-score.png') });

    const snapshot = parseSnapshot(example, 'portfolio.json');
    const nodeAggressive = await createPlanner({ config: loadPreset('aggressive', { modules }), modules }).plan(snapshot);
    const base = loadPreset('aggressive', { modules });
    const nodeMoved = await createPlanner({ config: mapSliders({ riskAppetite: 0.7 }, { modules, base }), modules }).plan(snapshot);

    expect(problems).toEqual([]);
    expect(aggressive.error).toBeUndefined();
    expect(withoutTimings(aggressive.plan as Plan)).toEqual(withoutTimings(nodeAggressive));
    expect(moved.error).toBeUndefined();
    expect(moved.settings).toEqual({ preset: 'aggressive', sliders: { riskAppetite: 0.7 } });
    expect(withoutTimings(moved.plan as Plan)).toEqual(withoutTimings(nodeMoved));
    expect(stepRows).toBe(nodeMoved.steps.length);
    expect(canvases).toBe(3);
    expect(diffText).toMatch(/Since the plan before/);
    // The score before and after, per component: one table row and one pair of bars per component of the evaluator.
    const current = Object.entries(nodeMoved.currentScoreBreakdown ?? {}).filter(([, v]) => typeof v === 'object' && v !== null && 'weight' in v);
    expect(current.length).toBe(5);
    expect(componentRows).toBe(current.length);
    expect(scoreChart).toEqual([
      { label: 'before: current holdings', data: current.map(([, v]) => Number(((v as { contribution: number }).contribution * 100).toFixed(2))) },
      { label: 'after: end state', data: expect.any(Array) },
    ]);

    // The issue asks for re-plans under 50 ms; tests assert no elapsed time (a loaded machine
    // must not fail them), so the times are recorded here and in the artifact, not asserted.
    // `pnpm -C packages/web bench` measures them properly (on a quiet machine).
    const times = { firstPlanMs: moved.times[0], replanMs: moved.times.slice(1), roundTripMs: moved.roundTrips };
    writeFileSync(join(artifacts, 'replan-times.json'), `${JSON.stringify(times, null, 2)}\n`);
    process.stdout.write(`web page plan times (ms, in the worker): first ${times.firstPlanMs?.toFixed(1)}, re-plans ${times.replanMs.map((t) => t.toFixed(1)).join(', ')}\n`);
    await page.close();
  });

  it('loads a snapshot by file picker and by drop; a bad file is refused with a message and the plan shown stays', async () => {
    const problems: string[] = [];
    const page = await openPage(problems);
    await plansDone(page, 1);
    const defaults = loadPreset('default', { modules });

    // The file picker.
    const picked = scenario('universe_30.input.json');
    await page.setInputFiles('#snapshot-file', { name: 'universe_30.input.json', mimeType: 'application/json', buffer: Buffer.from(picked) });
    await plansDone(page, 2);
    const afterPick = await page.evaluate(pageState);
    expect(afterPick.snapshotName).toBe('universe_30.input.json');
    await expect(page.locator('#snapshot-name').innerText()).resolves.toBe('universe_30.input.json');
    expect(withoutTimings(afterPick.plan as Plan)).toEqual(withoutTimings(await nodePlan(picked, defaults)));

    // A real drop event whose DataTransfer carries a file.
    const dropped = scenario('low_cash_needs_sells.input.json');
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'low_cash_needs_sells.input.json', { type: 'application/json' }));
      return dt;
    }, dropped);
    await page.dispatchEvent('#drop-zone', 'dragover', { dataTransfer });
    await expect(page.locator('#drop-zone').getAttribute('class')).resolves.toContain('dragging');
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer });
    await plansDone(page, 3);
    const afterDrop = await page.evaluate(pageState);
    expect(afterDrop.snapshotName).toBe('low_cash_needs_sells.input.json');
    await expect(page.locator('#drop-zone').getAttribute('class')).resolves.not.toContain('dragging');
    expect(withoutTimings(afterDrop.plan as Plan)).toEqual(withoutTimings(await nodePlan(dropped, defaults)));
    expect(await page.locator('#steps tbody tr.step').count()).toBe(afterDrop.plan?.steps.length);

    // Not JSON: the message names the file and the syntax error; the plan shown stays.
    await page.setInputFiles('#snapshot-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "cash": ') });
    await errorShown(page);
    const broken = await page.locator('#error').innerText();
    expect(broken).toMatch(/^Could not use broken\.json: SnapshotError: .*broken\.json/s);
    expect(broken).toContain('Still showing low_cash_needs_sells.input.json.');
    await expect(page.locator('#error').isVisible()).resolves.toBe(true);
    // JSON, but not a snapshot: the message names the field and what was expected.
    await page.setInputFiles('#snapshot-file', { name: 'not-a-snapshot.json', mimeType: 'application/json', buffer: Buffer.from('{"baseCurrency": "EUR", "cash": {"EUR": "lots"}}') });
    await page.waitForFunction(() => (window as any).plannerPage.error?.includes('not-a-snapshot.json'), undefined, { timeout: 60_000 });
    const invalid = await page.locator('#error').innerText();
    expect(invalid).toMatch(/cash\.EUR/);
    expect(invalid).toMatch(/expected/i);
    const afterBad = await page.evaluate(pageState);
    expect(afterBad.plans).toBe(3);
    expect(afterBad.snapshotName).toBe('low_cash_needs_sells.input.json');
    expect(withoutTimings(afterBad.plan as Plan)).toEqual(withoutTimings(afterDrop.plan as Plan));

    // The next change plans the snapshot still shown, and the message goes.
    await page.locator('#slider-riskAppetite').fill('0.3');
    await plansDone(page, 4);
    const next = await page.evaluate(pageState);
    expect(next.error).toBeUndefined();
    await expect(page.locator('#error').isVisible()).resolves.toBe(false);
    expect(next.snapshotName).toBe('low_cash_needs_sells.input.json');
    expect(withoutTimings(next.plan as Plan)).toEqual(withoutTimings(await nodePlan(dropped, mapSliders({ riskAppetite: 0.3 }, { modules, base: defaults }))));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the depth control: the plan shown equals Node\'s at that depth; a depth out of range is refused with a message', async () => {
    const problems: string[] = [];
    const page = await openPage(problems);
    await plansDone(page, 1);
    const defaults = loadPreset('default', { modules });
    await expect(page.locator('#max-depth').inputValue()).resolves.toBe(String(defaults.planner.maxDepth));
    const atDepth = (maxDepth: number): PlannerConfig => ({ ...defaults, planner: { ...defaults.planner, maxDepth } });

    let count = 1;
    for (const depth of [2, 1, 6]) {
      await page.locator('#max-depth').fill(String(depth));
      await page.locator('#max-depth').press('Tab');
      await plansDone(page, ++count);
      const shown = await page.evaluate(pageState);
      expect(shown.settings).toEqual({ preset: 'default', sliders: {}, maxDepth: depth });
      expect(withoutTimings(shown.plan as Plan), `depth ${depth}`).toEqual(withoutTimings(await nodePlan(example, atDepth(depth))));
    }

    await page.locator('#max-depth').fill('0');
    await page.locator('#max-depth').press('Tab');
    await errorShown(page);
    const message = await page.locator('#error').innerText();
    expect(message).toMatch(/^Could not plan with these settings: ConfigError: .*max_depth/s);
    const refused = await page.evaluate(pageState);
    expect(refused.plans).toBe(count);
    expect(withoutTimings(refused.plan as Plan)).toEqual(withoutTimings(await nodePlan(example, atDepth(6))));
    expect(problems).toEqual([]);
    await page.close();
  });
});
