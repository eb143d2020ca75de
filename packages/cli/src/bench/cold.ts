import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianOf } from './stats.js';

/** One case run in fresh processes: a snapshot and a configuration (preset or file), maybe a seed. */
export interface ColdCase {
  readonly snapshot: string;
  readonly preset?: string;
  readonly config?: string;
  readonly seed?: number;
}

/** Medians over the fresh processes of one case (ms). */
export interface ColdTiming {
  /** Node's start-up before the probe's first line. */
  readonly startMs: number;
  readonly importMs: number;
  readonly setupMs: number;
  /** Looking for and loading the plugins (`--plugin`, the configuration file's `plugins`), before the setup: not part of `setupMs`. */
  readonly pluginsMs: number;
  readonly firstPlanMs: number;
  readonly secondPlanMs: number;
  /** CPU time (all threads) of the same phases: less sensitive to the machine's load than wall time. */
  readonly startCpuMs: number;
  readonly importCpuMs: number;
  readonly setupCpuMs: number;
  readonly pluginsCpuMs: number;
  readonly firstPlanCpuMs: number;
  /** The whole `planner plan --json` process (the built CLI), spawn to exit. */
  readonly processMs: number;
  readonly processes: number;
  readonly evaluated: number;
  /** Whether the probe compiled the command's code with its V8 code cache: used, absent, stale, rejected (or sources). */
  readonly codeCache: string;
  /** The first plan's steps (`SIDE SYMBOL QTY`), to check against the warm plan. */
  readonly steps: readonly string[];
}

/** One probe process's figures: a ColdTiming before the medians and the whole-process runs. */
type ProbeSample = Omit<ColdTiming, 'processMs' | 'processes'>;

/** The built probe and CLI in `binDir`. From the sources and from the bundle alike they sit at ../../dist/bin/. */
export function builtEntries(binDir = fileURLToPath(new URL('../../dist/bin/', import.meta.url))): { probe: string; cli: string } {
  const probe = join(binDir, 'cold-probe.js');
  const cli = join(binDir, 'planner.cjs');
  if (!existsSync(probe) || !existsSync(cli)) {
    throw new Error(`bench --cold and the scenario suite run the built command (fresh processes, a warm process per case), and ${probe} is missing: run \`pnpm -C packages/cli build:bin\``);
  }
  return { probe, cli };
}

/** A case on a command line: SNAPSHOT [--preset NAME] [--config FILE] [--seed N]. */
export const caseArgs = (c: ColdCase): string[] => [
  c.snapshot,
  ...(c.preset === undefined ? [] : ['--preset', c.preset]),
  ...(c.config === undefined ? [] : ['--config', c.config]),
  ...(c.seed === undefined ? [] : ['--seed', String(c.seed)]),
];

/** `--plugin X` for each of the command line's plugins (a configuration file's own `plugins` each process reads from the file). */
const pluginArgs = (plugins: readonly string[]): string[] => plugins.flatMap((p) => ['--plugin', p]);

function probeOnce(probe: string, c: ColdCase, plugins: readonly string[]): ProbeSample {
  const r = spawnSync(process.execPath, [probe, ...caseArgs(c), ...pluginArgs(plugins)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cold probe of ${c.snapshot} failed (exit ${r.status}): ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as ProbeSample;
}

function cliOnce(cli: string, c: ColdCase, plugins: readonly string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [cli, ...pluginArgs(plugins), 'plan', ...caseArgs(c), '--json'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`planner plan ${c.snapshot} failed (exit ${r.status}): ${r.stderr.trim()}`);
  return ms;
}

/**
 * `processes` fresh probe processes and as many `planner plan` processes per
 * case (each loading `plugins`, the command line's `--plugin` specifiers, as `planner plan` would), interleaved (round by round over all cases) so that a change of the
 * machine's load spreads over every case; the medians per case.
 */
export function timeCold(cases: readonly ColdCase[], processes: number, onRound?: (round: number) => void, plugins: readonly string[] = []): ColdTiming[] {
  const { probe, cli } = builtEntries();
  const samples = cases.map(() => ({ probe: [] as ProbeSample[], process: [] as number[] }));
  for (let round = 0; round < processes; round++) {
    cases.forEach((c, i) => {
      samples[i]!.probe.push(probeOnce(probe, c, plugins));
      samples[i]!.process.push(cliOnce(cli, c, plugins));
    });
    onRound?.(round + 1);
  }
  return samples.map(({ probe: p, process: ms }) => ({
    startMs: medianOf(p.map((s) => s.startMs)),
    importMs: medianOf(p.map((s) => s.importMs)),
    setupMs: medianOf(p.map((s) => s.setupMs)),
    pluginsMs: medianOf(p.map((s) => s.pluginsMs)),
    firstPlanMs: medianOf(p.map((s) => s.firstPlanMs)),
    secondPlanMs: medianOf(p.map((s) => s.secondPlanMs)),
    startCpuMs: medianOf(p.map((s) => s.startCpuMs)),
    importCpuMs: medianOf(p.map((s) => s.importCpuMs)),
    setupCpuMs: medianOf(p.map((s) => s.setupCpuMs)),
    pluginsCpuMs: medianOf(p.map((s) => s.pluginsCpuMs)),
    firstPlanCpuMs: medianOf(p.map((s) => s.firstPlanCpuMs)),
    processMs: medianOf(ms),
    processes,
    evaluated: p[0]!.evaluated,
    codeCache: p[0]!.codeCache,
    steps: p[0]!.steps,
  }));
}
