import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReferenceTimings, referenceMs } from '../src/bench/reference-timings.js';
import { geometricMean } from '../src/bench/stats.js';
import { contendedNote, cpuShareOf, timeRuns, timeWarm } from '../src/bench/warm.js';
import { builtEntries, timeCold } from '../src/bench/cold.js';
import { combineWarmProcesses, warmFiguresOf } from '../src/bench/warm-child.js';
import { cli, here, scenarioDir } from './helpers.js';

// `bench --cold` spawns the built command (packages/cli/dist/bin, made at install
// by the root prepare script). No assertion here is on a duration's size.
// The timeouts are generous: each warm process warms up two figures (plan(snapshot), plan(prepared)),
// and on a loaded machine each warm-up can run to the rule's 10 s cap.

const example = here('../examples/portfolio.json');
const dir = mkdtempSync(join(tmpdir(), 'planner-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A plugin that notes the id of every process that loads it: the warm figures
// come from a process per case, which loads the command line's plugins too.
const pidLog = join(dir, 'pids.txt');
const pidPlugin = join(dir, 'note-pid.mjs');
writeFileSync(pidPlugin, "import { appendFileSync } from 'node:fs';\nappendFileSync(process.env.PLANNER_TEST_PID_LOG, `${process.pid}\\n`);\n" +
  "export const modules = [{ kind: 'calculator', name: 'pid_note', description: 'notes its process', params: { safeParse: () => ({ success: true, data: {} }) }, calculate: () => [] }];\n");

/** Runs the command with the plugin above; the ids of the other processes that loaded it. */
async function withPidPlugin(...argv: string[]): Promise<{ r: Awaited<ReturnType<typeof cli>>; others: string[] }> {
  writeFileSync(pidLog, '');
  process.env.PLANNER_TEST_PID_LOG = pidLog;
  try {
    const r = await cli('--plugin', pidPlugin, ...argv);
    return { r, others: readFileSync(pidLog, 'utf8').split('\n').filter((p) => p !== '' && p !== String(process.pid)) };
  } finally {
    delete process.env.PLANNER_TEST_PID_LOG;
  }
}

describe('planner bench --cold', () => {
  it('one snapshot: import, setup and first-plan medians next to the warm fields, warm in a process of its own', async () => {
    const { r, others } = await withPidPlugin('bench', here('../examples/portfolio.json'), '--cold', '--processes', '2', '--runs', '2', '--json');
    // Two probes and two `planner plan` processes (the fresh processes load the command line's plugins too) and the warm one.
    expect(new Set(others).size).toBe(5);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    for (const key of ['medianMs', 'warmupRuns', 'importMs', 'setupMs', 'firstPlanMs', 'secondPlanMs', 'processMs', 'firstPlanCpuMs']) {
      expect(result[key], key).toBeGreaterThan(0);
    }
    expect(result.processes).toBe(2);
    expect(result.codeCache).toBe('used'); // the cache the install made
    expect(result.evaluated).toBe(result.sequencesEvaluated);
    expect(result.warmPreparedMs).toBeGreaterThan(0);
    expect(result.preparedSamePlan).toBe(true);
    expect(result.warmProcesses).toBe(1);
    expect(result.medianMsPerProcess).toEqual([result.medianMs]);
  });

  it('--warm-processes N: the warm figures are the median over N processes of their own, each process\'s median listed', async () => {
    const { r, others } = await withPidPlugin('bench', example, '--preset', 'conservative', '--warm-processes', '3', '--runs', '2', '--json');
    expect(r.code, r.err).toBe(0);
    expect(new Set(others).size).toBe(3);
    const result = JSON.parse(r.out);
    expect(result.warmProcesses).toBe(3);
    expect(result.medianMsPerProcess).toHaveLength(3);
    expect(result.warmPreparedMsPerProcess).toHaveLength(3);
    expect(result.medianMs).toBe([...result.medianMsPerProcess].sort((a: number, b: number) => a - b)[1]);
    expect(result.warmPreparedMs).toBe([...result.warmPreparedMsPerProcess].sort((a: number, b: number) => a - b)[1]);
    for (const ms of [...result.medianMsPerProcess, ...result.warmPreparedMsPerProcess]) expect(ms).toBeGreaterThan(0);
    expect(result.preparedSamePlan).toBe(true);
  }, 180_000);

  it('the suite: every parity preset of the chosen scenarios, the reference figures and the ratios, the same plan cold and warm, each case warm in a process of its own', async () => {
    const { r, others } = await withPidPlugin('bench', '--cold', '--only', 'empty_nothing', '--processes', '1', '--runs', '2', '--json');
    expect(r.code, r.err).toBe(0);
    // Per case: a probe, a `planner plan` process and the warm process, each loading the plugin once.
    expect(new Set(others).size).toBe(9);
    expect(others).toHaveLength(9);
    const { cases, summary, loadAverage } = JSON.parse(r.out);
    expect(cases.map((c: { preset: string }) => c.preset)).toEqual(['default', 'conservative', 'aggressive']);
    const conservative = cases[1];
    expect(conservative.referenceWarmMs).toBe(0.1);
    expect(conservative.cold.referenceFirstCallMs).toBe(2.58);
    expect(conservative.cold.firstPlanRatio).toBeCloseTo(2.58 / conservative.cold.firstPlanMs, 9);
    expect(cases.every((c: { cold: { samePlan: boolean } }) => c.cold.samePlan)).toBe(true);
    // the like-for-like figure: plan(prepared), its ratio to the reference's warm figure, the same plans
    expect(conservative.warmPreparedMs).toBeGreaterThan(0);
    expect(conservative.warmPreparedRatio).toBeCloseTo(0.1 / conservative.warmPreparedMs, 9);
    expect(cases.every((c: { preparedSamePlan: boolean }) => c.preparedSamePlan)).toBe(true);
    expect(summary.warmPreparedRatioMin).toBeLessThanOrEqual(summary.warmPreparedRatioGeomean);
    expect(summary.firstPlanRatioMin).toBeLessThanOrEqual(summary.firstPlanRatioGeomean);
    expect(loadAverage.before).toHaveLength(3);
  }, 300_000);

  it('the text report names the warm-up rule and the load; with --warm-processes, the spread of each case\'s process medians', async () => {
    const r = await cli('bench', '--only', 'empty_nothing', '--runs', '2', '--warm-processes', '2');
    expect(r.code).toBe(0);
    expect(r.err).toBe('warm processes: round 1/2\nwarm processes: round 2/2\n');
    expect(r.out).toMatch(/^empty_nothing_to_do {2}default /m);
    expect(r.out).toMatch(/Warm: each case in 2 processes of its own \(the median of their medians; spread: \(max - min\) \/ median\) \(`planner bench SNAPSHOT`\), 2 runs after a warm-up until the medians of the last 3 blocks/);
    expect(r.out).toMatch(/^scenario +preset +warm +spread +warm-up runs +ref warm +ratio +warm prepared +ratio \(ref boundary\)$/m);
    expect(r.out).toMatch(/^empty_nothing_to_do {2}conservative +[\d.]+ +\d+% +\d+\*? +0\.10 +[\d.]+x +[\d.]+\*? +[\d.]+x$/m);
    expect(r.out).toContain('warm prepared = plan(prepared), the snapshot prepared once (Planner.prepare) outside the timed runs: the reference\'s boundary');
    expect(r.out).toMatch(/^Warm: geometric mean [\d.]+x, worst [\d.]+x the reference's warm median; prepared \(the reference's boundary\): geometric mean [\d.]+x, worst [\d.]+x\.$/m);
    expect(r.out).toMatch(/^Load average/m);
  }, 300_000);

  it('one snapshot as text: the warm figures, then the fresh-process and CPU lines', async () => {
    const r = await cli('bench', example, '--preset', 'conservative', '--cold', '--processes', '1', '--runs', '2');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^\S*portfolio\.json \(config conservative\): median [\d.]+ ms, p95 [\d.]+ ms over 2 runs after \d+ warm-up runs( \(median not yet stable\))?, in a process of its own; \d+ sequences evaluated per run\n/);
    expect(r.out).toMatch(/^fresh process \(median of 1\): node start [\d.]+ ms, import [\d.]+ ms, setup [\d.]+ ms, first plan [\d.]+ ms, second [\d.]+ ms; whole `planner plan` process [\d.]+ ms; code cache used$/m);
    expect(r.out).toMatch(/^CPU time: start [\d.]+ ms, import [\d.]+ ms, setup [\d.]+ ms, first plan [\d.]+ ms$/m);
  }, 300_000);

  it('a configuration that enables a plugin module: the probe loads the plugins of --plugin and of the file\'s `plugins`, as `planner plan` does', async () => {
    // A plugin folder outside packages/ with zod linked: the built probe imports it with Node itself.
    const folder = join(dir, 'plugin');
    mkdirSync(join(folder, 'node_modules'), { recursive: true });
    symlinkSync(realpathSync(here('../../contracts/node_modules/zod')), join(folder, 'node_modules/zod'), 'junction');
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'probe-plugin', type: 'module' }));
    writeFileSync(join(folder, 'quiet.mjs'), "import { z } from 'zod';\n" +
      "export const modules = [{ kind: 'calculator', name: 'quiet', description: 'proposes nothing', params: z.object({}), calculate: () => [] }];\n");
    const enable = 'extends = "conservative"\n[opportunity_calculators.quiet]\nenabled = true\n';
    writeFileSync(join(folder, 'from-file.toml'), `plugins = ["./quiet.mjs"]\n${enable}`);
    writeFileSync(join(folder, 'from-command-line.toml'), enable);
    const runs = [
      ['bench', example, '--config', join(folder, 'from-file.toml')],
      ['--plugin', join(folder, 'quiet.mjs'), 'bench', example, '--config', join(folder, 'from-command-line.toml')],
    ];
    for (const args of runs) {
      const r = await cli(...args, '--cold', '--processes', '1', '--runs', '1', '--json');
      expect(r.code, r.err).toBe(0);
      const result = JSON.parse(r.out);
      expect(result.codeCache).toBe('used');
      expect(result.evaluated).toBe(result.sequencesEvaluated);
    }
    // Without the plugin the configuration names an unknown module: the probe fails and says so.
    const r = await cli('bench', example, '--config', join(folder, 'from-command-line.toml'), '--cold', '--processes', '1');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown opportunity calculator 'quiet'");
  }, 300_000);

  it('a bad snapshot or configuration is bad input (exit 2), found before any fresh process runs', async () => {
    const missing = await cli('bench', join(dir, 'missing.json'), '--cold', '--processes', '1');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('file not found');
    expect(missing.err).not.toContain('cold probe');
    const preset = await cli('bench', example, '--preset', 'bold', '--cold', '--processes', '1');
    expect(preset.code).toBe(2);
    expect(preset.err).toContain("unknown preset 'bold'");
  });

  it('a scenario without reference figures (and without a seed): "-" for them and their ratios, in the fresh-process columns too', async () => {
    const scenarios = join(dir, 'scenarios');
    mkdirSync(join(scenarios, 'configs'), { recursive: true });
    const { seed: _seed, ...input } = JSON.parse(readFileSync(join(scenarioDir, 'empty_nothing_to_do.input.json'), 'utf8'));
    writeFileSync(join(scenarios, 'mine.input.json'), JSON.stringify(input));
    for (const p of ['default', 'conservative', 'aggressive']) copyFileSync(join(scenarioDir, `configs/${p}.toml`), join(scenarios, `configs/${p}.toml`));
    writeFileSync(join(scenarios, 'REFERENCE_TIMINGS.md'), '# none yet\n');
    const r = await cli('bench', '--scenarios', scenarios, '--cold', '--processes', '1', '--runs', '2');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('fresh processes: round 1/1\n');
    expect(r.out).toMatch(/^scenario +preset +import +setup +first plan +cpu +ref first +ratio +2nd plan +process +warm +warm-up runs +ref warm +ratio +warm prepared +ratio \(ref boundary\)$/m);
    expect(r.out).toMatch(/^mine {6}default( +[\d.]+){4} +- +-( +[\d.]+){3} +\d+\*? +- +- +[\d.]+\*? +-$/m);
    expect(r.out).toContain('Fresh processes: 1 per case, interleaved over the cases');
    expect(r.out).toMatch(/^First plan: geometric mean -, worst - the reference's first call; setup at most [\d.]+ ms; whole process at most [\d.]+ ms\.$/m);
    expect(r.out).toContain("Warm: geometric mean -, worst - the reference's warm median; prepared (the reference's boundary): geometric mean -, worst -.");
    expect(r.out).not.toContain('WARNING');
  }, 300_000);

  it('an unreadable scenario directory is named, with the option that chose it', async () => {
    const r = await cli('bench', '--scenarios', join(dir, 'nope'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`cannot read the scenarios in ${join(dir, 'nope')} (--scenarios DIR): ENOENT`);
  });

  it('an unknown scenario filter is an error, not an empty report', async () => {
    const r = await cli('bench', '--only', 'no_such_scenario');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no scenario .* matching 'no_such_scenario'/);
  });
});

