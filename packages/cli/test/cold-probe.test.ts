import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlannerEvent } from '@planner/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { parseColdProbeOptions } from '../src/cold-probe-options.js';
import { type ColdProbeDeps, type ColdProbeSample, runColdProbe, setupStep } from '../src/cold-probe-run.js';
import { loadMain } from '../src/load-main.js';
import { cli, here, scenarioDir } from './helpers.js';

// The cold probe's options and phases run here, in this process, with the
// sources' planner code; what the probe does to the process (V8 flags, clocks)
// is handed in (ColdProbeDeps), so this process's V8 flags stay as they are.
// The built probe as a process: the last test, bench-cold.test.ts and code-cache.test.ts.

const snapshot = join(scenarioDir, 'cooldown_min_hold.input.json');
const aggressive = join(scenarioDir, 'configs/aggressive.toml');
const dir = mkdtempSync(join(tmpdir(), 'planner-cold-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the cold probe\'s command line', () => {
  it('a case and no option: the defaults, stdin for no snapshot', () => {
    expect(parseColdProbeOptions([])).toEqual({ snapshot: '-', v8Flags: [], timings: false, callgrindWrapper: false, argv: [] });
    const argv = ['s.json', '--config', 'c.toml', '--seed', '7', '--plugin', 'p.mjs'];
    expect(parseColdProbeOptions(argv)).toEqual({ snapshot: 's.json', config: 'c.toml', seed: '7', v8Flags: [], timings: false, callgrindWrapper: false, argv });
  });

  it('the options for looking into the first plan, V8 flags in their order', () => {
    const o = parseColdProbeOptions(['s.json', '--preset', 'aggressive', '--v8-flag=--no-turbofan', '--v8-flag', 'trace-opt', '--timings', '--stop-after', 'first-plan',
      '--callgrind-wrapper', '--turbofan-after', '2.5', '--callgrind-setup-step', 'create-planner']);
    expect(o).toMatchObject({ snapshot: 's.json', preset: 'aggressive', v8Flags: ['--no-turbofan', 'trace-opt'], timings: true, stopAfter: 'first-plan',
      callgrindWrapper: true, turbofanAfterMs: 2.5, setupStep: 'create-planner' });
    expect(parseColdProbeOptions(['--turbofan-after', '0']).turbofanAfterMs).toBe(0);
    expect(parseColdProbeOptions(['--stop-after', 'setup', '--callgrind-setup-step', 'snapshot']))
      .toMatchObject({ stopAfter: 'setup', setupStep: 'snapshot' });
  });

  it('a bad value names the option, the value and what it expects', () => {
    expect(() => parseColdProbeOptions(['--stop-after', 'plan'])).toThrow("--stop-after: expected 'setup' or 'first-plan', got 'plan'");
    expect(() => parseColdProbeOptions(['--callgrind-setup-step', 'planner']))
      .toThrow("--callgrind-setup-step: expected 'snapshot', 'config' or 'create-planner', got 'planner'");
    for (const ms of ['-1', 'soon', '', ' ', 'NaN']) {
      expect(() => parseColdProbeOptions([`--turbofan-after=${ms}`]), ms).toThrow(`--turbofan-after: expected a number of ms >= 0, got '${ms}'`);
    }
    expect(() => parseColdProbeOptions(['a.json', 'b.json'])).toThrow('expected one snapshot file, got 2: a.json b.json');
    expect(() => parseColdProbeOptions(['--bogus'])).toThrow("Unknown option '--bogus'");
  });
});

/** What runColdProbe did to the process, in order. */
interface Recorded {
  readonly calls: string[];
  readonly events: PlannerEvent[];
  plans: number;
  /** The stack at each wrapped call, by name: where the callgrind toggles are. */
  readonly stacks: Map<string, string>;
}

/**
 * The probe's deps with a clock that moves only inside the planner code's
 * calls, by a known amount each (ms, the same for CPU time): loading 100, the
 * plugins 7, the snapshot 3, the configuration 5, createPlanner 11, a plan 50.
 * Each figure the probe reports must then be exactly its phase's amount.
 */
function fakeProcess(): { deps: ColdProbeDeps; recorded: Recorded } {
  let clock = 1000;
  const recorded: Recorded = { calls: [], events: [], plans: 0, stacks: new Map() };
  const timed = <A extends unknown[], R>(name: string, ms: number, fn: (...args: A) => R) => (...args: A): R => {
    recorded.stacks.set(name, new Error().stack ?? '');
    clock += ms;
    return fn(...args);
  };
  const deps: ColdProbeDeps = {
    loadMain: async () => {
      recorded.calls.push('loadMain');
      const { main, cache } = await loadMain('plan');
      clock += 60;
      return {
        cache,
        main: {
          ...main,
          loadColdCore: async () => {
            const core = await main.loadColdCore();
            clock += 40;
            return {
              ...core,
              commandModules: timed('commandModules', 7, core.commandModules),
              readSnapshot: timed('readSnapshot', 3, core.readSnapshot),
              chooseConfig: timed('chooseConfig', 5, core.chooseConfig),
              createPlanner: timed('createPlanner', 11, (options: Parameters<typeof core.createPlanner>[0]) => {
                const planner = core.createPlanner(options);
                return {
                  ...planner,
                  plan: timed('plan', 50, (...args: Parameters<typeof planner.plan>) => { recorded.plans++; return planner.plan(...args); }),
                } as typeof planner;
              }),
            };
          },
        },
      };
    },
    tuneForOneShot: () => { recorded.calls.push('tuneForOneShot'); },
    deferTurbofan: (afterMs) => {
      recorded.calls.push(`deferTurbofan ${afterMs}`);
      return (event) => { recorded.events.push(event); };
    },
    setV8Flag: (flag) => { recorded.calls.push(`setV8Flag ${flag}`); },
    now: () => clock,
    cpu: () => clock,
  };
  return { deps, recorded };
}

const sampleOf = (outcome: Awaited<ReturnType<typeof runColdProbe>>): ColdProbeSample => {
  if (!('sample' in outcome)) throw new Error(`the probe stopped after ${outcome.stoppedAfter}`);
  return outcome.sample;
};

describe('the cold probe\'s phases', () => {
  const argv = [snapshot, '--config', aggressive, '--seed', '7'];

  it('each figure is its own phase\'s time, the plan is `planner plan`\'s, and the plan gets the TurboFan listener', async () => {
    const { deps, recorded } = fakeProcess();
    const sample = sampleOf(await runColdProbe(parseColdProbeOptions([...argv, '--v8-flag=--a', '--v8-flag=--b']), deps, { ms: 30, cpuMs: 25 }));
    expect(sample).toMatchObject({
      startMs: 30, importMs: 100, setupMs: 19, pluginsMs: 7, firstPlanMs: 50, secondPlanMs: 50,
      startCpuMs: 25, importCpuMs: 100, setupCpuMs: 19, pluginsCpuMs: 7, setupStepsCpuMs: { snapshot: 3, config: 5, createPlanner: 11 }, firstPlanCpuMs: 50,
      codeCache: 'sources',
    });
    expect(sample).not.toHaveProperty('timings');
    // After loading, as `planner plan`: the one-shot flags, TurboFan deferred as the command defers it, then the probe's own flags.
    expect(recorded.calls).toEqual(['loadMain', 'tuneForOneShot', 'deferTurbofan undefined', 'setV8Flag --a', 'setV8Flag --b']);
    expect(recorded.plans).toBe(2);
    expect(recorded.events.map((e) => e.type)).toContain('stage-started');
    const plan = await cli('plan', ...argv, '--json');
    expect(plan.code, plan.err).toBe(0);
    const { steps, funnel } = JSON.parse(plan.out) as { steps: { side: string; symbol: string; quantity: number }[]; funnel: { evaluated: number } };
    expect(steps.length).toBeGreaterThan(0);
    expect(sample.steps).toEqual(steps.map((s) => `${s.side} ${s.symbol} ${s.quantity}`));
    expect(sample.evaluated).toBe(funnel.evaluated);
  });

  it('--timings adds the first plan\'s timings; --turbofan-after reaches the listener', async () => {
    const { deps, recorded } = fakeProcess();
    const sample = sampleOf(await runColdProbe(parseColdProbeOptions([...argv, '--timings', '--turbofan-after', '0']), deps, { ms: 0, cpuMs: 0 }));
    expect(Object.keys(sample.timings ?? {})).toEqual(expect.arrayContaining(['context', 'generation', 'evaluation']));
    expect(recorded.calls).toContain('deferTurbofan 0');
  });

  it('--stop-after setup plans nothing; --stop-after first-plan plans once and reports nothing', async () => {
    const setup = fakeProcess();
    expect(await runColdProbe(parseColdProbeOptions([...argv, '--stop-after', 'setup']), setup.deps, { ms: 0, cpuMs: 0 })).toEqual({ stoppedAfter: 'setup' });
    expect(setup.recorded.stacks.has('createPlanner')).toBe(true);
    expect(setup.recorded.plans).toBe(0);
    const first = fakeProcess();
    expect(await runColdProbe(parseColdProbeOptions([...argv, '--stop-after', 'first-plan']), first.deps, { ms: 0, cpuMs: 0 })).toEqual({ stoppedAfter: 'first-plan' });
    expect(first.recorded.plans).toBe(1);
  });

  it('the callgrind toggles: --callgrind-wrapper starts the first plan inside findLast, --callgrind-setup-step runs that step alone inside findLastIndex', async () => {
    const plain = fakeProcess();
    const expected = sampleOf(await runColdProbe(parseColdProbeOptions(argv), plain.deps, { ms: 0, cpuMs: 0 }));
    for (const name of ['readSnapshot', 'chooseConfig', 'createPlanner', 'plan']) expect(plain.recorded.stacks.get(name), name).not.toMatch(/findLast/);

    const wrapped = fakeProcess();
    const sample = sampleOf(await runColdProbe(parseColdProbeOptions([...argv, '--callgrind-wrapper']), wrapped.deps, { ms: 0, cpuMs: 0 }));
    expect(sample.steps).toEqual(expected.steps);
    expect(sample.firstPlanMs).toBe(50);
    // The second plan (the last one recorded) runs outside the toggle; the first, alone, inside it.
    expect(wrapped.recorded.stacks.get('plan')).not.toMatch(/findLast/);
    const first = fakeProcess();
    await runColdProbe(parseColdProbeOptions([...argv, '--callgrind-wrapper', '--stop-after', 'first-plan']), first.deps, { ms: 0, cpuMs: 0 });
    expect(first.recorded.stacks.get('plan')).toMatch(/at Array\.findLast \(/);

    const steps = { snapshot: 'readSnapshot', config: 'chooseConfig', 'create-planner': 'createPlanner' } as const;
    for (const [step, chosen] of Object.entries(steps)) {
      const one = fakeProcess();
      const s = sampleOf(await runColdProbe(parseColdProbeOptions([...argv, '--callgrind-setup-step', step]), one.deps, { ms: 0, cpuMs: 0 }));
      expect(s.steps, step).toEqual(expected.steps);
      expect(s.setupStepsCpuMs, step).toEqual({ snapshot: 3, config: 5, createPlanner: 11 });
      for (const fn of Object.values(steps)) {
        const stack = one.recorded.stacks.get(fn);
        if (fn === chosen) expect(stack, `${step}: ${fn}`).toMatch(/at Array\.findLastIndex \(/);
        else expect(stack, `${step}: ${fn}`).not.toMatch(/findLastIndex/);
      }
      expect(one.recorded.stacks.get('plan'), step).not.toMatch(/findLast/);
    }
  });

  it('setupStep returns the step\'s value, run once, inside or outside the toggle', () => {
    let runs = 0;
    const value = { a: 1 };
    expect(setupStep('config', 'config', () => { runs++; return value; })).toBe(value);
    expect(setupStep('config', 'snapshot', () => { runs++; return value; })).toBe(value);
    expect(setupStep('config', undefined, () => { runs++; return value; })).toBe(value);
    expect(runs).toBe(3);
  });

  it('the plugins of --plugin are loaded before the configuration that enables them, as `planner plan` loads them', async () => {
    // A plugin folder with zod linked, as a user's plugin has it installed.
    const folder = join(dir, 'plugin');
    mkdirSync(join(folder, 'node_modules'), { recursive: true });
    symlinkSync(realpathSync(here('../../contracts/node_modules/zod')), join(folder, 'node_modules/zod'), 'junction');
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'probe-plugin', type: 'module' }));
    const plugin = join(folder, 'quiet.mjs');
    writeFileSync(plugin, "import { z } from 'zod';\n" +
      "export const modules = [{ kind: 'calculator', name: 'quiet', description: 'proposes nothing', params: z.object({}), calculate: () => [] }];\n");
    const config = join(dir, 'quiet.toml');
    writeFileSync(config, 'extends = "conservative"\n[opportunity_calculators.quiet]\nenabled = true\n');
    const withPlugin = fakeProcess();
    const sample = sampleOf(await runColdProbe(parseColdProbeOptions([snapshot, '--config', config, '--plugin', plugin]), withPlugin.deps, { ms: 0, cpuMs: 0 }));
    expect(sample.pluginsMs).toBe(7);
    const plan = await cli('--plugin', plugin, 'plan', snapshot, '--config', config, '--json');
    expect(plan.code, plan.err).toBe(0);
    expect(sample.steps).toEqual((JSON.parse(plan.out) as { steps: { side: string; symbol: string; quantity: number }[] }).steps.map((s) => `${s.side} ${s.symbol} ${s.quantity}`));
    // Without the plugin the configuration names an unknown module.
    const without = fakeProcess();
    await expect(runColdProbe(parseColdProbeOptions([snapshot, '--config', config]), without.deps, { ms: 0, cpuMs: 0 })).rejects.toThrow("unknown opportunity calculator 'quiet'");
  });
});

describe('the built probe as a process', () => {
  const probe = here('../dist/bin/cold-probe.js');

  it('prints one JSON line of its figures; --stop-after prints nothing; a bad option is named on stderr (exit 2)', () => {
    const full = spawnSync(process.execPath, [probe, snapshot, '--config', aggressive, '--seed', '7', '--timings'], { encoding: 'utf8' });
    expect(full.status, full.stderr).toBe(0);
    const sample = JSON.parse(full.stdout) as ColdProbeSample;
    expect(sample.codeCache).toBe('used');
    expect(sample.timings).toBeDefined();
    for (const point of ['setup', 'first-plan']) {
      const stopped = spawnSync(process.execPath, [probe, snapshot, '--stop-after', point], { encoding: 'utf8' });
      expect(stopped.status, stopped.stderr).toBe(0);
      expect(stopped.stdout, point).toBe('');
    }
    const bad = spawnSync(process.execPath, [probe, snapshot, '--turbofan-after', 'soon'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("cold-probe: --turbofan-after: expected a number of ms >= 0, got 'soon'\n");
    expect(bad.stdout).toBe('');
  });
});
