import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { calculators } from '../src/index.js';
import { arbContext } from './fixtures.js';

describe('calculators', () => {
  it('lists the six calculators in their declared order (pipeline.md §2.1), each frozen and of kind calculator', () => {
    expect(calculators.map((c) => c.name)).toEqual([
      'profit_taking', 'averaging_down', 'opportunity_buys', 'rebalance_sells', 'rebalance_buys', 'weight_based',
    ]);
    expect(calculators.map((c) => c.order)).toEqual([100, 200, 300, 400, 500, 600]);
    expect(calculators.every((c) => c.enabledByDefault === true)).toBe(true);
    expect(calculators).toEqual([api.profitTaking, api.averagingDown, api.opportunityBuys, api.rebalanceSells, api.rebalanceBuys, api.weightBased]);
    for (const c of calculators) {
      expect(c.kind).toBe('calculator');
      expect(Object.isFrozen(c)).toBe(true);
      expect(c.description.length).toBeGreaterThan(0);
    }
  });

  it('keeps the promise of emptyWithoutPositions: nothing from a snapshot without positions, whatever else it holds', () => {
    const promising = calculators.filter((c) => c.emptyWithoutPositions === true);
    expect(promising.map((c) => c.name)).toEqual(['profit_taking', 'averaging_down', 'rebalance_sells']);
    fc.assert(
      fc.property(arbContext({ positions: false }), (ctx) => {
        expect(ctx.positions).toEqual([]);
        for (const c of promising) expect(c.calculate(ctx, c.params.parse({}) as never)).toEqual([]);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('accepts {} for every params schema and rejects unknown types', () => {
    for (const c of calculators) {
      expect(() => c.params.parse({})).not.toThrow();
      expect(() => c.params.parse({ priorityWeight: 'high', minGapThreshold: 'x' })).toThrow();
    }
  });

  it('routes heuristic calculators to their own category', () => {
    for (const c of calculators.slice(0, 5)) expect(c.category).toBe(c.name);
    expect(typeof api.weightBased.category).toBe('function');
  });
});
