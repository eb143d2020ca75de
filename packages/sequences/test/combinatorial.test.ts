import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plannerSettings } from '@planner/testkit';
import { combinatorial, enumerateCombinations } from '../src/combinatorial.js';
import { enhancedCombinatorial } from '../src/enhanced-combinatorial.js';
import type { DepthLimits } from '../src/depth-limits.js';
import { buy, depthInput, noDraws, sell, symbols } from './fixtures.js';

const limits = (over: Partial<DepthLimits> = {}): DepthLimits => ({
  maxSells: 2,
  maxBuys: 2,
  maxSteps: 3,
  priorityThreshold: 0.3,
  maxCombinations: 50,
  maxCandidates: 12,
  ...over,
});

const S = [sell('S1', 0.9), sell('S2', 0.5), sell('S3', 0.2)];
const B = [buy('B1', 0.8), buy('B2', 0.6)];

describe('enumerateCombinations (spec §2.1)', () => {
  it('example 2.1-A: lexicographic sell×buy enumeration', () => {
    expect(symbols(enumerateCombinations(S, B, limits()))).toEqual([
      ['S1', 'B1'], ['S1', 'B2'], ['S1', 'B1', 'B2'],
      ['S2', 'B1'], ['S2', 'B2'], ['S2', 'B1', 'B2'],
      ['S1', 'S2', 'B1'], ['S1', 'S2', 'B2'],
    ]);
  });

  it('example 2.1-B: the cap keeps a prefix; no buys gives nothing', () => {
    expect(symbols(enumerateCombinations(S, B, limits({ maxCombinations: 4 })))).toEqual([
      ['S1', 'B1'], ['S1', 'B2'], ['S1', 'B1', 'B2'], ['S2', 'B1'],
    ]);
    expect([...enumerateCombinations(S, [], limits())]).toEqual([]);
    expect([...enumerateCombinations([], B, limits())]).toEqual([]);
    expect([...enumerateCombinations(S, B, limits({ maxCombinations: 0 }))]).toEqual([]);
  });

  it('the cap keeps a prefix at every value, whichever loop level it is reached at', () => {
    // caps 2, 3 and 6 run out exactly at the end of a buy count, of a sell subset and of a sell count
    const full = symbols(enumerateCombinations(S, B, limits()));
    for (let cap = 0; cap <= full.length + 1; cap++) {
      expect(symbols(enumerateCombinations(S, B, limits({ maxCombinations: cap })))).toEqual(full.slice(0, cap));
    }
  });

  it('sell subsets follow itertools.combinations order: (S1,S2), (S1,S3), (S2,S3)', () => {
    const sells = [sell('S1', 0.9), sell('S2', 0.9), sell('S3', 0.9)];
    expect(symbols(enumerateCombinations(sells, B, limits({ maxBuys: 1 })))).toEqual([
      ['S1', 'B1'], ['S1', 'B2'], ['S2', 'B1'], ['S2', 'B2'], ['S3', 'B1'], ['S3', 'B2'],
      ['S1', 'S2', 'B1'], ['S1', 'S2', 'B2'], ['S1', 'S3', 'B1'], ['S1', 'S3', 'B2'], ['S2', 'S3', 'B1'], ['S2', 'S3', 'B2'],
    ]);
  });

  it('threshold is inclusive: 0.3 passes, just below does not', () => {
    const out = symbols(enumerateCombinations([sell('A', 0.3), sell('Z', 0.29999)], [buy('B', 0.3)], limits()));
    expect(out).toEqual([['A', 'B']]);
  });

  it('keeps input order (no sort) and truncates to maxCandidates', () => {
    const out = symbols(enumerateCombinations([sell('LO', 0.4), sell('HI', 0.9)], [buy('B1'), buy('B2')], limits({ maxSells: 1, maxBuys: 1, maxCandidates: 1 })));
    expect(out).toEqual([['LO', 'B1']]);
  });

  it('is lazy: taking one sequence of a huge space builds only that one', () => {
    const many = Array.from({ length: 50 }, (_, i) => sell(`S${i}`, 0.9));
    const buys = Array.from({ length: 50 }, (_, i) => buy(`B${i}`, 0.9));
    const it = enumerateCombinations(many, buys, limits({ maxSells: 10, maxBuys: 10, maxSteps: 10, maxCombinations: 1000, maxCandidates: 50 }));
    expect(symbols([it.next().value!])).toEqual([['S0', 'B0']]);
  });

  it('never emits a value-equal sequence twice when candidates repeat', () => {
    const b = buy('B1', 0.8);
    const out = [...enumerateCombinations([sell('S1', 0.9)], [b, { ...b }], limits({ maxSells: 1, maxBuys: 1, maxSteps: 2 }))];
    expect(symbols(out)).toEqual([['S1', 'B1']]);
  });

  it('property: cap, step limit, sells before buys, no duplicates', () => {
    const cand = fc.record({ sym: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G'), p: fc.double({ min: 0, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(
        fc.array(cand, { maxLength: 8 }),
        fc.array(cand, { maxLength: 8 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 30 }),
        (ss, bb, maxSells, maxBuys, maxSteps, cap) => {
          const sells = ss.map((c, i) => sell(`${c.sym}${i}`, c.p));
          const buys = bb.map((c, i) => buy(`${c.sym}${i}`, c.p));
          const out = [...enumerateCombinations(sells, buys, limits({ maxSells, maxBuys, maxSteps, maxCombinations: cap, maxCandidates: 5 }))];
          expect(out.length).toBeLessThanOrEqual(cap);
          const keys = new Set<string>();
          for (const seq of out) {
            expect(seq.length).toBeLessThanOrEqual(maxSteps);
            const firstBuy = seq.findIndex((a) => a.side === 'BUY');
            expect(firstBuy).toBeGreaterThan(0);
            expect(seq.slice(firstBuy).every((a) => a.side === 'BUY')).toBe(true);
            expect(firstBuy).toBeLessThanOrEqual(maxSells);
            expect(seq.length - firstBuy).toBeLessThanOrEqual(maxBuys);
            keys.add(seq.map((a) => a.symbol).join());
          }
          expect(keys.size).toBe(out.length);
        },
      ),
      { seed: 42 },
    );
  });
});

