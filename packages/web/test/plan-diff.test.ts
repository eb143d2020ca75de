import { describe, expect, it } from 'vitest';
import type { Plan, PlanStep } from '@planner/contracts';
import { planDiff } from '../src/plan-diff.js';

const step = (side: 'BUY' | 'SELL', symbol: string, quantity: number) => ({ side, symbol, quantity }) as PlanStep;
const plan = (...steps: PlanStep[]) => ({ steps }) as unknown as Plan;

describe('planDiff', () => {
  it('finds added, removed and resized steps by side and symbol', () => {
    const before = plan(step('SELL', 'A', 3), step('BUY', 'B', 1), step('BUY', 'C', 2));
    const after = plan(step('SELL', 'A', 3), step('BUY', 'C', 5), step('BUY', 'D', 1), step('SELL', 'B', 1));
    expect(planDiff(before, after)).toEqual({
      added: [{ side: 'BUY', symbol: 'D', after: 1 }, { side: 'SELL', symbol: 'B', after: 1 }],
      removed: [{ side: 'BUY', symbol: 'B', before: 1 }],
      resized: [{ side: 'BUY', symbol: 'C', before: 2, after: 5 }],
    });
  });

  it('is empty for the same steps', () => {
    const p = plan(step('SELL', 'A', 3));
    expect(planDiff(p, p)).toEqual({ added: [], removed: [], resized: [] });
  });
});
