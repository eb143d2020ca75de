import type { Sequence } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPlanner } from '../src/create-planner.js';
import { allFakes, config, defineFilter, snapshot } from './fixtures.js';

// A filter keeps some of the sequences it gets: with none left there is
// nothing to keep, so the planner does not call the filters that remain.

function spyFilter(name: string, calls: number[], keep: (s: readonly Sequence[]) => Sequence[] = (s) => [...s]) {
  return defineFilter({
    name, description: '', params: z.object({}),
    filter: (sequences) => {
      calls.push(sequences.length);
      return keep(sequences);
    },
  });
}

describe('filters and an empty sequence list', () => {
  it('calls every filter while sequences are left', async () => {
    const first: number[] = [];
    const second: number[] = [];
    const cfg = config({ filters: ['first', 'second'] });
    await createPlanner({ config: cfg, modules: [...allFakes, spyFilter('first', first), spyFilter('second', second)] }).plan(snapshot());
    expect(first).toEqual([5]);
    expect(second).toEqual([5]);
  });

  it('skips the filters after one that keeps nothing; their time is 0 and the plan is empty', async () => {
    const first: number[] = [];
    const second: number[] = [];
    const cfg = config({ filters: ['first', 'second'] });
    const modules = [...allFakes, spyFilter('first', first, () => []), spyFilter('second', second)];
    const plan = await createPlanner({ config: cfg, modules }).plan(snapshot());
    expect(first).toEqual([5]);
    expect(second).toEqual([]);
    expect(plan.timings['filter:second']).toBe(0);
    expect(plan.funnel.afterFilters).toBe(0);
    expect(plan.steps).toEqual([]);
  });

  it('calls no filter when the generation found nothing', async () => {
    const calls: number[] = [];
    const cfg = config({ calculators: [], filters: ['only'] });
    const plan = await createPlanner({ config: cfg, modules: [...allFakes, spyFilter('only', calls)] }).plan(snapshot());
    expect(calls).toEqual([]);
    expect(Object.keys(plan.timings)).toContain('filter:only');
  });
});
