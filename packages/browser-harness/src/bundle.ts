import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

/** The browser entry of the core; src/ and dist/ sit at the same depth, so this finds it from both. */
export const CORE_ENTRY = fileURLToPath(new URL('../src/browser-entry.ts', import.meta.url));

/**
 * The budget of the core's browser bundle, minified and gzipped (issue 11),
 * which test/bundle-size.test.ts enforces: met since `planIncremental` left
 * `createPlanner` (65.1 KiB on 6 Dec 2026 with zod/mini, 83.7 KiB with classic
 * zod, 59.7 KiB after). A change that grows the core past it takes as much out
 * elsewhere (`pnpm bundle-report` shows what the bundle is made of).
 */
export const BUNDLE_BUDGET_GZIP_BYTES = 60 * 1024;

export interface BrowserBundle {
  readonly code: string;
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  /** Bytes of output per input file, largest first (from esbuild's metafile). */
  readonly inputs: readonly { readonly path: string; readonly bytes: number }[];
  /** The source map (JSON), with `sourceMap: true`. */
  readonly sourceMap?: string;
}

export interface BundleOptions {
  /** Entry file to bundle; default CORE_ENTRY. */
  readonly entry?: string;
  /** `esm` (default) for an app; `iife` defines `globalThis[globalName]`, for a plain <script>. */
  readonly format?: 'esm' | 'iife';
  readonly globalName?: string;
  readonly minify?: boolean;
  /** Also return the source map (it does not change the code). */
  readonly sourceMap?: boolean;
}

/**
 * Bundles the core for `--platform=browser` from the workspace sources (the
 * `source` export condition), so it needs no build and fails, as a browser
 * would, on any Node built-in a core package imports.
 */
export async function bundleForBrowser(options: BundleOptions = {}): Promise<BrowserBundle> {
  const result = await build({
    entryPoints: [options.entry ?? CORE_ENTRY],
    bundle: true,
    platform: 'browser',
    format: options.format ?? 'esm',
    ...(options.globalName === undefined ? {} : { globalName: options.globalName }),
    target: 'es2022',
    conditions: ['source'],
    minify: options.minify ?? true,
    treeShaking: true,
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // An output name only so that esbuild emits the map next to the code; nothing is written.
    ...(options.sourceMap ? { sourcemap: 'external' as const, outfile: 'core.js' } : {}),
  });
  const code = result.outputFiles.find((f) => !f.path.endsWith('.map'))?.text ?? '';
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'))?.text;
  return {
    ...(map === undefined ? {} : { sourceMap: map }),
    code,
    minifiedBytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
    inputs: inputSizes(result.metafile),
  };
}

function inputSizes(metafile: Metafile): { path: string; bytes: number }[] {
  const output = Object.entries(metafile.outputs).find(([name]) => !name.endsWith('.map'))?.[1];
  return Object.entries(output?.inputs ?? {})
    .map(([path, info]) => ({ path, bytes: info.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
}
