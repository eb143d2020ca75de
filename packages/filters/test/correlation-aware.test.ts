import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlationAware, filterCorrelated } from '../src/correlation-aware.js';
import { buy, ctx, security, sell, syms } from './fixtures.js';

const pairs = (entries: [string, string, number][]) => {
  const m = new Map<string, number>();
  for (const [a, b, c] of entries) {
    m.set(`${a}:${b}`, c);
    m.set(`${b}:${a}`, c);
  }
  return m;
};

const matrix = pairs([['A', 'B', 0.85], ['A', 'C', -0.75], ['B', 'C', 0.3]]);
const call = (correlations = matrix) => ({ ctx: ctx({ securities: ['A', 'B', 'C'].map((s) => security(s)), correlations }) });
const input = [[buy('A'), buy('B')], [buy('A'), buy('C')], [buy('B'), buy('C')], [sell('A'), buy('B')], [buy('A'), buy('D')]];

describe('correlation_aware (spec §5)', () => {
  const defaults = correlationAware.params.parse({});

  it('params: {} parses to threshold 0.7; the slider key is accepted and ignored', () => {
    expect(defaults).toEqual({ correlationThreshold: 0.7, lookbackDays: 252 });
    expect(correlationAware.params.parse({ diversityWeight: 0.4 }).diversityWeight).toBe(0.4);
    expect(() => correlationAware.params.parse({ correlationThreshold: 1.5 })).toThrow();
  });

  it('example 5-A: pairs of known buys above |0.7| drop the sequence', () => {
    expect(syms(correlationAware.filter(input, defaults, call()))).toEqual(['BUY B, BUY C', 'SELL A, BUY B', 'BUY A, BUY D']);
  });

  it('example 5-A: threshold 0.85 keeps a correlation of exactly 0.85 (strict >)', () => {
    const out = correlationAware.filter(input, correlationAware.params.parse({ correlationThreshold: 0.85 }), call());
    expect(syms(out)).toEqual(syms(input));
    const justBelow = correlationAware.filter(input, correlationAware.params.parse({ correlationThreshold: 0.8499 }), call());
    expect(syms(justBelow)).not.toContain('BUY A, BUY B');
  });

  it('example 5-B: correlation 1.0 drops; NaN (constant series) and 0 never drop', () => {
    const m = pairs([['A', 'B', 1.0], ['A', 'C', Number.NaN], ['B', 'C', 0]]);
    const out = filterCorrelated([[buy('A'), buy('B')], [buy('A'), buy('C')], [buy('B'), buy('C')]], new Set(['A', 'B', 'C']), m, 0.7);
    expect(syms(out)).toEqual(['BUY A, BUY C', 'BUY B, BUY C']);
  });

  it('passes everything through without securities or correlations, and on empty input', () => {
    expect(correlationAware.filter(input, defaults, call(new Map()))).toEqual(input);
    expect(correlationAware.filter(input, defaults, { ctx: ctx({ correlations: matrix }) })).toEqual(input);
    expect(correlationAware.filter([], defaults, call())).toEqual([]);
  });

  it('checks every pair of buys, not only neighbours', () => {
    expect(filterCorrelated([[buy('A'), buy('X'), buy('C')]], new Set(['A', 'C', 'X']), matrix, 0.7)).toEqual([]);
  });

  it('property: the output is the input minus some sequences, order kept; idempotent', () => {
    const sym = fc.constantFrom('A', 'B', 'C', 'D');
    const action = fc.tuple(fc.boolean(), sym).map(([b, s]) => (b ? buy(s) : sell(s)));
    fc.assert(
      fc.property(fc.array(fc.array(action, { maxLength: 4 }), { maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (seqs, t) => {
        const out = filterCorrelated(seqs, new Set(['A', 'B', 'C']), matrix, t);
        let j = 0;
        for (const s of seqs) if (j < out.length && out[j] === s) j++;
        expect(j).toBe(out.length);
        expect(filterCorrelated(out, new Set(['A', 'B', 'C']), matrix, t)).toEqual(out);
        // sequences with fewer than two buys are always kept
        for (const s of seqs) if (s.filter((a) => a.side === 'BUY').length < 2) expect(out).toContain(s);
      }),
      { seed: 42 },
    );
  });
});