describe('combinatorial module (per-depth invocation, spec §2.3)', () => {
  const opportunities = { profit_taking: [sell('P', 0.9)], rebalance_sells: [sell('R', 0.5)], averaging_down: [buy('A', 0.8)], opportunity_buys: [buy('O', 0.6)] };

  it('params: {} parses to the monolith constants', () => {
    expect(combinatorial.params.parse({})).toEqual({ maxSells: 4, maxBuys: 4, maxCombinations: 50, maxCandidates: 12 });
    expect(combinatorial.stage).toBe('depth');
    expect(() => combinatorial.params.parse({ maxSells: 11 })).toThrow();
  });

  it('depth 1 has no sells (depth // 2 = 0), so nothing', () => {
    expect([...combinatorial.generate(depthInput(opportunities, 1, noDraws), combinatorial.params.parse({}))]).toEqual([]);
  });

  it('depth 3: one sell, sells = profit_taking ++ rebalance_sells, buys = averaging_down ++ … ++ opportunity_buys', () => {
    const out = symbols(combinatorial.generate(depthInput(opportunities, 3, noDraws), combinatorial.params.parse({})));
    expect(out).toEqual([['P', 'A'], ['P', 'O'], ['P', 'A', 'O'], ['R', 'A'], ['R', 'O'], ['R', 'A', 'O']]);
  });

  it('either sell list may be absent: profit_taking alone, rebalance_sells alone', () => {
    const params = combinatorial.params.parse({});
    const run = (o: Parameters<typeof depthInput>[0]) => symbols(combinatorial.generate(depthInput(o, 2, noDraws), params));
    expect(run({ profit_taking: [sell('P', 0.9)], rebalance_buys: [buy('RB', 0.9)] })).toEqual([['P', 'RB']]);
    expect(run({ rebalance_sells: [sell('R', 0.9)], rebalance_buys: [buy('RB', 0.9)] })).toEqual([['R', 'RB']]);
  });

  it('advice (pipeline.md §2.8 warnings 3 and 10): fewer than two patterns, max_combinations above 100', () => {
    const call = (patterns: string[]) => ({
      settings: plannerSettings(),
      enabled: { calculators: [], patterns, sequenceGenerators: ['combinatorial'], filters: [] },
    });
    expect(combinatorial.advise!(combinatorial.params.parse({}), call(['a', 'b']))).toEqual([]);
    expect(combinatorial.advise!(combinatorial.params.parse({ maxCombinations: 100 }), call(['a']))).toEqual([
      'combinatorial generators work best with several patterns enabled (currently: 1)',
    ]);
    expect(combinatorial.advise!(combinatorial.params.parse({ maxCombinations: 101 }), call(['a', 'b']))).toEqual([
      'combinatorial generator max_combinations=101 may cause very long planning times',
    ]);
    // the enhanced generator shares warning 3 only
    expect(enhancedCombinatorial.advise!(enhancedCombinatorial.params.parse({ maxCombinations: 101 }), call([]))).toEqual([
      'combinatorial generators work best with several patterns enabled (currently: 0)',
    ]);
    expect(enhancedCombinatorial.advise!(enhancedCombinatorial.params.parse({ maxCombinations: 101 }), call(['a', 'b']))).toEqual([]);
  });

  it('uses the planner threshold unless the param sets one', () => {
    const params = combinatorial.params.parse({});
    const high = symbols(combinatorial.generate(depthInput(opportunities, 2, noDraws, { priorityThreshold: 0.7 }), params));
    expect(high).toEqual([['P', 'A']]);
    const own = symbols(combinatorial.generate(depthInput(opportunities, 2, noDraws, { priorityThreshold: 0.7 }), combinatorial.params.parse({ priorityThreshold: 0.1 })));
    expect(own).toHaveLength(4);
  });
});
