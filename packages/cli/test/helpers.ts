import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../src/program.js';

export const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
export const scenarioDir = here('./scenarios/');

/** Runs the CLI in-process, capturing its output. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

const root = here('../../../');
const bin = here('../src/bin.ts');
const tsx = here('../../../node_modules/.bin/tsx');

/** Spawns the real command, as a user runs it. */
export function spawnCli(...argv: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(tsx, ['--conditions=source', bin, ...argv], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export interface RunningCli {
  /** Resolves with the first stderr line (so far or later) that matches. */
  errLine(match: RegExp): Promise<string>;
  readonly done: Promise<{ code: number; out: string; err: string }>;
}

/** Starts the CLI in-process without waiting for it: for commands that run until stopped or wait on others. */
export function startCli(...argv: string[]): RunningCli {
  let out = '';
  let err = '';
  const waiters: { match: RegExp; resolve: (line: string) => void }[] = [];
  const lines = (): string[] => err.split('\n');
  const done = run(argv, {
    out: (s) => { out += s; },
    err: (s) => {
      err += s;
      for (const w of [...waiters]) {
        const hit = lines().find((l) => w.match.test(l));
        if (hit !== undefined) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(hit);
        }
      }
    },
  }).then((code) => ({ code, out, err }));
  return {
    done,
    errLine(match) {
      const hit = lines().find((l) => match.test(l));
      if (hit !== undefined) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void done.then((r) => reject(new Error(`planner ${argv.join(' ')} ended (${r.code}) before a line matching ${match}; stderr: ${r.err}`)));
      });
    },
  };
}
