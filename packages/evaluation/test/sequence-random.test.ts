import { createHash } from 'node:crypto';
import { createPythonRandom } from '@planner/context';
import type { Sequence } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { sequenceRandom } from '../src/sequence-random.js';
import { action } from './fixtures.js';

/** The seed as the node:crypto version computed it: the first 52 bits of md5, big-endian. */
function nodeSeed(runSeed: number, json: string): number {
  const h = createHash('md5').update(`${runSeed}\u0000${json}`, 'utf8').digest();
  return h.readUIntBE(0, 6) * 16 + ((h[6] as number) >> 4);
}

const a = (symbol: string, side: 'BUY' | 'SELL', quantity: number) => action(side, symbol, quantity, 10);
const cases: [number, Sequence, string, number, number][] = [
  [0, [], '[]', 0.6812879201678719, -1.4717824836859636],
  [42, [a('AAPL', 'BUY', 10), a('MSFT', 'SELL', 5)], '[["AAPL", "BUY", 10], ["MSFT", "SELL", 5]]', 0.5477762666629231, -0.33068809375382724],
  [123456789, [a('ÄÖ€', 'BUY', 1.5e-7)], '[["\\u00c4\\u00d6\\u20ac", "BUY", 1.5e-07]]', 0.84865396995687, -1.1498995469484012],
];

describe('sequenceRandom', () => {
  it.each(cases)('seed %d: the draws of the md5-seeded generator are unchanged (known vectors)', (runSeed, seq, json, first, gauss) => {
    const r = sequenceRandom(runSeed, seq);
    expect(r.random()).toBe(first);
    expect(r.gauss(0, 1)).toBe(gauss);
    const same = createPythonRandom(nodeSeed(runSeed, json));
    same.random();
    const again = sequenceRandom(runSeed, seq);
    again.random();
    expect(again.random()).toBe(same.random());
  });
});
