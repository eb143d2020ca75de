import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveFiles, type ChromiumSession, type ServedFile, type StaticServer } from '@planner/browser-harness';
import { loadPreset, mapSliders } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import type { Plan } from '@planner/contracts';
import { createPlanner } from '@planner/planner';
import { standardModules } from '../src/modules.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const artifacts = join(root, 'test-artifacts');
const example = readFileSync(new URL('../../cli/examples/portfolio.json', import.meta.url), 'utf8');
const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

/** The plan with its timings left out: they are the only content that may differ between runs. */
function withoutTimings(plan: Plan): unknown {
  const { timings: _timings, ...rest } = JSON.parse(JSON.stringify(plan)) as Record<string, unknown>;
  return rest;
}

function filesUnder(dir: string): Record<string, ServedFile> {
  const out: Record<string, ServedFile> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[`/${relative(dir, path)}`] = { body: readFileSync(path), type: TYPES[extname(name)] ?? 'application/octet-stream' };
    }
  };
  walk(dir);
  return out;
}

interface PageState { plans: number; plan?: Plan; planMs?: number; times: number[]; error?: string; settings?: unknown }
const pageState = () => (window as unknown as { plannerPage: PageState }).plannerPage;

describe('the web page in headless Chromium', () => {
  let chromium: ChromiumSession;
  let server: StaticServer;
  let outDir: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'planner-web-'));
    // The production build, as `pnpm --filter @planner/web build` makes it.
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    server = await serveFiles(filesUnder(outDir));
    chromium = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('plans the example, then aggressive, then a moved risk appetite: the plan shown equals Node\'s', async () => {
    const page = await chromium.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(server.url)) return route.continue();
      problems.push(`request outside the test server: ${route.request().url()}`);
      return route.abort();
    });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(server.url);

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
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'web.png'), fullPage: false });

    const modules = standardModules;
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

    // The issue asks for re-plans under 50 ms; tests assert no elapsed time (a loaded machine
    // must not fail them), so the times are recorded here and in the artifact, not asserted.
    const times = { firstPlanMs: moved.times[0], replanMs: moved.times.slice(1) };
    writeFileSync(join(artifacts, 'replan-times.json'), `${JSON.stringify(times, null, 2)}\n`);
    process.stdout.write(`web page plan times (ms, in the worker): first ${times.firstPlanMs?.toFixed(1)}, re-plans ${times.replanMs.map((t) => t.toFixed(1)).join(', ')}\n`);
    await page.close();
  });
});
