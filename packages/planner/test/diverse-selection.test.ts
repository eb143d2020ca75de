import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterKey, selectDiverse } from '../src/diverse-selection.js';
import { selectDiverseSlow } from './diverse-selection-slow.js';
import { cand, security } from './fixtures.js';

const secs = new Map(
  [
    security('GOOGL', { country: 'US' }), security('NVDA', { country: 'US' }), security('AAPL', { country: 'US' }),
    security('1299', { country: 'HK' }), security('ULVR', { country: 'UK' }), security('IBE', { country: 'ES' }),
  ].map((s) => [s.symbol, s]),
);
const buys = [
  cand('GOOGL', 'BUY', 0.861), cand('NVDA', 'BUY', 0.831), cand('AAPL', 'BUY', 0.791),
  cand('1299', 'BUY', 0.791), cand('ULVR', 'BUY', 0.745), cand('IBE', 'BUY', 0.708),
];
const symbols = (l: { symbol: string }[]) => l.map((c) => c.symbol);
const opts = { maxCount: 5, securitiesBySymbol: secs, diversityWeight: 0.3, rerankIgnoresClusters: true };

describe('selectDiverse (pipeline.md §5.3)', () => {
  it('reproduces the worked example with the reference re-rank (compat #23)', () => {
    expect(symbols(selectDiverse(buys, opts))).toEqual(['GOOGL', 'NVDA', '1299', 'ULVR', 'IBE']);
  });

  it('gives the cluster-aware order when the quirk is switched off', () => {
    expect(symbols(selectDiverse(buys, { ...opts, rerankIgnoresClusters: false }))).toEqual(['1299', 'ULVR', 'IBE', 'GOOGL', 'NVDA']);
  });

  it('keeps the cluster order of steps 4–5 when the diversity weight is 1 (every key ties)', () => {
    expect(symbols(selectDiverse(buys, { ...opts, diversityWeight: 1 }))).toEqual(['GOOGL', '1299', 'ULVR', 'IBE', 'NVDA']);
  });

  it('returns short lists unchanged and nothing for a non-positive cap', () => {
    expect(symbols(selectDiverse(buys.slice(0, 5), opts))).toEqual(['GOOGL', 'NVDA', 'AAPL', '1299', 'ULVR']);
    expect(selectDiverse(buys, { ...opts, maxCount: 0 })).toEqual([]);
    expect(selectDiverse([], opts)).toEqual([]);
  });

  it('clusters by symbol prefix without securities, by industry without a country', () => {
    expect(clusterKey(cand('ABCDE', 'BUY', 1), null)).toBe('SYMBOL:ABC');
    expect(clusterKey(cand('X', 'BUY', 1), new Map([['X', security('X', { country: '', industry: 'Banks' })]]))).toBe('INDUSTRY:Banks');
    expect(clusterKey(cand('XYZW', 'BUY', 1), new Map([['XYZW', security('XYZW', { country: '', industry: '' })]]))).toBe('SYMBOL:XYZ');
  });

  it('fills from the remaining candidates by priority when clusters are too few', () => {
    // Two clusters, cap 5: quota 2 each gives AAA1, AAA2, BBB1; the fill adds AAA3, AAA4 by priority,
    // so AAA5 (0.55) loses to BBB1 (0.5), the only member of its cluster.
    const l = [
      cand('AAA1', 'BUY', 0.9), cand('AAA2', 'BUY', 0.8), cand('AAA3', 'BUY', 0.7), cand('AAA4', 'BUY', 0.6),
      cand('AAA5', 'BUY', 0.55), cand('BBB1', 'BUY', 0.5),
    ];
    expect(symbols(selectDiverse(l, { ...opts, securitiesBySymbol: null }))).toEqual(['AAA1', 'AAA2', 'AAA3', 'AAA4', 'BBB1']);
    // Four clusters, cap 3: quota max(1, 0) = 1; clusters by summed priority stop once 3 are taken.
    const m = [cand('BBB1', 'BUY', 0.9), cand('BBB2', 'BUY', 0.85), cand('CCC1', 'BUY', 0.5), cand('DDD1', 'BUY', 0.4), cand('EEE1', 'BUY', 0.3)];
    expect(symbols(selectDiverse(m, { ...opts, maxCount: 3, securitiesBySymbol: null }))).toEqual(['BBB1', 'CCC1', 'DDD1']);
  });

  it('returns min(cap, n) distinct input candidates in priority order (property)', () => {
    const item = fc.record({ sym: fc.constantFrom('AAA1', 'AAA2', 'BBB1', 'CCC1', 'DDD1', 'EEE1', 'FFF1'), p: fc.integer({ min: 1, max: 200 }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.integer({ min: 1, max: 8 }), (items, cap) => {
        const list = items.map((x, i) => cand(`${x.sym}${i}`, 'BUY', x.p / 100)).sort((a, b) => b.priority - a.priority);
        const out = selectDiverse(list, { ...opts, maxCount: cap, securitiesBySymbol: null });
        expect(out.length).toBe(Math.min(cap, list.length));
        expect(new Set(out).size).toBe(out.length);
        for (const c of out) expect(list).toContain(c);
        for (let i = 1; i < out.length; i++) expect(out[i - 1]!.priority).toBeGreaterThanOrEqual(out[i]!.priority);
      }),
      { seed: 42 },
    );
  });

  it('equals the key-string implementation (property: clusters by country, industry or prefix, ties, value-equal copies)', () => {
    const universe = ['AAA1', 'AAA2', 'BBB1', 'CCC1', 'DDD1', 'EEE1', 'FFF1', 'GGG1'];
    const sec = fc.record({ country: fc.constantFrom('', 'US', 'DE', 'Tech'), industry: fc.constantFrom('', 'Tech', 'US', 'Banks') });
    const item = fc.record({ sym: fc.constantFrom(...universe), p: fc.constantFrom(-0.1, 0, 0.3, 0.5, 0.5, 0.8, 150), copy: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(sec, { minLength: universe.length, maxLength: universe.length }),
        fc.boolean(),
        fc.array(item, { maxLength: 16 }),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom(-1, 0, 0.3, 1, 2),
        fc.boolean(),
        (specs, withSecs, items, cap, weight, ignore) => {
          const map = new Map(universe.map((u, i) => [u, security(u, specs[i])]));
          const list = [];
          for (const x of items) {
            const c = cand(x.sym, 'BUY', x.p);
            list.push(c);
            if (x.copy) list.push({ ...c });
          }
          list.sort((a, b) => b.priority - a.priority);
          const o = { maxCount: cap, securitiesBySymbol: withSecs ? map : null, diversityWeight: weight, rerankIgnoresClusters: ignore };
          const fast = selectDiverse(list, o);
          const slow = selectDiverseSlow(list, o);
          expect(fast.length).toBe(slow.length);
          fast.forEach((c, i) => expect(c).toBe(slow[i]));
        },
      ),
      { seed: 42 },
    );
  });
});
