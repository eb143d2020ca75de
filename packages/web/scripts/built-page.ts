import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { serveFiles, type ServedFile } from '@planner/browser-harness';

/** The package's folder (where vite.config.ts is). */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

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

export interface BuiltPage {
  /** `http://127.0.0.1:PORT/`, the page's index. */
  readonly url: string;
  /** Stops the server and removes the build. */
  close(): Promise<void>;
}

/**
 * The page as `pnpm --filter @planner/web build` makes it (Vite's production
 * build, into a temporary directory), served on 127.0.0.1.
 */
export async function buildAndServe(): Promise<BuiltPage> {
  const outDir = mkdtempSync(join(tmpdir(), 'planner-web-'));
  try {
    await build({ root: packageRoot, configFile: join(packageRoot, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const server = await serveFiles(filesUnder(outDir));
    return {
      url: server.url,
      close: async () => {
        await server.close();
        rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
