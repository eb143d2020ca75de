import type { StoredSequence } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { createBatchEvaluator } from '../src/batch-evaluator.js';
import { allFakes, cand, config, snapshot } from './fixtures.js';

// Twenty stored sequences: more than two of the stop checks' groups of eight.
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
    const running = evaluator().evaluateUntil(stored, stop.signal);
    stop.abort(); // seen at the first look after the first group
    const partial = await running;
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(stored.length);
    expect(partial).toEqual(evaluator().evaluate(stored).slice(0, partial.length));
  });
});
