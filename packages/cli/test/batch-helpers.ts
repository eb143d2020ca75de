import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '@planner/contracts';
import { allocateBucketCash, sliceSnapshot } from '@planner/buckets';
import { parseSnapshot, snapshotToJson } from '@planner/context';
import { expect } from 'vitest';
import { cli, here, scenarioDir } from './helpers.js';

export const universe30 = join(scenarioDir, 'universe_30.input.json');
export const aggressiveToml = (): string => readFileSync(join(scenarioDir, 'configs/aggressive.toml'), 'utf8');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `planner-${prefix}-`));
}

/**
 * The aggressive parity configuration with Monte Carlo on (`paths` paths);
 * `big` also widens the combinatorial search (about 47 000 sequences on universe_30).
 */
export function monteCarloToml(paths: number, big = false): string {
  let toml = aggressiveToml()
    .replace('enable_monte_carlo_paths = false', 'enable_monte_carlo_paths = true')
    .replace(/monte_carlo_path_count = \d+/, `monte_carlo_path_count = ${paths}`);
  if (big) {
    toml = toml.replace(
      '[sequence_generators.enhanced_combinatorial]\nenabled = true\n',
      '[sequence_generators.enhanced_combinatorial]\nenabled = true\n\n[sequence_generators.enhanced_combinatorial.params]\nmax_combinations = 1000\nmax_candidates = 30\n',
    );
    if (!toml.includes('max_combinations')) throw new Error('aggressive.toml layout changed');
  }
  return toml;
}

/** The README's two buckets (core aggressive 0.85, satellite momentum_1 conservative 0.15) in the SQLite store `db`. */
export async function addReadmeBuckets(db: string): Promise<void> {
  expect((await cli('bucket', 'add', 'core', '--db', db, '--preset', 'aggressive', '--share', '0.85')).code).toBe(0);
  expect((await cli('bucket', 'add', 'momentum_1', '--db', db, '--preset', 'conservative', '--kind', 'satellite', '--share', '0.15')).code).toBe(0);
}

/** A copy of a snapshot file in `dir` whose every security belongs to `bucket`. */
export function taggedCopy(dir: string, path: string, bucket: string): string {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { securities: { bucket?: string }[] };
  for (const s of raw.securities) s.bucket = bucket;
  return writeFile(dir, `${bucket}.json`, JSON.stringify(raw));
}

/** The part of a snapshot file that `bucket` plans among `registry` (what `planner batch` plans), written to `dir`. */
export function sliceFile(dir: string, path: string, bucket: string, registry: readonly { id: string; share: number }[]): string {
  const snapshot = parseSnapshot(readFileSync(path, 'utf8'));
  const slice = sliceSnapshot(snapshot, bucket, allocateBucketCash(snapshot, registry).get(bucket)!);
  return writeFile(dir, `${bucket}.slice.json`, snapshotToJson(slice));
}

export function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A plan without its timings (the only content that differs between runs). */
export const withoutTimings = (p: Plan | null | undefined) => (p ? { ...p, timings: {} } : p);

export interface CliChild {
  readonly proc: ChildProcess;
  /** stdout and stderr lines so far (stderr lines prefixed `! `). */
  readonly lines: string[];
  out(): string;
  err(): string;
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  readonly exited: Promise<number | null>;
}

const bin = here('../src/bin.ts');
const pkg = here('..');

/** Runs the real `planner` command as its own node process (SIGKILL reaches the planner itself, not a wrapper). */
export function spawnPlanner(args: readonly string[]): CliChild {
  const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', bin, ...args], { cwd: pkg, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let out = '';
  let err = '';
  const waiters: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  const feed = (prefix: string) => {
    let buf = '';
    return (d: Buffer) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = prefix + buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        for (const w of [...waiters]) if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    };
  };
  const onOut = feed('');
  const onErr = feed('! ');
  proc.stdout?.on('data', (d: Buffer) => { out += d.toString(); onOut(d); });
  proc.stderr?.on('data', (d: Buffer) => { err += d.toString(); onErr(d); });
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code, signal) => resolve(signal ? null : code)));
  return {
    proc,
    lines,
    out: () => out,
    err: () => err,
    exited,
    waitFor(match, timeoutMs = 120_000) {
      const hit = lines.find(match);
      if (hit !== undefined) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`planner ${args.join(' ')} timed out; stderr: ${err}`)), timeoutMs);
        waiters.push({ match, resolve: (l) => { clearTimeout(t); resolve(l); } });
        void exited.then((code) => {
          clearTimeout(t);
          reject(new Error(`planner ${args.join(' ')} exited (${code}) before the expected line; stderr: ${err}`));
        });
      });
    },
  };
}

/** Runs `planner ...` to completion. */
export async function runPlanner(args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  const c = spawnPlanner(args);
  const code = await c.exited;
  return { code, out: c.out(), err: c.err() };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
