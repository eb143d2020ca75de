import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));

export interface Child {
  readonly proc: ChildProcess;
  readonly lines: string[];
  /** Resolves with the first line (so far or later) that matches. */
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  readonly exited: Promise<number | null>;
}

/** Runs a TypeScript file under tsx in its own process. */
export function spawnChild(script: string, args: readonly string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', fileURLToPath(new URL(script, import.meta.url)), ...args], {
    cwd: pkg,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  let buf = '';
  let stderr = '';
  proc.stdout?.on('data', (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) if (w.match(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    proc,
    lines,
    exited,
    waitFor(match, timeoutMs = 30_000) {
      const hit = lines.find(match);
      if (hit !== undefined) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`child ${script} timed out; stderr: ${stderr}`)), timeoutMs);
        waiters.push({ match, resolve: (l) => { clearTimeout(t); resolve(l); } });
        void exited.then((code) => {
          clearTimeout(t);
          reject(new Error(`child ${script} exited (${code}) before the expected line; stderr: ${stderr}`));
        });
      });
    },
  };
}
