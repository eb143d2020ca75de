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
