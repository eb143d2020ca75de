import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { here } from './helpers.js';

// What `planner plan` sets for its one plan per process, caught instead of applied.
const setFlagsFromString = vi.hoisted(() => vi.fn());
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:v8')>()), setFlagsFromString }));

describe('one-shot tuning for library users', () => {
  it('the planner README gives a script that plans once the V8 flags `planner plan` sets for itself', async () => {
    const { tuneForOneShot } = await import('../src/one-shot-tiering.js');
    tuneForOneShot();
    const flags = setFlagsFromString.mock.calls.map(([flag]) => String(flag));
    expect(flags.length).toBeGreaterThan(0);
    const readme = readFileSync(here('../../planner/README.md'), 'utf8');
    // The command line the README gives: `node <flags...> plan-once.mjs`.
    const commandLine = /^node ((?:--\S+ )+)plan-once\.mjs/m.exec(readme);
    expect(commandLine?.[1]?.trim().split(' ')).toEqual(flags);
    for (const flag of flags) expect(readme).toContain(`setFlagsFromString('${flag}')`);
  });
});
