import type { OpportunityContext, PositionView } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { emptyFeasibilityCounts, filterFeasible, rejectionOf, sortByTotalPriority } from '../src/feasibility.js';
import { cand, security } from './fixtures.js';

const securities = [security('A'), security('B'), security('NOBUY', { allowBuy: false }), security('NOSELL', { allowSell: false })];
const position = (symbol: string, quantity: number): PositionView =>
  ({ symbol, quantity, avgPrice: 1, currency: 'EUR', markPrice: 1, marketValueEur: quantity });
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
