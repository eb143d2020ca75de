import { describe, expect, it } from 'vitest';
import { canonicalJson, configHash, portfolioHash, workKey } from '../src/work-key.js';
import { config, snapshot } from './fixtures.js';

describe('work key', () => {
  it('canonical JSON sorts object keys and writes Maps as entry lists in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: new Map([['x', { q: 1, p: 2 }]]) } })).toBe(
      '{"a":{"c":[["x",{"p":2,"q":1}]],"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('equal inputs give equal keys, whatever order their keys were built in', () => {
    const s = snapshot();
    const reordered = Object.fromEntries(Object.entries(s).reverse()) as typeof s;
    expect(portfolioHash(reordered)).toBe(portfolioHash(s));
    expect(workKey('core', s, config(), 7)).toEqual(workKey('core', reordered, config(), 7));
    expect(configHash({ ...config(), warnings: ['something'] }, 7)).toBe(configHash(config(), 7));
  });

  it('anything the plan reads changes the portfolio hash: holdings, cash, prices, asOf', () => {
    const s = snapshot();
    const h = portfolioHash(s);
    expect(portfolioHash({ ...s, cash: { EUR: 1000.01 } })).not.toBe(h);
    expect(portfolioHash({ ...s, asOf: '2026-01-03T12:00:00Z' })).not.toBe(h);
    expect(portfolioHash({ ...s, positions: s.positions.map((p, i) => (i === 0 ? { ...p, quantity: 11 } : p)) })).not.toBe(h);
    expect(portfolioHash({ ...s, securities: s.securities.map((x, i) => (i === 4 ? { ...x, price: 100.5 } : x)) })).not.toBe(h);
  });

  it('the configuration, a module\'s params, the module order and the seed change the config hash', () => {
    const h = configHash(config(), 7);
    expect(configHash(config({ planner: { maxDepth: 4 } }), 7)).not.toBe(h);
    expect(configHash(config(), 8)).not.toBe(h);
    expect(configHash(config({ calculators: ['fake_sells', 'fake_buys'] }), 7)).not.toBe(h);
    expect(configHash(config({ calculators: [['fake_buys', { enabled: true, params: { boost: 1 } }], 'fake_sells'] }), 7)).not.toBe(h);
    expect(workKey('core', snapshot(), config(), 7).bucket).toBe('core');
  });
});
