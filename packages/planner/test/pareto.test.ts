import { describe, expect, it } from 'vitest';
import { BeamSearch } from '../src/beam-search.js';
import { dominates, paretoUpdate } from '../src/pareto.js';
import type { ScoredSequence } from '../src/scored-sequence.js';
import { cand } from './fixtures.js';

const e = (index: number, score: number, div = 0.5, risk = 0.5, cost = 2): ScoredSequence => ({
  index,
  sequence: [cand(`S${index}`, 'BUY', 1)],
  result: { score, diversificationScore: div, riskScore: risk, transactionCost: cost },
});

describe('Pareto dominance (pipeline.md §4.7)', () => {
  it('needs at least as good everywhere and strictly better somewhere', () => {
    expect(dominates(e(0, 0.6), e(1, 0.5))).toBe(true);
    expect(dominates(e(0, 0.5, 0.5, 0.5, 1), e(1, 0.5))).toBe(true);
    expect(dominates(e(0, 0.5), e(1, 0.5))).toBe(false);
    expect(dominates(e(0, 0.6, 0.4), e(1, 0.5))).toBe(false);
    expect(dominates(e(0, 0.6, 0.5, 0.5, 3), e(1, 0.5))).toBe(false);
  });
});

describe('paretoUpdate', () => {
  it('removes dominated entries, skips a dominated newcomer, sorts by score with the newcomer after ties, truncates', () => {
    const beam: ScoredSequence[] = [];
    paretoUpdate(beam, e(0, 0.5, 0.9), 3);
    paretoUpdate(beam, e(1, 0.6, 0.1), 3);
    expect(beam.map((x) => x.index)).toEqual([1, 0]);
    paretoUpdate(beam, e(2, 0.4, 0.1), 3);
    expect(beam.map((x) => x.index)).toEqual([1, 0]);
    paretoUpdate(beam, e(3, 0.5, 0.1, 0.9), 3);
    expect(beam.map((x) => x.index)).toEqual([1, 0, 3]);
    paretoUpdate(beam, e(4, 0.7, 0.2, 0.5, 1), 3);
    expect(beam.map((x) => x.index)).toEqual([4, 0, 3]);
    // Not dominated, but the lowest score: cut by the width.
    paretoUpdate(beam, e(6, 0.45, 0.99, 0.1, 5), 3);
    expect(beam.map((x) => x.index)).toEqual([4, 0, 3]);
    paretoUpdate(beam, e(5, 0.8, 0.95, 0.95, 0), 3);
    expect(beam.map((x) => x.index)).toEqual([5]);
  });

  it('counts a batch as updated only when the frontier grew in size', () => {
    const b = new BeamSearch({ beamWidth: 10, multiObjective: true, plateauNeverResets: true, total: 100 });
    b.offer(e(0, 0.5, 0.9));
    b.offer(e(1, 0.6, 0.1));
    expect(b.plateau).toBe(0);
    // Dominates both: the frontier shrinks to one, so this counts as no update although it is the new best.
    b.offer(e(2, 0.7, 0.95));
    expect(b.plateau).toBe(1);
    expect(b.winner()?.index).toBe(2);
    expect(b.best).toBe(0.7);
  });
});
