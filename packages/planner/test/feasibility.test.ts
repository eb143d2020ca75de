import type { OpportunityContext, PositionView } from '@planner/contracts';
import fc from 'fast-check';
import { positionView } from '@planner/testkit';
import { describe, expect, it } from 'vitest';
import {
  emptyFeasibilityCounts, feasibleByTotalPriority, filterFeasible, orderBySumDesc, rejectionOf, sortByTotalPriority,
} from '../src/feasibility.js';
import { cand, security } from './fixtures.js';

const securities = [security('A'), security('B'), security('NOBUY', { allowBuy: false }), security('NOSELL', { allowSell: false })];
const position = (symbol: string, quantity: number): PositionView => positionView(symbol, quantity, 1);
const ctx = {
  securitiesBySymbol: new Map(securities.map((s) => [s.symbol, s])),
  positionsBySymbol: new Map([['A', position('A', 10)], ['NOSELL', position('NOSELL', 10)]]),
} as unknown as OpportunityContext;

describe('early filtering (pipeline.md §5.2 step 12)', () => {
  const check = (seq: Parameters<typeof rejectionOf>[0], cash = 100) => rejectionOf(seq, ctx, cash, 0.3);

  it('checks empty, repeated symbol, then mean priority (inclusive threshold)', () => {
    expect(check([])).toBe('empty');
    expect(check([cand('A', 'SELL', 0.1), cand('A', 'BUY', 0.1)])).toBe('duplicateSymbol');
    expect(check([cand('A', 'SELL', 0.29), cand('B', 'BUY', 0.3)])).toBe('priority');
    expect(check([cand('A', 'SELL', 0.3), cand('B', 'BUY', 0.3)])).toBeNull();
  });

  it('walks cash in order: a sell funds a later buy, a buy may spend exactly the cash', () => {
    expect(check([cand('B', 'BUY', 1, { valueEur: 100 })])).toBeNull();
    expect(check([cand('B', 'BUY', 1, { valueEur: 100.01 })])).toBe('cash');
    expect(check([cand('A', 'SELL', 1, { valueEur: 50 }), cand('B', 'BUY', 1, { valueEur: 150 })])).toBeNull();
    expect(check([cand('B', 'BUY', 1, { valueEur: 150 }), cand('A', 'SELL', 1, { valueEur: 50 })])).toBe('cash');
  });

  it('rejects unknown or blocked securities and short positions', () => {
    expect(check([cand('ZZZ', 'BUY', 1)])).toBe('flags');
    expect(check([cand('NOBUY', 'BUY', 1)])).toBe('flags');
    expect(check([cand('NOSELL', 'SELL', 1)])).toBe('flags');
    expect(check([cand('B', 'SELL', 1)])).toBe('position');
    expect(check([cand('A', 'SELL', 1, { quantity: 10 })])).toBeNull();
    expect(check([cand('A', 'SELL', 1, { quantity: 11 })])).toBe('position');
  });

  it('counts the reasons and keeps input order', () => {
    const counts = emptyFeasibilityCounts();
    const ok1 = [cand('A', 'SELL', 1)];
    const ok2 = [cand('B', 'BUY', 1)];
    const out = filterFeasible([ok1, [], [cand('ZZZ', 'BUY', 1)], ok2, [cand('B', 'BUY', 0.1)]], ctx, 100, 0.3, counts);
    expect(out).toEqual([ok1, ok2]);
    expect(counts).toEqual({ empty: 1, duplicateSymbol: 0, priority: 1, flags: 1, cash: 0, position: 0 });
  });
});

describe('sortByTotalPriority', () => {
  it('sorts by Σ priority descending and keeps ties in input order', () => {
    const s1 = [cand('A', 'SELL', 0.5)];
    const s2 = [cand('B', 'BUY', 0.25), cand('C', 'BUY', 0.5)];
    const s3 = [cand('D', 'BUY', 0.75)];
    const s4 = [cand('E', 'BUY', 0.9)];
    expect(sortByTotalPriority([s1, s2, s3, s4])).toEqual([s4, s2, s3, s1]);
  });
});

describe('orderBySumDesc (counting sort by rank)', () => {
  const comparatorSort = (sums: number[]) =>
    sums.map((_, i) => i).sort((a, b) => sums[b]! - sums[a]!);

  it('equals the stable comparator sort, ties and -0 included', () => {
    const value = fc.oneof(fc.constantFrom(0, -0, 0.5, 1.25, 3), fc.double({ min: -5, max: 5, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (sums) => {
        const items = sums.map((_, i) => i);
        expect(orderBySumDesc(items, Float64Array.from(sums))).toEqual(comparatorSort(sums));
      }),
      { seed: 42 },
    );
  });

  it('falls back to the comparator sort for non-finite sums', () => {
    const sums = [1, Infinity, 2, NaN, -Infinity, 2];
    expect(orderBySumDesc(sums.map((_, i) => i), Float64Array.from(sums))).toEqual(comparatorSort(sums));
  });

  it('feasibleByTotalPriority = sortByTotalPriority(filterFeasible(...))', () => {
    const seqs = [[cand('A', 'SELL', 1)], [], [cand('B', 'BUY', 2)], [cand('ZZZ', 'BUY', 3)], [cand('B', 'BUY', 1)]];
    const c1 = emptyFeasibilityCounts();
    const c2 = emptyFeasibilityCounts();
    expect(feasibleByTotalPriority(seqs, ctx, 100, 0.3, c1)).toEqual(sortByTotalPriority(filterFeasible(seqs, ctx, 100, 0.3, c2)));
    expect(c1).toEqual(c2);
  });
});
