import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, defineCalculator, definePattern, SnapshotError } from '../src/index.js';

describe('define helpers', () => {
  it('tags the kind, keeps the params schema and freezes the module', () => {
    const calc = defineCalculator({
      name: 'momentum',
      description: 'test',
      params: z.object({ minReturn: z.number().default(0.1) }),
      calculate: (_ctx, params) => (params.minReturn > 1 ? [] : []),
    });
    expect(calc.kind).toBe('calculator');
    expect(calc.params.parse({})).toEqual({ minReturn: 0.1 });
    expect(Object.isFrozen(calc)).toBe(true);
  });

  it('defaults a pattern to the per-depth stage', () => {
    const p = definePattern({ name: 'x', description: 'x', params: z.object({}), generate: () => [] });
    expect(p.stage).toBe('depth');
    expect(p.kind).toBe('pattern');
  });
});

describe('errors', () => {
  it('carry a code, the path and a readable message', () => {
    const err = new ConfigError([{ path: 'planner.max_depth', message: 'expected 1..10, got 42', line: 3 }], 'a.toml');
    expect(err.code).toBe('PLANNER_CONFIG_INVALID');
    expect(err.path).toBe('planner.max_depth');
    expect(err.message).toContain('a.toml');
    expect(err.message).toContain('planner.max_depth (line 3): expected 1..10, got 42');
    const snap = new SnapshotError([{ path: 'securities[0].price', message: 'expected a number >= 0, got -1' }]);
    expect(snap).toBeInstanceOf(Error);
    expect(snap.name).toBe('SnapshotError');
  });
});
