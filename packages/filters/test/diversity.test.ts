import type { Sequence } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diversity, diversityScore, rankByDiversity } from '../src/diversity.js';
import { buy, ctx, syms } from './fixtures.js';

const X = [buy('AAPL', 0.9, ['buy'])];
const Y = [buy('MSFT', 0.6, ['rebalance']), buy('SAP.DE', 0.4, ['rebalance'])];
const Z = [buy('ASML', 0.4, ['a']), buy('ASM', 0.4, ['b'])];

describe('diversity (spec §6)', () => {
  const defaults = diversity.params.parse({});
  const call = { ctx: ctx() };

  it('params: {} parses to 0.3 / 50 / 0', () => {
    expect(defaults).toEqual({ diversityWeight: 0.3, maxSequences: 50, minDiversityScore: 0 });
  });

  it('example 6.3: scores, ranking and truncation', () => {
    expect(diversityScore(X)).toBeCloseTo(0.7, 12);
    expect(diversityScore(Y)).toBeCloseTo(0.7, 12);
    expect(diversityScore(Z)).toBeCloseTo(0.7, 12);
    const out = diversity.filter([Z, Y, X], diversity.params.parse({ maxSequences: 2 }), call);
    expect(out).toEqual([X, Y]);
  });

  it('example 6.3: min_diversity_score 0.75 drops all; just below 0.7 keeps all', () => {
    expect(diversity.filter([X, Y, Z], diversity.params.parse({ minDiversityScore: 0.75 }), call)).toEqual([]);
    expect(diversity.filter([X, Y, Z], diversity.params.parse({ minDiversityScore: 0.69 }), call)).toHaveLength(3);
  });

  it('two or more distinct tags make a single action fully diverse (capped at 1)', () => {
    expect(diversityScore([buy('A', 0.5, ['x', 'y'])])).toBe(1);
    expect(diversityScore([buy('A', 0.5, [])])).toBeCloseTo(0.4, 12);
  });

  it('an empty sequence scores 0 diversity and 0 mean priority: dropped by a positive minimum, else ranked last', () => {
    expect(diversityScore([])).toBe(0);
    const one = [buy('A', 0.1)];
    expect(rankByDiversity([[], one], 0.5, 10, 0)).toEqual([one, []]);
    expect(rankByDiversity([[], one], 0.5, 10, 0.01)).toEqual([one]);
  });

  it('short symbols use the "XX" prefix', () => {
    // A and B both map to XX: country_div 0
    expect(diversityScore([buy('A', 0.5, []), buy('B', 0.5, [])])).toBeCloseTo(0.4, 12);
  });

  it('ties keep input order (stable), empty input gives []', () => {
    const a = [buy('AA', 0.5)];
    const b = [buy('BB', 0.5)];
    expect(rankByDiversity([a, b], 0.3, 50, 0)).toEqual([a, b]);
    expect(rankByDiversity([b, a], 0.3, 50, 0)).toEqual([b, a]);
    expect(diversity.filter([], defaults, call)).toEqual([]);
  });

  it('weight-based priorities dominate the mix', () => {
    const hi = [buy('AA', 20, [])];
    const lo = [buy('BB', 1, ['x', 'y'])];
    expect(syms(rankByDiversity([lo, hi], 0.3, 50, 0))).toEqual(['BUY AA', 'BUY BB']);
  });

  it('property: at most max_sequences, sorted by combined score, a subset of the input', () => {
    const action = fc.record({ s: fc.constantFrom('AA', 'AB', 'BA', 'C'), p: fc.double({ min: 0, max: 2, noNaN: true }), t: fc.subarray(['x', 'y', 'z']) });
    fc.assert(
      fc.property(fc.array(fc.array(action, { minLength: 1, maxLength: 5 }), { maxLength: 15 }), fc.integer({ min: 1, max: 10 }), (raw, max) => {
        const seqs = raw.map((s) => s.map((a) => buy(a.s, a.p, a.t)));
        const out = rankByDiversity(seqs, 0.3, max, 0);
        expect(out.length).toBe(Math.min(max, seqs.length));
        for (const s of out) expect(seqs).toContain(s);
        const score = (s: Sequence) => 0.7 * (s.reduce((x, a) => x + a.priority, 0) / s.length) + 0.3 * diversityScore(s);
        for (let i = 1; i < out.length; i++) expect(score(out[i - 1]!)).toBeGreaterThanOrEqual(score(out[i]!));
      }),
      { seed: 42 },
    );
  });
});
