import { defineCalculator } from '@planner/contracts';
import type { PortfolioSnapshot } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPlanner } from '../src/create-planner.js';
import { allFakes, cand, config, snapshot } from './fixtures.js';

// A calculator promising `emptyWithoutPositions` is not called for a snapshot
// without positions; its count is 0 in its place and its time 0.

function spies() {
  const calls: string[] = [];
  const spy = (name: string, emptyWithoutPositions?: boolean) =>
    defineCalculator({
      name, description: '', params: z.object({}), category: 'opportunity_buys',
      ...(emptyWithoutPositions === undefined ? {} : { emptyWithoutPositions }),
      calculate: () => {
        calls.push(name);
        return [cand('D', 'BUY', 0.5, { valueEur: 100 })];
      },
    });
  return { calls, modules: [spy('held_only', true), spy('plugin'), spy('said_no', false)] };
}

async function planWith(snap: PortfolioSnapshot) {
  const s = spies();
  const cfg = config({ calculators: ['held_only', 'plugin', 'said_no'] });
  const plan = await createPlanner({ config: cfg, modules: [...allFakes, ...s.modules] }).plan(snap);
  return { calls: s.calls, plan };
}

describe('calculator promises', () => {
  it('does not call an emptyWithoutPositions calculator for a snapshot without positions', async () => {
    const { calls, plan } = await planWith({ ...snapshot(), positions: [] });
    expect(calls).toEqual(['plugin', 'said_no']);
    expect(Object.entries(plan.funnel.opportunitiesByModule)).toEqual([['held_only', 0], ['plugin', 1], ['said_no', 1]]);
    expect(plan.timings['calculator:held_only']).toBe(0);
    expect(plan.funnel.opportunities).toBe(2);
  });

  it('calls it when the snapshot holds a position', async () => {
    const { calls, plan } = await planWith(snapshot());
    expect(calls).toEqual(['held_only', 'plugin', 'said_no']);
    expect(plan.funnel.opportunitiesByModule).toEqual({ held_only: 1, plugin: 1, said_no: 1 });
  });
});
