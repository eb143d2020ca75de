import type { Sequence } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partialExecution, partialFills, prefixes } from '../src/partial-execution.js';
import { buy, extendInput, sell, symbols } from './fixtures.js';

const A = buy('A');
const B = buy('B');
const C = buy('C');
const D = buy('D');
const E = buy('E');
const F = buy('F');

describe('partial_execution, prefix mode (spec §3.2)', () => {
  const defaults = partialExecution.params.parse({});

  it('params: {} parses to prefix mode with the modular fill defaults', () => {
    expect(defaults).toEqual({ mode: 'prefix', fillPercentages: [0.5, 0.75, 1.0], minShares: 1, dedupe: false });
    expect(partialExecution.stage).toBe('extend');
    expect(() => partialExecution.params.parse({ mode: 'half' })).toThrow();
  });

  it('example 3-A: prefixes of every sequence longer than one action', () => {
    const out = [...partialExecution.generate(extendInput([[A, B, C], [D], [E, F]]), defaults)];
    expect(symbols(out)).toEqual([['A'], ['A', 'B'], ['E']]);
    expect(out[1]![0]).toBe(A); // same action objects
  });

  it('example 3-B: max_depth bounds the prefix length', () => {
    expect(symbols(partialExecution.generate(extendInput([[A, B, C]], { maxDepth: 2 }), defaults))).toEqual([['A']]);
    expect(symbols(prefixes([[A, B, C, D]], 1, 3))).toEqual([['A'], ['A', 'B']]);
  });

  it('empty input and single actions give nothing', () => {
    expect([...partialExecution.generate(extendInput([]), defaults)]).toEqual([]);
    expect([...partialExecution.generate(extendInput([[A], [B]]), defaults)]).toEqual([]);
  });

  it('reference quirk: repeated prefixes are kept unless dedupe is on', () => {
    const seqs = [[A, B], [A, C], [A]];
    expect(symbols(partialExecution.generate(extendInput(seqs), defaults))).toEqual([['A'], ['A']]);
    expect(symbols(partialExecution.generate(extendInput(seqs), partialExecution.params.parse({ dedupe: true })))).toEqual([['A']]);
  });

  it('a consumer appending to the same array never makes it read its own output', () => {
    const list: Sequence[] = [[A, B, C]];
    for (const s of partialExecution.generate(extendInput(list), defaults)) list.push(s);
    expect(symbols(list)).toEqual([['A', 'B', 'C'], ['A'], ['A', 'B']]);
  });

  it('property: emits exactly Σ (min(len, maxDepth) − 1) proper prefixes, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 10 }), fc.integer({ min: 1, max: 7 }), (lens, maxDepth) => {
        const seqs = lens.map((n, i) => Array.from({ length: n }, (_, j) => buy(`S${i}_${j}`)));
        const out = [...prefixes(seqs, seqs.length, maxDepth)];
        const expected = seqs.reduce((acc, s) => acc + (s.length > 1 ? Math.max(0, Math.min(s.length, maxDepth) - 1) : 0), 0);
        expect(out.length).toBe(expected);
        for (const p of out) {
          const src = seqs.find((s) => s[0] === p[0])!;
          expect(p.length).toBeLessThan(Math.min(src.length, maxDepth));
          p.forEach((a, i) => expect(a).toBe(src[i]));
        }
      }),
      { seed: 42 },
    );
  });
});

describe('partial_execution, fill mode (spec §3.3)', () => {
  const fill = partialExecution.params.parse({ mode: 'fill' });
  const aapl = buy('AAPL', 0.7, { quantity: 7, valueEur: 700, reason: 'Buy' });

  it('example 3-C: 50 % and 75 % fills, then the original', () => {
    const out = [...partialExecution.generate(extendInput([], { opportunities: { opportunity_buys: [aapl] } }), fill)];
    expect(out).toEqual([
      [{ ...aapl, quantity: 3, valueEur: 350, reason: 'Buy (50% fill)' }],
      [{ ...aapl, quantity: 5, valueEur: 525, reason: 'Buy (75% fill)' }],
      [aapl],
    ]);
    expect(out[2]![0]).toBe(aapl);
  });

  it('quantity 1: both partial fills fall below min_shares, only the original', () => {
    const one = { ...aapl, quantity: 1 };
    expect([...partialFills([one], [0.5, 0.75, 1.0], 1)]).toEqual([[one]]);
  });

  it('min_shares boundary: trunc(q × f) equal to min_shares is kept', () => {
    expect([...partialFills([{ ...aapl, quantity: 4 }], [0.5], 2)]).toHaveLength(1);
    expect([...partialFills([{ ...aapl, quantity: 3 }], [0.5], 2)]).toHaveLength(0);
  });

  it('executable resizing: whole lots, valueEur from the quantity, no 0-share fill (issue 13)', () => {
    const lot10 = { ...aapl, quantity: 30, price: 10, valueEur: 300 };
    const resizing = {
      compat: { valueEurNotFromQuantity: false, tradesBreakBoardLot: false, zeroShareSells: false },
      lotOf: () => 10,
    };
    // 50% of 30 = 15 → 10 (one lot); 25% of 30 = 7 → 0 lots, dropped; the reference keeps 15 at half the value.
    const out = [...partialFills([lot10], [0.5, 0.25], 0, resizing)];
    expect(out.map((seq) => [seq[0]!.quantity, seq[0]!.valueEur])).toEqual([[10, 100]]);
    expect([...partialFills([lot10], [0.5, 0.25], 0)].map((seq) => [seq[0]!.quantity, seq[0]!.valueEur])).toEqual([[15, 150], [7, 75]]);
  });

  it('reads the flat list in category order: sells of profit_taking first', () => {
    const out = [...partialExecution.generate(extendInput([], { opportunities: { rebalance_buys: [buy('RB')], profit_taking: [sell('PT')] } }), partialExecution.params.parse({ mode: 'fill', fillPercentages: [1.0] }))];
    expect(symbols(out)).toEqual([['PT'], ['RB']]);
  });
});
