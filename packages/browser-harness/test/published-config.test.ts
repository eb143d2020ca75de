import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as tsup, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A browser app that bundles the published @planner/config (its dist/, built
// by its own tsup configuration, not the workspace sources) gets the browser
// variants of '#preset-parsed', '#param-defaults' and '#fast-read' (package.json "imports"),
// as a bundle of the sources does; Node keeps the build-time data.

const configDir = fileURLToPath(new URL('../../config/', import.meta.url));
const pkg = mkdtempSync(join(tmpdir(), 'planner-published-config-'));
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

/** The package as published: its package.json next to a dist/ built as `pnpm build` does (without the type declarations). */
async function publish(): Promise<void> {
  // config's own build file (a path, not an import: this package's type check does not read config's build tooling).
  const buildFile = join(configDir, 'tsup.config.ts');
  const options = (await import(buildFile) as { default: Options }).default;
  const entry = Object.fromEntries(Object.entries(options.entry as Record<string, string>).map(([k, v]) => [k, isAbsolute(v) ? v : join(configDir, v)]));
  // tsup leaves the dependencies of the package it runs in out; here that is config's, named.
  const manifest = JSON.parse(readFileSync(join(configDir, 'package.json'), 'utf8')) as { dependencies: object; peerDependencies: object };
  const deps = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)].flatMap((d) => [d, new RegExp(`^${d}/`)]);
  await tsup({ ...options, entry, external: [...(options.external ?? []), ...deps], outDir: join(pkg, 'dist'), dts: false, sourcemap: false, silent: true, config: false });
  copyFileSync(join(configDir, 'package.json'), join(pkg, 'package.json'));
}

/** Bundles an app importing the package's main entry (its dependencies left out): which variant files it holds. */
async function appBundle(platform: 'browser' | 'node'): Promise<string[]> {
  const r = await esbuild({
    stdin: { contents: "export { loadPreset, parseConfig, presetNames } from './dist/index.js';", resolveDir: pkg, loader: 'js' },
    bundle: true, platform, format: 'esm', write: false, logLevel: 'silent', metafile: true,
    external: ['zod', 'zod/*', 'smol-toml', 'dequal', '@planner/contracts'],
  });
  return Object.keys(r.metafile.inputs).filter((p) => /preset-parsed|param-defaults|fast-read|plain-toml/.test(p)).map((p) => p.replace(/^.*dist\//, '')).sort();
}

describe('the published @planner/config in a bundle', () => {
  beforeAll(publish, 120_000);

  it('for the browser: the stubs of #preset-parsed, #param-defaults and #fast-read; for Node: the build-time data and the fast reads', async () => {
    expect(await appBundle('browser')).toEqual(['fast-read-browser.js', 'param-defaults-browser.js', 'preset-parsed-browser.js']);
    expect(await appBundle('node')).toEqual(['fast-read.js', 'param-defaults.js', 'preset-parsed.js']);
  }, 120_000);
});
