import { CANONICAL_ORDER } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { calculators } from '../src/index.js';

describe('calculators', () => {
  it('lists the six calculators in canonical order, each frozen and of kind calculator', () => {
    expect(calculators.map((c) => c.name)).toEqual([...CANONICAL_ORDER.calculator]);
    expect(calculators).toEqual([api.profitTaking, api.averagingDown, api.opportunityBuys, api.rebalanceSells, api.rebalanceBuys, api.weightBased]);
    for (const c of calculators) {
      expect(c.kind).toBe('calculator');
      expect(Object.isFrozen(c)).toBe(true);
      expect(c.description.length).toBeGreaterThan(0);
    }
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
