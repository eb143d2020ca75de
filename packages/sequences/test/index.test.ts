import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { sequenceGenerators } from '../src/index.js';

describe('sequenceGenerators', () => {
  it('lists the four generators in canonical order: the depth stage before the extend stage, declared order ascending', () => {
    expect(sequenceGenerators.map((g) => g.name)).toEqual(['combinatorial', 'enhanced_combinatorial', 'partial_execution', 'constraint_relaxation']);
    expect(sequenceGenerators.map((g) => [g.stage, g.order])).toEqual([['depth', 100], ['depth', 200], ['extend', 300], ['extend', 400]]);
    expect(sequenceGenerators).toEqual([api.combinatorial, api.enhancedCombinatorial, api.partialExecution, api.constraintRelaxation]);
    for (const g of sequenceGenerators) {
      expect(g.kind).toBe('sequence_generator');
      expect(Object.isFrozen(g)).toBe(true);
    }
  });
});
