import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as tsup, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A browser app that bundles our PUBLISHED packages (their dist/, built by each
// package's own tsup configuration, not the workspace sources) gets the browser
// variants of their Node-only fast paths (package.json "imports" with a
// `browser` condition), as a bundle of the sources does; Node gets Node's.
// Each variant is a dist file of its own, so which ones a bundle holds is
// read from esbuild's list of inputs.

/**
 * Per package: what an app imports, and variant files a browser and a Node bundle of it must hold (at least
 * these; a variant added to package.json "imports" later is checked by its condition without being listed).
 */
const PACKAGES = {
  config: {
    app: "export { loadPreset, parseConfig, presetNames } from './dist/index.js';",
    browser: ['fast-read-browser.js', 'param-defaults-browser.js', 'preset-parsed-browser.js'],
    node: ['fast-read.js', 'param-defaults.js', 'preset-parsed.js'],
  },
  context: {
    app: "export * from './dist/index.js';",
    browser: ['naive-common-form-browser.js', 'snapshot-fast-path-browser.js', 'weighted-pick-browser.js'],
    node: ['naive-common-form.js', 'snapshot-fast-path.js', 'weighted-pick.js'],
  },
  evaluation: {
    app: "export * from './dist/index.js';",
    // the browser's fast scorer reads no shared scoring view
    browser: ['base-end-states-browser.js', 'fast-scorer-browser.js'],
    node: ['base-end-states.js', 'fast-scorer.js', 'scoring-view.js'],
  },
  planner: {
    app: "export * from './dist/index.js'; export * from './dist/incremental.js';",
    browser: ['record-shape-browser.js'],
    node: ['record-shape.js'],
  },
  sequences: {
    app: "export * from './dist/index.js';",
    browser: ['sample-fast-browser.js', 'similarity-window-browser.js'],
    node: ['sample-fast.js', 'similarity-window.js'],
  },
} as const;

type Name = keyof typeof PACKAGES;

const root = mkdtempSync(join(tmpdir(), 'planner-published-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Manifest {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  imports: Record<string, { browser: string; default: string }>;
}

const sourceDir = (name: Name) => fileURLToPath(new URL(`../../${name}/`, import.meta.url));
const publishedDir = (name: Name) => join(root, name);
const manifestOf = (name: Name) => JSON.parse(readFileSync(join(sourceDir(name), 'package.json'), 'utf8')) as Manifest;

/** The package as published: its package.json next to a dist/ built as `pnpm build` does (without the type declarations). */
async function publish(name: Name): Promise<void> {
  const dir = sourceDir(name);
  // the package's own build file (a path, not an import: this package's type check does not read the packages' build tooling)
  const options = (await import(join(dir, 'tsup.config.ts')) as { default: Options }).default;
  const entry = Object.fromEntries(Object.entries(options.entry as Record<string, string>).map(([k, v]) => [k, isAbsolute(v) ? v : join(dir, v)]));
  // tsup leaves the dependencies of the package it runs in out; here that is the built package's, named.
  const manifest = manifestOf(name);
  const deps = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})].flatMap((d) => [d, new RegExp(`^${d}/`)]);
  await tsup({ ...options, entry, external: [...(options.external ?? []), ...deps], outDir: join(publishedDir(name), 'dist'), dts: false, sourcemap: false, silent: true, config: false });
  copyFileSync(join(dir, 'package.json'), join(publishedDir(name), 'package.json'));
}

/** Bundles an app importing the published package (its dependencies left out): the variant files it holds, and its size. */
async function appBundle(name: Name, platform: 'browser' | 'node'): Promise<{ variants: string[]; bytes: number }> {
  const targets = new Set(variantFiles(name, 'browser').concat(variantFiles(name, 'default')));
  const r = await esbuild({
    stdin: { contents: PACKAGES[name].app, resolveDir: publishedDir(name), loader: 'js' },
    bundle: true, platform, format: 'esm', write: false, logLevel: 'silent', metafile: true, minify: true,
    external: ['zod', 'zod/*', 'smol-toml', 'dequal', '@noble/*', '@planner/*'],
  });
  const variants = Object.keys(r.metafile.inputs).map((p) => p.replace(/^.*dist\//, '')).filter((f) => targets.has(f)).sort();
  return { variants, bytes: r.outputFiles[0]?.contents.length ?? 0 };
}

/** The dist files package.json "imports" maps each `#` import to under a condition. */
function variantFiles(name: Name, condition: 'browser' | 'default'): string[] {
  return Object.values(manifestOf(name).imports).map((t) => t[condition].replace(/^\.\/dist\//, ''));
}

const names = Object.keys(PACKAGES) as Name[];

describe('the published packages in a bundle', () => {
  beforeAll(() => Promise.all(names.map(publish)), 240_000);

  it.each(names)('%s: every "#" import resolves in dist/ per condition', (name) => {
    for (const [key, target] of Object.entries(manifestOf(name).imports)) {
      expect(target.browser, key).toMatch(/^\.\/dist\/[a-z-]+-browser\.js$/);
      expect(target.default, key).toBe(target.browser.replace('-browser.js', '.js'));
    }
  });

  it.each(names)('%s: a browser bundle holds the browser variants and no Node variant; a Node bundle the Node variants', async (name) => {
    const [browser, node] = await Promise.all([appBundle(name, 'browser'), appBundle(name, 'node')]);
    expect(browser.variants).toEqual(expect.arrayContaining([...PACKAGES[name].browser]));
    expect(node.variants).toEqual(expect.arrayContaining([...PACKAGES[name].node]));
    // and nothing of the other condition
    for (const file of browser.variants) expect(variantFiles(name, 'browser'), `${file} in a browser bundle`).toContain(file);
    for (const file of node.variants) expect(variantFiles(name, 'default'), `${file} in a Node bundle`).toContain(file);
    // the browser variants are the smaller code
    expect(browser.bytes).toBeLessThan(node.bytes);
  }, 120_000);
});
