import fc from 'fast-check';
import type { Sequence } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { dedupSequences } from '../src/dedup.js';
import { cand } from './fixtures.js';

describe('dedupSequences (pipeline.md §5.3)', () => {
  const a = cand('A', 'SELL', 0.5);
  const b = cand('B', 'BUY', 0.5);

  it('drops empty sequences and sequences that trade a symbol twice', () => {
    expect(dedupSequences([[], [a, cand('A', 'BUY', 1)], [a]])).toEqual([[a]]);
  });

  it('keeps the first of each ordered (symbol, side) key, whatever the quantity', () => {
    const first = [a, b];
    const sameKey = [cand('A', 'SELL', 0.9, { quantity: 7 }), cand('B', 'BUY', 0.1, { quantity: 3 })];
    const out = dedupSequences([first, sameKey]);
    expect(out).toHaveLength(1);
    expect(out[0]).toBe(first);
  });

  it('drops a symbol traded twice whatever its code: a bit of the packing pass below id 31, a scan above, the string path past 7 steps', () => {
    // 40 symbols seen first: S0..S39 get ids 0..39
    const many = Array.from({ length: 40 }, (_, i) => [cand(`S${i}`, 'BUY', 0.5)]);
    const twiceLow = [cand('S3', 'BUY', 0.5), cand('S3', 'SELL', 0.5)];
    const twiceHigh = [cand('S35', 'SELL', 0.5), cand('S1', 'BUY', 0.5), cand('S35', 'BUY', 0.5)];
    const twiceLong = [...Array.from({ length: 8 }, (_, i) => cand(`S${i}`, 'BUY', 0.5)), cand('S0', 'SELL', 0.5)];
    const fine = [cand('S35', 'SELL', 0.5), cand('S36', 'BUY', 0.5)];
    expect(dedupSequences([...many, twiceLow, twiceHigh, twiceLong, fine])).toEqual([...many, fine]);
  });

  it('treats order and side as part of the key', () => {
    const out = dedupSequences([[a, b], [b, a], [cand('A', 'BUY', 1), b]]);
    expect(out).toHaveLength(3);
  });
});

describe('dedupSequences (property)', () => {
  it('keeps a subsequence of the input with unique keys, no empty or repeated-symbol sequence', () => {
    const action = fc.record({ symbol: fc.constantFrom('A', 'B', 'C', 'D'), side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'), q: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(fc.array(action, { maxLength: 4 }), { maxLength: 30 }), (raw) => {
        const input: Sequence[] = raw.map((seq) => seq.map((a) => cand(a.symbol, a.side, 1, { quantity: a.q })));
        const out = dedupSequences(input);
        const keys = out.map((s) => s.map((a) => `${a.symbol}/${a.side}`).join(','));
        expect(new Set(keys).size).toBe(out.length);
        let at = 0;
        for (const s of out) {
          expect(s.length).toBeGreaterThan(0);
          expect(new Set(s.map((a) => a.symbol)).size).toBe(s.length);
          at = input.indexOf(s, at) + 1;
          expect(at).toBeGreaterThan(0);
        }
        // Every dropped non-empty, repeat-free sequence shares its key with a kept one.
        for (const s of input) {
          if (s.length === 0 || new Set(s.map((a) => a.symbol)).size !== s.length) continue;
          expect(keys).toContain(s.map((a) => `${a.symbol}/${a.side}`).join(','));
        }
      }),
      { seed: 42 },
    );
  });
});

describe('dedupSequences packed keys', () => {
  // The straightforward rule: first sequence of each sequenceKey.
  const byStringKey = (input: readonly Sequence[]) => {
    const seen = new Set<string>();
    return input.filter((s) => {
      if (s.length === 0 || new Set(s.map((a) => a.symbol)).size !== s.length) return false;
      const key = s.map((a) => `${a.symbol}\u0001${a.side}`).join('\u0002');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };

  it('keeps exactly what the string key keeps, past 63 symbols and 7 steps too', () => {
    const action = fc.record({ s: fc.nat(90), side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL') });
    fc.assert(
      fc.property(fc.array(fc.array(action, { maxLength: 9 }), { maxLength: 60 }), fc.boolean(), (raw, few) => {
        // `few` folds symbols into a small universe so that keys repeat often.
        const input: Sequence[] = raw.map((seq) => seq.map((a) => cand(`S${few ? a.s % 4 : a.s}`, a.side, 1)));
        const out = dedupSequences(input);
        expect(out).toEqual(byStringKey(input));
        for (let i = 0; i < out.length; i++) expect(out[i]).toBe(byStringKey(input)[i]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
