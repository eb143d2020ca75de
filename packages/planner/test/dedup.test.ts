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

  it('treats order and side as part of the key', () => {
    const out = dedupSequences([[a, b], [b, a], [cand('A', 'BUY', 1), b]]);
    expect(out).toHaveLength(3);
  });
});
