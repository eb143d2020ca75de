import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculators } from '@planner/calculators';
import { loadPreset, parseConfig, presetNames } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import { evaluators } from '@planner/evaluation';
import { filters } from '@planner/filters';
import { patterns } from '@planner/patterns';
import { createPlanner } from '@planner/planner';
import { sequenceGenerators } from '@planner/sequences';
import { bundleForBrowser, launchChromium, serveFiles, type ChromiumSession, type StaticServer } from '../src/index.js';

type Core = typeof import('../src/browser-entry.js');

const example = readFileSync(new URL('../../cli/examples/portfolio.json', import.meta.url), 'utf8');
const modules = [...calculators, ...patterns, ...sequenceGenerators, ...filters, ...evaluators];

/** The plan with its timings left out: they are the only content that may differ between runs. */
function withoutTimings(planJson: string): unknown {
  const { timings: _timings, ...rest } = JSON.parse(planJson) as Record<string, unknown>;
  return rest;
}

async function planInNode(preset: string): Promise<string> {
  const planner = createPlanner({ config: loadPreset(preset, { modules }), modules });
  return JSON.stringify(await planner.plan(parseSnapshot(example, 'portfolio.json')));
}

function errorInNode(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>planner core</title>
<script src="/core.js"></script></head>
<body><p>planner core in the browser</p></body></html>`;

describe('the core in headless Chromium', () => {
  let chromium: ChromiumSession;
  let server: StaticServer;

  beforeAll(async () => {
    // Fails (never skips) without Chromium, saying how to install it.
    chromium = await launchChromium();
    const bundle = await bundleForBrowser({ format: 'iife', globalName: 'plannerCore' });
    server = await serveFiles({
      '/index.html': { body: PAGE, type: 'text/html; charset=utf-8' },
      '/core.js': { body: bundle.code, type: 'text/javascript; charset=utf-8' },
    });
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  async function openPage() {
    const page = await chromium.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    // The page may load nothing but what the test serves.
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(server.url)) return route.continue();
      problems.push(`request outside the test server: ${route.request().url()}`);
      return route.abort();
    });
    await page.goto(server.url);
    return { page, problems };
  }

  it('plans the example snapshot with the three shipped presets, each plan equal to Node\'s JSON (timings aside)', async () => {
    const { page, problems } = await openPage();
    const presets = presetNames();
    expect(presets).toEqual(['aggressive', 'conservative', 'default']);

    const result = await page.evaluate(async ({ snapshotText, presets }) => {
      const core = (globalThis as unknown as { plannerCore: Core }).plannerCore;
      const mods = [...core.calculators, ...core.patterns, ...core.sequenceGenerators, ...core.filters, ...core.evaluators];
      const plans: Record<string, string> = {};
      for (const preset of presets) {
        const planner = core.createPlanner({ config: core.loadPreset(preset, { modules: mods }), modules: mods });
        plans[preset] = JSON.stringify(await planner.plan(core.parseSnapshot(snapshotText, 'portfolio.json')));
      }
      return { plans, userAgent: (globalThis as unknown as { navigator: { userAgent: string } }).navigator.userAgent, process: typeof (globalThis as { process?: unknown }).process };
    }, { snapshotText: example, presets });

    // A real browser: Chromium's user agent, and no Node `process` to lean on.
    expect(result.userAgent).toMatch(/HeadlessChrome\//);
    expect(result.process).toBe('undefined');
    for (const preset of presets) {
      const browserPlan = result.plans[preset] as string;
      expect(withoutTimings(browserPlan), preset).toEqual(withoutTimings(await planInNode(preset)));
      const parsed = JSON.parse(browserPlan) as { configName: string; steps: unknown[]; timings: Record<string, number> };
      expect(parsed.configName).toBe(preset);
      // Not a comparison of empty plans, and the page measured its own stages.
      expect(parsed.steps.length).toBeGreaterThan(0);
      expect(Object.keys(parsed.timings).length).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('a digit-only group name keeps its place in the page as in Node (issue 14)', async () => {
    const { page, problems } = await openPage();
    const digits = example.replaceAll('"ASIA"', '"10"');
    expect(digits.split('"10"').length - 1).toBe(2);
    const result = await page.evaluate(async ({ digits }) => {
      const core = (globalThis as unknown as { plannerCore: Core }).plannerCore;
      const mods = [...core.calculators, ...core.patterns, ...core.sequenceGenerators, ...core.filters, ...core.evaluators];
      const snapshot = core.parseSnapshot(digits, 'digits.json');
      const planner = core.createPlanner({ config: core.loadPreset('default', { modules: mods }), modules: mods });
      return { groups: [...snapshot.targets.countryGroups.keys()], plan: JSON.stringify(await planner.plan(snapshot)) };
    }, { digits });
    expect(result.groups).toEqual(['US', 'EU', 'UK', '10']);
    const planner = createPlanner({ config: loadPreset('default', { modules }), modules });
    expect(withoutTimings(result.plan)).toEqual(withoutTimings(JSON.stringify(await planner.plan(parseSnapshot(digits, 'digits.json')))));
    expect(problems).toEqual([]);
  }, 60_000);

  it('cash balances keep the file order in the page as in Node, a digit-only currency code included: they are summed in it', async () => {
    const { page, problems } = await openPage();
    const text = example
      .replace('"EUR": 6000.0\n', '"EUR": 1000.1, "USD": 3000.3, "756": 500.05\n')
      .replace('"HKD": 8.1\n', '"HKD": 8.1, "756": 0.94\n');
    expect(text).toContain('"756": 500.05');
    const result = await page.evaluate(async ({ text }) => {
      const core = (globalThis as unknown as { plannerCore: Core }).plannerCore;
      const mods = [...core.calculators, ...core.patterns, ...core.sequenceGenerators, ...core.filters, ...core.evaluators];
      const snapshot = core.parseSnapshot(text, 'cash.json');
      const planner = core.createPlanner({ config: core.loadPreset('conservative', { modules: mods }), modules: mods });
      return { currencies: [...snapshot.cash.keys()], plan: JSON.stringify(await planner.plan(snapshot)) };
    }, { text });
    expect(result.currencies).toEqual(['EUR', 'USD', '756']);
    const planner = createPlanner({ config: loadPreset('conservative', { modules }), modules });
    expect(withoutTimings(result.plan)).toEqual(withoutTimings(JSON.stringify(await planner.plan(parseSnapshot(text, 'cash.json')))));
    expect(problems).toEqual([]);
  }, 60_000);

  it('bad input is the same clear error in the page as in Node: a snapshot field, a config key', async () => {
    const { page, problems } = await openPage();
    const badSnapshot = JSON.stringify({ ...(JSON.parse(example) as object), cash: { EUR: 'lots' } });
    const badToml = '[planner]\nmax_depth = 11\n';
    const errors = await page.evaluate(({ badSnapshot, badToml }) => {
      const core = (globalThis as unknown as { plannerCore: Core }).plannerCore;
      const mods = [...core.calculators, ...core.patterns, ...core.sequenceGenerators, ...core.filters, ...core.evaluators];
      const message = (f: () => unknown) => {
        try {
          f();
          return 'no error';
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      };
      return {
        snapshot: message(() => core.parseSnapshot(badSnapshot, 'bad.json')),
        config: message(() => core.parseConfig(badToml, { modules: mods, source: 'bad.toml' })),
      };
    }, { badSnapshot, badToml });
    expect(errors.snapshot).toContain('cash.EUR');
    expect(errors.snapshot).toBe(`SnapshotError: ${errorInNode(() => parseSnapshot(badSnapshot, 'bad.json'))}`);
    expect(errors.config).toContain('max_depth');
    expect(errors.config).toBe(`ConfigError: ${errorInNode(() => parseConfig(badToml, { modules, source: 'bad.toml' }))}`);
    expect(problems).toEqual([]);
  }, 60_000);
});
