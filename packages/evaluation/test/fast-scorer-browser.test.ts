import { describe, expect, it, vi } from 'vitest';
import { FastScorer, ScorerTables } from '../src/fast-scorer-browser.js';
import { singleObjective } from '../src/single-objective.js';
import { fastScorerSuite } from './fast-scorer-suite.js';
import { compat, context, settings } from './fixtures.js';

// A browser bundle's '#fast-scorer' (package.json "imports"): the evaluators
// import src/fast-scorer-browser.ts, which must give Node's numbers.
vi.mock('#fast-scorer', () => import('../src/fast-scorer-browser.js'));

describe('the evaluators in this file use the browser variant', () => {
  it('prepareSnapshot gives the browser tables (none: each scorer builds its own)', () => {
    const ctx = context({ securities: [{ symbol: 'A', price: 10 }], holdings: [{ symbol: 'A', quantity: 3 }], cash: 100 });
    const tables = singleObjective.prepareSnapshot!(ctx, { settings: settings(), compat: compat() }, {});
    expect(tables).toBeInstanceOf(ScorerTables);
    expect(Object.isFrozen(tables)).toBe(true);
  });
});

describe('the browser FastScorer outside the oracle', () => {
  it('names no distinct symbol past the bound sequence', () => {
    const ctx = context({ securities: [{ symbol: 'A', price: 10 }], holdings: [], cash: 100 });
    const scorer = ScorerTables.scorer(ctx, { settings: settings(), compat: compat() });
    expect(scorer).toBeInstanceOf(FastScorer);
    expect(() => scorer.uniqueSymbol([], 0)).toThrow(RangeError);
  });
});

fastScorerSuite('browser', FastScorer);