describe('bench helpers', () => {
  it('reads the warm table and the first-call table of REFERENCE_TIMINGS.md apart', async () => {
    const refs = parseReferenceTimings(readFileSync(`${scenarioDir}REFERENCE_TIMINGS.md`, 'utf8'));
    expect(refs.warm.size).toBe(9);
    expect(refs.firstCall.size).toBe(9);
    expect(referenceMs(refs.warm, 'universe_30', 'aggressive')).toBe(76.09);
    expect(referenceMs(refs.firstCall, 'universe_30', 'aggressive')).toBe(129.1);
    expect(referenceMs(refs.firstCall, 'universe_30', 'custom')).toBeNull();
  });

  it('the warm-up runs until the last three block medians agree', async () => {
    // a function that gets faster over its first 40 calls, as a JIT-compiled plan does, then stays fast
    let calls = 0;
    const speedingUp = async () => {
      calls++;
      const until = performance.now() + 0.2 + Math.max(0, 40 - calls) * 0.1;
      while (performance.now() < until) { /* spin */ }
    };
    const t = await timeWarm(speedingUp, 5, { blockRuns: 5, blockMs: 0, window: 3, tolerance: 0.1, maxMs: 60_000 });
    expect(t.warmupStable).toBe(true);
    // blocks of 5, 10, 20, 40, 80, 160 runs: the first three are still speeding up
    expect(t.warmupRuns).toBeGreaterThanOrEqual(75);
    expect(t.runs).toBe(5);
  });

  it('several warm processes: the median of each figure, stable only if every process was, each process\'s medians in order', () => {
    const one = (medianMs: number, warmPreparedMs: number, stable: boolean) => ({
      medianMs, p95Ms: medianMs * 2, runs: 20, warmupRuns: 100, warmupStable: stable, cpuShare: medianMs * 20, sequencesEvaluated: 7,
      warmPreparedMs, warmPreparedP95Ms: warmPreparedMs * 2, warmPreparedWarmupRuns: 200, warmPreparedStable: true, preparedSamePlan: true,
      warmPreparedCpuShare: warmPreparedMs * 20,
    });
    const c = combineWarmProcesses([one(0.03, 0.02, true), one(0.05, 0.01, false), one(0.02, 0.04, true)]);
    expect(c.medianMs).toBe(0.03);
    expect(c.p95Ms).toBe(0.06);
    expect(c.warmPreparedMs).toBe(0.02);
    expect(c.cpuShare).toBe(0.6);
    expect(c.warmPreparedCpuShare).toBe(0.4);
    expect(c.warmupStable).toBe(false);
    expect(c.warmPreparedStable).toBe(true);
    expect(c.medianMsPerProcess).toEqual([0.03, 0.05, 0.02]);
    expect(c.warmPreparedMsPerProcess).toEqual([0.02, 0.01, 0.04]);
    expect(c.warmProcesses).toBe(3);
    expect(combineWarmProcesses([{ ...one(0.03, 0.02, true), preparedSamePlan: false }, one(0.03, 0.02, true)]).preparedSamePlan).toBe(false);
    expect(() => combineWarmProcesses([])).toThrow('no warm process');
  });

  it('the note names the cases timed with less CPU than wall time, by either loop', () => {
    expect(contendedNote([{ name: 'a', cpuShare: 0.98, warmPreparedCpuShare: 1.02 }])).toBe('');
    const note = contendedNote([
      { name: 'a', cpuShare: 0.98, warmPreparedCpuShare: 1.02 },
      { name: 'b', cpuShare: 0.45, warmPreparedCpuShare: 0.97 },
      { name: 'c', cpuShare: 0.95, warmPreparedCpuShare: 0.5 },
    ]);
    expect(note).toMatch(/^NOTE: timed with a CPU share under 90% /);
    expect(note).toMatch(/: b \(45%, prepared 97%\), c \(95%, prepared 50%\)$/);
  });

  it('the timed runs report their CPU share: about 1 for a loop that keeps the CPU busy', async () => {
    const spin = async () => {
      const until = performance.now() + 2;
      while (performance.now() < until) { /* spin */ }
    };
    const t = await timeRuns(spin, 20);
    expect(t.cpuShare).toBeGreaterThan(0);
    expect(t.cpuShare).toBeLessThanOrEqual(1.5);
    expect(cpuShareOf({ user: 1500, system: 500 }, 4)).toBe(0.5);
    expect(cpuShareOf({ user: 0, system: 0 }, 0)).toBe(1);
  });

  it('a warm process\'s output: its figures, or an error naming the case and what was wrong', () => {
    const figures = {
      medianMs: 0.03, p95Ms: 0.05, runs: 20, warmupRuns: 100, warmupStable: true, cpuShare: 0.97, sequencesEvaluated: 7,
      warmPreparedMs: 0.02, warmPreparedP95Ms: 0.04, warmPreparedWarmupRuns: 200, warmPreparedStable: false, preparedSamePlan: true,
      warmPreparedCpuShare: 0.95,
    };
    const ended = (stdout: string, status: number | null = 0, signal: NodeJS.Signals | null = null) => ({ status, signal, stdout, stderr: 'it broke\n' });
    // the warm fields alone: a field the child adds is not passed on
    expect(warmFiguresOf('s.json', ended(JSON.stringify({ ...figures, extra: 1 })))).toEqual(figures);
    expect(() => warmFiguresOf('s.json', ended('', 1))).toThrow('warm process of s.json failed (exit 1): it broke');
    expect(() => warmFiguresOf('s.json', ended('', null, 'SIGKILL'))).toThrow('warm process of s.json failed (exit SIGKILL): it broke');
    expect(() => warmFiguresOf('s.json', ended('median 3 ms'))).toThrow('warm process of s.json printed no JSON: "median 3 ms"');
    const { p95Ms: _p95, ...noP95 } = figures;
    expect(() => warmFiguresOf('s.json', ended(JSON.stringify(noP95)))).toThrow("warm process of s.json: expected a number in 'p95Ms', found undefined");
    // NaN reaches JSON as null
    expect(() => warmFiguresOf('s.json', ended(JSON.stringify({ ...figures, warmPreparedMs: Number.NaN }))))
      .toThrow("warm process of s.json: expected a number in 'warmPreparedMs', found null");
    expect(() => warmFiguresOf('s.json', ended(JSON.stringify({ ...figures, preparedSamePlan: 'yes' }))))
      .toThrow("warm process of s.json: expected a boolean in 'preparedSamePlan', found \"yes\"");
  });

  it('the built command: found next to the sources\' dist/, or an error that says how to build it', () => {
    const { probe, cli: planner } = builtEntries();
    expect(probe).toBe(here('../dist/bin/cold-probe.js'));
    expect(planner).toBe(here('../dist/bin/planner.cjs'));
    const empty = join(dir, 'no-build');
    mkdirSync(empty);
    expect(() => builtEntries(empty)).toThrow(`${join(empty, 'cold-probe.js')} is missing: run \`pnpm -C packages/cli build:bin\``);
  });

  it('a fresh process that fails names the case, the process and its message', () => {
    const missing = join(dir, 'gone.json');
    expect(() => timeCold([{ snapshot: missing }], 1)).toThrow(new RegExp(`^cold probe of ${missing} failed \\(exit 1\\): .*file not found`, 's'));
    // A plugin that loads in the probe and refuses `planner plan`: the whole-process run fails.
    const refusing = join(dir, 'refuses-plan.mjs');
    writeFileSync(refusing, "if (process.argv.includes('plan')) throw new Error('this plugin refuses planner plan');\n" +
      "export const modules = [{ kind: 'calculator', name: 'refusing', description: 'loads', params: { safeParse: () => ({ success: true, data: {} }) }, calculate: () => [] }];\n");
    expect(() => timeCold([{ snapshot: example, preset: 'conservative' }], 1, undefined, [refusing]))
      .toThrow(new RegExp(`^planner plan ${example} failed \\(exit \\d\\): .*this plugin refuses planner plan`, 's'));
  }, 120_000);

  it('geometric mean', () => {
    expect(geometricMean([1, 4, 16])).toBeCloseTo(4, 12);
    expect(geometricMean([])).toBe(0);
  });
});
