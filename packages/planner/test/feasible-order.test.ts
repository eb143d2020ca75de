import type { OpportunityContext, PositionView, Sequence } from '@planner/contracts';
import fc from 'fast-check';
import { positionView } from '@planner/testkit';
import { describe, expect, it } from 'vitest';
import { emptyFeasibilityCounts, feasibleByTotalPriority } from '../src/feasibility.js';
import { FeasibleOrder } from '../src/feasible-order.js';
import { cand, security } from './fixtures.js';

const securities = [...'ABCDEFGH'].map((s) => security(s)).concat(security('NOBUY', { allowBuy: false }), security('NOSELL', { allowSell: false }));
const position = (symbol: string, quantity: number): PositionView => positionView(symbol, quantity, 1);
const ctx = {
  securitiesBySymbol: new Map(securities.map((s) => [s.symbol, s])),
  positionsBySymbol: new Map([['A', position('A', 10)], ['C', position('C', 1)], ['NOSELL', position('NOSELL', 5)]]),
} as unknown as OpportunityContext;

// Few distinct priorities (ties in Σ priority are the common case), signed zeros, an Infinity now and then.
const action = fc.record({
  symbol: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'A', 'B', 'NOBUY', 'NOSELL', 'ZZZ'),
  // mostly buys: most generated sequences stay feasible, so the heap has depth
  side: fc.constantFrom('BUY' as const, 'BUY' as const, 'BUY' as const, 'SELL' as const),
  priority: fc.constantFrom(0, -0, 0.1, 0.2, 0.3, 0.5, 0.7, 1, Infinity),
  valueEur: fc.constantFrom(5, 10, 20, 150),
  quantity: fc.constantFrom(1, 1, 2, 11),
});
// Sequences share candidate objects drawn from a pool, as the planner's do (the checks are memoised per object).
const sequences = fc
  .array(action, { minLength: 1, maxLength: 14 })
  .map((as) => as.map((a) => cand(a.symbol, a.side, a.priority, { valueEur: a.valueEur, quantity: a.quantity })))
  .chain((pool) =>
    fc.array(
      fc.array(fc.nat(pool.length - 1), { maxLength: 4 }).map((ix): Sequence => ix.map((i) => pool[i]!)),
      { minLength: 30, maxLength: 150, size: 'max' },
    ),
  );

describe('FeasibleOrder (lazy feasibleByTotalPriority)', () => {
  it('property: read in full, by get or toArray after any prefix, it equals feasibleByTotalPriority; length and rejection counts equal', () => {
    fc.assert(
      fc.property(sequences, fc.nat(160), fc.constantFrom(0, 0.3), fc.boolean(), (raw, prefix, threshold, finite) => {
        // Mostly finite sums (the heap); with `finite` false an Infinity may force the eager comparator order.
        const finiteCopy = new Map<object, Sequence[number]>();
        const fin = (a: Sequence[number]) => (Number.isFinite(a.priority) ? a : (finiteCopy.get(a) ?? finiteCopy.set(a, { ...a, priority: 0.9 }).get(a)!));
        const seqs = finite ? raw.map((q) => q.map(fin)) : raw;
        const slowCounts = emptyFeasibilityCounts();
        const slow = feasibleByTotalPriority(seqs, ctx, 100, threshold, slowCounts);
        const fastCounts = emptyFeasibilityCounts();
        const order = new FeasibleOrder(seqs, ctx, 100, threshold, fastCounts);
        expect(order.length).toBe(slow.length);
        expect(fastCounts).toEqual(slowCounts);
        const read: Sequence[] = [];
        for (let i = 0; i < Math.min(prefix, order.length); i++) read.push(order.get(i));
        expect(read).toEqual(slow.slice(0, read.length));
        expect(order.toArray()).toEqual(slow);
        for (let i = 0; i < order.length; i++) expect(order.get(i)).toBe(slow[i]);
      }),
      { seed: 42 },
    );
  });

  it('keeps input order among equal sums and reads nothing it is not asked for', () => {
    const s1 = [cand('A', 'SELL', 0.5)];
    const s2 = [cand('B', 'BUY', 0.5)];
    const s3 = [cand('B', 'BUY', 0.9)];
    const order = new FeasibleOrder([s1, s2, s3, [cand('ZZZ', 'BUY', 1)]], ctx, 100, 0.3, emptyFeasibilityCounts());
    expect(order.length).toBe(3);
    expect(order.get(0)).toBe(s3);
    expect(order.get(2)).toBe(s2);
    expect(order.get(1)).toBe(s1);
  });
});
