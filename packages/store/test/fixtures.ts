import { createHash } from 'node:crypto';
import { candidate } from '@planner/testkit';
import type { ActionCandidate, Sequence, StoredResult, StoredSequence, WorkKey } from '@planner/contracts';

const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'SAP', 'ASML', 'NESN', 'BABA', 'TSM'];

function action(i: number, j: number): ActionCandidate {
  const symbol = SYMBOLS[(i * 7 + j * 3) % SYMBOLS.length] as string;
  const side = (i + j) % 3 === 0 ? 'SELL' : 'BUY';
  const quantity = 1 + ((i * 13 + j) % 17);
  const price = 10 + ((i * 31 + j * 7) % 90);
  return candidate(side, symbol, {
    quantity,
    price,
    priority: ((i * 17 + j * 5) % 100) / 100,
    reason: `fixture ${i}.${j}`,
    tags: j === 0 ? ['first'] : [],
  });
}

/** `n` distinct deterministic sequences of depth 1..4 with md5 hashes, indexes 0..n-1. */
export function makeSequences(n: number): StoredSequence[] {
  const out: StoredSequence[] = [];
  for (let i = 0; i < n; i++) {
    const depth = 1 + (i % 4);
    const sequence: Sequence = Array.from({ length: depth }, (_, j) => action(i, j));
    out.push({ index: i, hash: createHash('md5').update(JSON.stringify(sequence)).digest('hex'), sequence });
  }
  return out;
}

/** The simple deterministic evaluation of the store tests: a score from the sequence's content; every 10th is infeasible (0). */
export function evaluate(s: StoredSequence): StoredResult {
  let value = 0;
  for (const a of s.sequence) value += (a.side === 'BUY' ? 1 : -0.5) * a.valueEur * a.priority;
  const score = s.index % 10 === 9 ? 0 : 0.5 + 0.5 * Math.tanh(value / 1000);
  return { index: s.index, hash: s.hash, score, diversificationScore: score / 2, riskScore: 1 - score, transactionCost: s.sequence.length * 2 };
}

/** The best by the store's rule: highest score above 0, ties to the lowest index. */
export function expectedBest(sequences: readonly StoredSequence[]): StoredResult | null {
  let best: StoredResult | null = null;
  for (const s of sequences) {
    const r = evaluate(s);
    if (r.score > 0 && (best === null || r.score > best.score)) best = r;
  }
  return best;
}

export const key = (bucket: string, portfolioHash = 'p1', configHash = 'c1'): WorkKey => ({ bucket, portfolioHash, configHash });

/** mulberry32: a seeded generator of numbers in [0, 1), so a fault test's random points can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
