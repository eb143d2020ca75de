import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import type { PlannerEvent } from '@planner/contracts';
import { cli, scenarioDir } from './helpers.js';

// The flags are caught instead of applied to this test process.
const setFlagsFromString = vi.hoisted(() => vi.fn());
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:v8')>()), setFlagsFromString }));

const { deferTurbofan, defersTurbofan, TURBOFAN_AFTER_MS } = await import('../src/one-shot-tiering.js');
const { run } = await import('../src/program.js');

const flags = (): string[] => setFlagsFromString.mock.calls.map(([flag]) => String(flag));
const event: PlannerEvent = { type: 'stage-started', stage: 'context' };

describe('deferTurbofan: TurboFan off for the start of a one-shot plan, back on once it has run a while', () => {
  it('turns TurboFan off at once and on at the first event from `afterMs` on, once', () => {
    setFlagsFromString.mockClear();
    let now = 1000;
    const onEvent = deferTurbofan(TURBOFAN_AFTER_MS, { now: () => now });
    expect(flags()).toEqual(['--no-turbofan']);
    now += TURBOFAN_AFTER_MS - 0.5;
    onEvent(event);
    expect(flags()).toEqual(['--no-turbofan']);
    now += 0.5;
    onEvent(event);
    onEvent({ type: 'stage-progress', stage: 'evaluation', done: 1, total: 9 });
    now += 1e6;
    onEvent(event);
    expect(flags()).toEqual(['--no-turbofan', '--turbofan']);
  });

  it('only a plain one-shot plan defers TurboFan, and not when Node was started with its own choice about it', () => {
    const plan = ['plan', 's.json', '--json'];
    expect(defersTurbofan(plan, [])).toBe(true);
    expect(defersTurbofan(['--plugin', 'x.js', ...plan], ['--stack-size=2000'])).toBe(true);
    expect(defersTurbofan([...plan, '--buckets', '--db', 'x.sqlite'], [])).toBe(false);
    expect(defersTurbofan(['bench', 's.json'], [])).toBe(false);
    for (const flag of ['--no-turbofan', '--no-opt', '--jitless', '--max-opt=1', '--no_turbofan']) expect(defersTurbofan(plan, [flag]), flag).toBe(false);
  });

  it('the plan command hands Io.onPlanEvent to its plan: the listener gets the stage events, and the plan is the same as without it', async () => {
    const args = ['plan', join(scenarioDir, 'cooldown_min_hold.input.json'), '--config', join(scenarioDir, 'configs/aggressive.toml'), '--seed', '7', '--json'];
    const plain = await cli(...args);
    expect(plain.code, plain.err).toBe(0);
    const seen: PlannerEvent['type'][] = [];
    let out = '';
    const code = await run(args, { out: (s) => { out += s; }, err: () => undefined, onPlanEvent: (e) => seen.push(e.type) });
    expect(code).toBe(0);
    const withoutTimings = (text: string) => ({ ...JSON.parse(text), timings: {} });
    expect(withoutTimings(out)).toEqual(withoutTimings(plain.out));
    expect(seen).toContain('stage-started');
    expect(seen).toContain('stage-progress');
    expect(seen.filter((t) => t === 'stage-finished').length).toBe(seen.filter((t) => t === 'stage-started').length);
  });
});
