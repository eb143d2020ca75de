import fc from 'fast-check';
import type { Sequence } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { BeamSearch, runBeamSearch } from '../src/beam-search.js';
import type { ScoredSequence } from '../src/scored-sequence.js';
import { cand } from './fixtures.js';

const entry = (index: number, score: number, extra: Partial<ScoredSequence['result']> = {}): ScoredSequence => ({
  index,
  sequence: [cand(`S${index}`, 'BUY', 1)] as Sequence,
  result: { score, diversificationScore: 0.5, riskScore: 0.5, transactionCost: 2, ...extra },
});

/** A lazy stream that records how many items were pulled. */
function stream(scores: number[], pulled: { n: number }): Iterable<ScoredSequence> {
  return (function* () {
    for (let i = 0; i < scores.length; i++) {
      pulled.n++;
      yield entry(i, scores[i]!);
    }
  })();
}

const opts = (total: number, beamWidth = 10) => ({ beamWidth, multiObjective: false, plateauNeverResets: true, total });

describe('beam search (pipeline.md §5.4)', () => {
  it('lets the first ten in and stops after a whole batch of five rejections, pulling nothing more', () => {
    const scores = [...Array.from({ length: 10 }, (_, i) => 0.5 + i / 100), 0.1, 0.1, 0.1, 0.1, 0.1, 0.9, 0.9];
    const pulled = { n: 0 };
    const search = runBeamSearch(stream(scores, pulled), opts(scores.length));
    expect(pulled.n).toBe(15);
    expect(search.evaluated).toBe(15);
    expect(search.winner()?.result.score).toBe(0.59);
    expect(search.beam).toHaveLength(10);
  });

  it('goes on while every batch updates the beam', () => {
    const scores = [0.5, 0.1, 0.1, 0.1, 0.1, 0.6, 0.1, 0.1, 0.1, 0.1, 0.7, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.99];
    const pulled = { n: 0 };
    const search = runBeamSearch(stream(scores, pulled), opts(scores.length, 1));
    expect(pulled.n).toBe(20);
    expect(search.winner()?.result.score).toBe(0.7);
  });

  it('does not stop before min(10, N) sequences were evaluated', () => {
    // Width 1: the first batch updates; the second rejects five but the minimum is already met at 10.
    const pulled = { n: 0 };
    const s = runBeamSearch(stream([0.5, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.8], pulled), opts(11, 1));
    expect(pulled.n).toBe(10);
    expect(s.winner()?.result.score).toBe(0.5);
  });

  it('never resets the plateau counter under compat #10 and resets it when fixed', () => {
    const feed = (never: boolean) => {
      const b = new BeamSearch({ ...opts(100, 1), plateauNeverResets: never });
      for (const [i, s] of [0.5, 0.1, 0.1, 0.6].entries()) b.offer(entry(i, s));
      return b.plateau;
    };
    expect(feed(true)).toBe(2);
    expect(feed(false)).toBe(0);
  });

  it('admits a tie only while the beam has room, placing it after the equal scores', () => {
    const b = new BeamSearch(opts(100, 2));
    b.offer(entry(0, 0.5));
    b.offer(entry(1, 0.5));
    b.offer(entry(2, 0.5));
    expect(b.beam.map((e) => e.index)).toEqual([0, 1]);
    expect(b.plateau).toBe(1);
    b.offer(entry(3, 0.6));
    expect(b.beam.map((e) => e.index)).toEqual([3, 0]);
  });

  it('skips failed evaluations (null) while they still take their place in the batch', () => {
    const items: (ScoredSequence | null)[] = [entry(0, 0.5), null, null, null, null, null, null, null, null, null, entry(10, 0.9)];
    const s = runBeamSearch(items, opts(items.length));
    expect(s.evaluated).toBe(2);
    expect(s.winner()?.index).toBe(10);
  });
});

describe('beam search invariants (property)', () => {
  it('keeps the beam sorted, within its width, holding the best score offered, and stops only after a rejected batch', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        (raw, width, multiObjective) => {
          const scores = raw.map((x) => x / 50);
          const pulled = { n: 0 };
          const s = runBeamSearch(stream(scores, pulled), { ...opts(scores.length, width), multiObjective });
          expect(s.beam.length).toBeLessThanOrEqual(width);
          for (let i = 1; i < s.beam.length; i++) expect(s.beam[i - 1]!.result.score).toBeGreaterThanOrEqual(s.beam[i]!.result.score);
          const seen = scores.slice(0, pulled.n);
          if (seen.length > 0) expect(s.winner()?.result.score).toBe(Math.max(...seen));
          // Stops only at a batch boundary, after at least min(10, N) results.
          if (pulled.n < scores.length) {
            expect(pulled.n % 5).toBe(0);
            expect(pulled.n).toBeGreaterThanOrEqual(Math.min(10, scores.length));
          }
        },
      ),
      { seed: 42 },
    );
  });
});
