import type { StoredSequence } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { createBatchEvaluator } from '../src/batch-evaluator.js';
import { allFakes, cand, config, fakeEvaluator, snapshot } from './fixtures.js';

// Twenty stored sequences.
const stored: StoredSequence[] = Array.from({ length: 20 }, (_, i) => ({
  index: i,
  hash: `h${i}`,
  sequence: [cand(i % 2 === 0 ? 'D' : 'E', 'BUY', 0.5, { valueEur: 10 * (i + 1) })],
}));

describe('BatchEvaluator.evaluateUntil (a stop keeps what was evaluated)', () => {
  const evaluator = () => createBatchEvaluator({ snapshot: snapshot(), config: config(), modules: allFakes, seed: 7 });

  it('without a stop gives the results of evaluate', async () => {
    expect(await evaluator().evaluateUntil(stored, new AbortController().signal)).toEqual(evaluator().evaluate(stored));
  });

  it('a signal aborted before the call evaluates nothing', async () => {
    const stop = new AbortController();
    stop.abort();
    expect(await evaluator().evaluateUntil(stored, stop.signal)).toEqual([]);
  });

  it('a stop during the batch gives a prefix, in order, with the scores of an uninterrupted run', async () => {
    const stop = new AbortController();
    let calls = 0;
    // The scorer aborts at its fifth evaluation, as a SIGINT handler run between two evaluations would.
    const scorer = fakeEvaluator('single_objective', { fail: () => (++calls === 5 && stop.abort(), false) });
    const stopping = createBatchEvaluator({ snapshot: snapshot(), config: config(), modules: [...allFakes.slice(0, -1), scorer], seed: 7 });
    const partial = await stopping.evaluateUntil(stored, stop.signal);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(stored.length);
    expect(partial).toEqual(evaluator().evaluate(stored).slice(0, partial.length));
  });
});
