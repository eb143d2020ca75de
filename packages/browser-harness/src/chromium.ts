import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's package; `PLANNER_CHROMIUM` points elsewhere. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a quiet, offline, reproducible headless run: no sandbox (CI runs
 * as root), no GPU, and none of the background traffic Chromium starts by itself.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export class ChromiumMissingError extends Error {
  constructor(path: string) {
    super(
      `no Chromium at ${path}: the browser tests need Debian's chromium. ` +
      'Install it with `apt-get update && apt-get install -y chromium` (.ci/run does this), ' +
      'or set PLANNER_CHROMIUM to a Chromium or Chrome executable.',
    );
    this.name = 'ChromiumMissingError';
  }
}

/** The Chromium executable the tests drive; throws ChromiumMissingError (never skips) when there is none. */
export function chromiumPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const path = env.PLANNER_CHROMIUM || DEFAULT_CHROMIUM;
  if (!existsSync(path)) throw new ChromiumMissingError(path);
  return path;
}

export interface ChromiumSession {
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

/** Starts headless Chromium with a fresh profile (`--user-data-dir` in a new temporary directory). */
export async function launchChromium(options: { executablePath?: string; timeoutMs?: number } = {}): Promise<ChromiumSession> {
  const executablePath = options.executablePath ?? chromiumPath();
  const profile = mkdtempSync(join(tmpdir(), 'planner-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      timeout: options.timeoutMs ?? 60_000,
      offline: false,
    });
    return {
      context,
      newPage: () => context.newPage(),
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
