import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { FastScorer, ScorerTables } from '../src/fast-scorer.js';
import { fastScorerSuite } from './fast-scorer-suite.js';
import { compat, context, settings } from './fixtures.js';

// Node's '#fast-scorer' (src/fast-scorer.ts), which the evaluators import here.
fastScorerSuite('Node', FastScorer);

describe('the Node FastScorer’s object layout', () => {
  const ctx = context({
    securities: [{ symbol: 'A', price: 10 }, { symbol: 'B', price: 20 }],
    holdings: [{ symbol: 'A', quantity: 3 }],
    cash: 100,
  });
  const setup = { settings: settings(), compat: compat() };
  const fresh = new FastScorer(ctx, setup);
  const tables = new ScorerTables(ctx, setup);
  const copied = ScorerTables.scorer(ctx, { ...setup, snapshotTables: tables });

  // The constructor's two paths assign every field once, in one order, so that
  // all scorers share V8's hidden classes (the hot `run` stays monomorphic).
  it('both constructor paths set the same fields in the same order', () => {
    expect(copied).not.toBe(fresh);
    expect(Object.keys(copied)).toEqual(Object.keys(fresh));
    expect(Object.keys(fresh)).toContain('currentHealth');
    expect(Object.keys(fresh).at(-1)).toBe('currentHealth');
  });

  it('a fresh scorer and one copied from the tables have one hidden class', () => {
    setFlagsFromString('--allow-natives-syntax');
    const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
    setFlagsFromString('--no-allow-natives-syntax');
    expect(haveSameMap(fresh, copied)).toBe(true);
    expect(haveSameMap(fresh, new FastScorer(ctx, setup))).toBe(true);
  });
});
