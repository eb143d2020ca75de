import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashSequence, hasDuplicateSymbol, sequenceJson, sequenceKey, sumPriority } from '../src/sequence-hash.js';
import { action } from './fixtures.js';

describe('hashSequence', () => {
  it('matches the spec vectors', () => {
    expect(hashSequence([action('AAPL', 'BUY', 10), action('MSFT', 'SELL', 5)])).toBe('9b8e9e3e3321134827881dc4314ef36e');
    expect(hashSequence([action('AAA', 'BUY', 5)])).toBe('363fad922f112c68d1e7b5cae2f2e179');
    expect(hashSequence([action('AAA', 'BUY', 5), action('BBB', 'SELL', 3)])).toBe('22fb873dfd940446a9e7d294780fb868');
    expect(hashSequence([])).toBe('d751713988987e9331980363e24189ce');
  });
  it('ignores price, value and reason but not order', () => {
    const a = action('AAA', 'BUY', 5);
    const b = action('BBB', 'SELL', 3);
    expect(hashSequence([{ ...a, price: 99, valueEur: 1, reason: 'x' }, b])).toBe(hashSequence([a, b]));
    expect(hashSequence([b, a])).not.toBe(hashSequence([a, b]));
  });
  it('writes non-finite quantities as Python json.dumps does (NaN, Infinity, -Infinity)', () => {
    const q = (quantity: number) => sequenceJson([action('A', 'BUY', quantity)]);
    expect([q(Number.NaN), q(Number.POSITIVE_INFINITY), q(Number.NEGATIVE_INFINITY)]).toEqual([
      '[["A", "BUY", NaN]]', '[["A", "BUY", Infinity]]', '[["A", "BUY", -Infinity]]',
    ]);
  });
  it('writes non-ASCII and float quantities as Python json.dumps', () => {
    const seq = [action('ÄÖ\u007f\n€😀', 'BUY', 1.5e-7), action('X', 'SELL', 1e16), action('Y', 'BUY', 2.5)];
    expect(sequenceJson(seq)).toBe(
      '[["\\u00c4\\u00d6\\u007f\\n\\u20ac\\ud83d\\ude00", "BUY", 1.5e-07], ["X", "SELL", 1e+16], ["Y", "BUY", 2.5]]',
    );
    expect(hashSequence(seq)).toBe('4fdee8a15f40c8dbda0f1c32d8294511');
  });
  it('the pure-JS md5 gives the bytes of Node\'s crypto md5 (property)', () => {
    const side = fc.constantFrom('BUY' as const, 'SELL' as const);
    const step = fc.tuple(fc.string({ unit: 'binary', maxLength: 40 }), side, fc.double({ noNaN: true }));
    fc.assert(fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
      const seq = steps.map(([symbol, s, q]) => action(symbol, s, q));
      expect(hashSequence(seq)).toBe(createHash('md5').update(sequenceJson(seq), 'utf8').digest('hex'));
    }), { numRuns: 200 });
  });
});

describe('sequence helpers', () => {
  it('sequenceKey depends on symbols and sides in order only', () => {
    const k = sequenceKey([action('A', 'BUY', 1), action('B', 'SELL', 2)]);
    expect(sequenceKey([action('A', 'BUY', 7), action('B', 'SELL', 9)])).toBe(k);
    expect(sequenceKey([action('B', 'SELL', 2), action('A', 'BUY', 1)])).not.toBe(k);
    expect(sequenceKey([action('A', 'SELL', 1), action('B', 'SELL', 2)])).not.toBe(k);
  });
  it('hasDuplicateSymbol finds a repeated symbol regardless of side', () => {
    expect(hasDuplicateSymbol([action('A', 'BUY', 1), action('B', 'BUY', 1)])).toBe(false);
    expect(hasDuplicateSymbol([action('A', 'SELL', 1), action('B', 'BUY', 1), action('A', 'BUY', 1)])).toBe(true);
    expect(hasDuplicateSymbol([])).toBe(false);
  });
  it('sumPriority sums left to right', () => {
    expect(sumPriority([action('A', 'BUY', 1, { priority: 0.1 }), action('B', 'BUY', 1, { priority: 0.2 })])).toBe(0.1 + 0.2);
    expect(sumPriority([])).toBe(0);
  });
});
