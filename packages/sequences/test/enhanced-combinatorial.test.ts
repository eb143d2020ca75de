import { WeightedPick, createPythonRandom } from '@planner/context';
import type { RandomSource, Security } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sequenceValueKey } from '../src/candidate-identity.js';
import { depthLimits } from '../src/depth-limits.js';
import type { DepthLimits } from '../src/depth-limits.js';
import { enhancedCombinatorial, priorityWeights, sample, sampleEnhancedCombinations, sampleGeneric, samplerSetup } from '../src/enhanced-combinatorial.js';
import { bucketTable } from '../src/sample-fast.js';
import { prepareFastSampler as browserFastSampler } from '../src/sample-fast-browser.js';
import { createSimilarityWindow as nodeWindow } from '../src/similarity-window.js';
import { createSimilarityWindow as browserWindow } from '../src/similarity-window-browser.js';
import { similarityChecker } from './similarity-checker.js';
import { buy, countingRng, depthInput, noDraws, security, sell, symbols } from './fixtures.js';

const limits = (over: Partial<DepthLimits> = {}): DepthLimits => ({
  maxSells: 1,
  maxBuys: 1,
  maxSteps: 2,
  priorityThreshold: 0.3,
  maxCombinations: 5,
  maxCandidates: 12,
  ...over,
});

const secMap = (...secs: Security[]) => new Map(secs.map((s) => [s.symbol, s]));

describe('sampleEnhancedCombinations (spec §2.4, reference _generate_enhanced_combinations)', () => {
  it('example 2.8-A: without securities every attempt is accepted, repeats included', () => {
    for (const seed of [1, 42, 7]) {
      const out = sampleEnhancedCombinations([sell('S', 0.9)], [buy('B', 0.8)], limits(), createPythonRandom(seed), null);
      expect(symbols(out)).toEqual(Array(5).fill(['S', 'B']));
    }
  });

  it('example 2.8-B: a second [S, B] is too similar; 15 attempts, one sequence', () => {
    const rng = countingRng(createPythonRandom(3));
    const secs = secMap(security('S', 'US', 'Technology'), security('B', 'US', 'Technology'));
    const out = sampleEnhancedCombinations([sell('S', 0.9)], [buy('B', 0.8)], limits(), rng, secs);
    expect(symbols(out)).toEqual([['S', 'B']]);
    // 15 attempts × (randint A, randint B, choices C, choices D)
    expect(rng.calls).toBe(60);
  });

  it('example 2.8-E: Python RNG seeded 42 reproduces the reference, stream position included', () => {
    const rng = createPythonRandom(42);
    const out = sampleEnhancedCombinations(
      [sell('S1', 0.9), sell('S2', 0.5)],
      [buy('B1', 0.8), buy('B2', 0.6), buy('B3', 0.4)],
      limits({ maxBuys: 2 }),
      rng,
      null,
    );
    expect(symbols(out)).toEqual([['S1', 'B1'], ['S1', 'B2'], ['S1', 'B1'], ['S1', 'B1'], ['S1', 'B1']]);
    // Python: random.random() right after the loop
    expect(rng.random()).toBe(0.869300320792934);
  });

  it('example 2.8-D: threshold, stable sort and candidate cap; weights 0.9167 / 0.0833', () => {
    const bs = [buy('B1', 0.2), buy('B2', 0.9), buy('B3', 0.5), buy('B4', 0.5)];
    const out = sampleEnhancedCombinations([], bs, limits({ maxSells: 0, maxSteps: 1, maxCandidates: 2, maxCombinations: 20 }), createPythonRandom(5), null);
    expect(out.length).toBe(20);
    const seen = new Set(symbols(out).map((s) => s.join()));
    for (const s of seen) expect(['B2', 'B3']).toContain(s);
    const w = priorityWeights([buy('B2', 0.9), buy('B3', 0.5)]);
    expect(w[0]).toBeCloseTo(1.1 / 1.2, 12);
    expect(w[1]).toBeCloseTo(0.1 / 1.2, 12);
  });

  it('weights: equal priorities give 1.0 each; empty gives []', () => {
    expect(priorityWeights([buy('A', 0.4), buy('B', 0.4)])).toEqual([1, 1]);
    expect(priorityWeights([])).toEqual([]);
  });

  it('threshold is inclusive: 0.3 is sampled, 0.29999 never', () => {
    const out = sampleEnhancedCombinations([], [buy('IN', 0.3), buy('OUT', 0.29999)], limits({ maxSells: 0, maxSteps: 1 }), createPythonRandom(1), null);
    expect(new Set(symbols(out).map((s) => s.join()))).toEqual(new Set(['IN']));
  });

  it('nothing passes: [] and no draws; maxCombinations 0: [] and no draws', () => {
    expect(sampleEnhancedCombinations([sell('S', 0.1)], [buy('B', 0.2)], limits(), noDraws, null)).toEqual([]);
    expect(sampleEnhancedCombinations([sell('S', 0.9)], [buy('B', 0.9)], limits({ maxCombinations: 0 }), noDraws, null)).toEqual([]);
  });

  it('only sells with maxSells 0 (depth 1): spins without drawing, []', () => {
    expect(sampleEnhancedCombinations([sell('S', 0.9)], [], limits({ maxSells: 0 }), noDraws, null)).toEqual([]);
  });

  it('drawn counts above maxSteps skip the attempt before any choices draw', () => {
    // ns = 1 and nb >= 1 with maxSteps 1: every attempt is skipped after draws A and B.
    const rng = countingRng(createPythonRandom(9));
    const out = sampleEnhancedCombinations([sell('S', 0.9)], [buy('B', 0.9)], limits({ maxSteps: 1 }), rng, null);
    expect(out).toEqual([]);
    expect(rng.calls).toBe(30);
  });

  it('keeps the first occurrence of a symbol drawn twice', () => {
    const out = sampleEnhancedCombinations([], [buy('A', 0.9), buy('B', 0.3)], limits({ maxSells: 0, maxBuys: 2, maxSteps: 2, maxCombinations: 30 }), createPythonRandom(11), null);
    for (const seq of out) expect(new Set(seq.map((a) => a.symbol)).size).toBe(seq.length);
  });
});

describe('similarity check (spec §2.5)', () => {
  const secs = secMap(
    security('A', 'US', 'Tech'),
    security('B', 'US', 'Tech'),
    security('C', 'DE', 'Tech,'),
    ...Array.from({ length: 12 }, (_, i) => security(`X${i}`, `C${i}`, `I${i}`)),
  );

  it('no map or an empty map accepts everything', () => {
    expect(similarityChecker(null)([buy('A')])).toBe(true);
    const check = similarityChecker(new Map());
    expect(check([buy('A')]) && check([buy('A')])).toBe(true);
  });

  it('identical profiles are rejected, disjoint ones accepted', () => {
    const check = similarityChecker(secs);
    expect(check([buy('A')])).toBe(true);
    expect(check([buy('B')])).toBe(false);
    expect(check([buy('C')])).toBe(true);
  });

  it('reference quirk: "Tech," keeps an empty industry piece', () => {
    const check = similarityChecker(secs);
    expect(check([buy('C')])).toBe(true);
    // {DE} vs {DE}: 1.0; {Tech, ""} vs {Tech}: 0.5 -> accepted
    const secs2 = secMap(security('C', 'DE', 'Tech,'), security('D', 'DE', 'Tech'));
    const c2 = similarityChecker(secs2);
    expect(c2([buy('C')])).toBe(true);
    expect(c2([buy('D')])).toBe(true);
  });

  it('Jaccard exactly 0.8 is not too similar; above is', () => {
    const five = secMap(
      ...['P', 'Q', 'R', 'S', 'T'].map((s, i) => security(s, `K${i}`, `J${i}`)),
      security('U', 'K0', 'J0'),
    );
    const check = similarityChecker(five);
    expect(check([buy('P'), buy('Q'), buy('R'), buy('S'), buy('T')])).toBe(true);
    // 4 of 5 countries and industries shared: 0.8, accepted
    expect(check([buy('P'), buy('Q'), buy('R'), buy('S')])).toBe(true);
    // identical to the second: rejected
    expect(check([buy('Q'), buy('R'), buy('S'), buy('P')])).toBe(false);
  });

  it('compares with the last ten accepted only', () => {
    const check = similarityChecker(secs);
    expect(check([buy('A')])).toBe(true);
    for (let i = 0; i < 9; i++) expect(check([buy(`X${i}`)])).toBe(true);
    expect(check([buy('B')])).toBe(false); // A is still among the last ten
    expect(check([buy('X9')])).toBe(true);
    expect(check([buy('B')])).toBe(true); // A has left the window
  });
});

describe('enhancedCombinatorial module', () => {
  it('params: {} parses to the monolith constants 4 / 4 / 50 / 12 (threshold and steps inherited)', () => {
    expect(enhancedCombinatorial.params.parse({})).toEqual({ maxSells: 4, maxBuys: 4, maxCombinations: 50, maxCandidates: 12 });
    expect(enhancedCombinatorial.stage).toBe('depth');
  });

  it('example 2.8-C: depth 1 with only a profit-taking sell draws nothing and yields nothing', () => {
    const out = [...enhancedCombinatorial.generate(depthInput({ profit_taking: [sell('P', 0.9)] }, 1, noDraws), enhancedCombinatorial.params.parse({}))];
    expect(out).toEqual([]);
  });

  it('emits each sequence once while consuming the reference draws (example 2.8-E through the module)', () => {
    const rng = createPythonRandom(42);
    const params = enhancedCombinatorial.params.parse({ maxBuys: 2, maxCombinations: 10 });
    // depth 2: maxSells = min(4, 1) = 1, maxBuys = min(2, 2) = 2, maxSteps = 2; maxCombinations raised to 10 for range
    const input = depthInput({ profit_taking: [sell('S1', 0.9)], rebalance_sells: [sell('S2', 0.5)], averaging_down: [buy('B1', 0.8)], rebalance_buys: [buy('B2', 0.6)], opportunity_buys: [buy('B3', 0.4)] }, 2, rng);
    const out = symbols(enhancedCombinatorial.generate(input, params));
    const reference = symbols(
      sampleEnhancedCombinations([sell('S1', 0.9), sell('S2', 0.5)], [buy('B1', 0.8), buy('B2', 0.6), buy('B3', 0.4)], limits({ maxBuys: 2, maxCombinations: 10 }), createPythonRandom(42), null),
    );
    const firstOf = reference.filter((s, i) => reference.findIndex((t) => t.join() === s.join()) === i);
    expect(out).toEqual(firstOf);
    expect(out.slice(0, 2)).toEqual([['S1', 'B1'], ['S1', 'B2']]);
  });

  it('depth caps: max_sells = depth // 2, max_buys = depth, max_steps = depth', () => {
    const opp = {
      profit_taking: [sell('P1', 0.9), sell('P2', 0.8), sell('P3', 0.7)],
      opportunity_buys: [buy('O1', 0.9), buy('O2', 0.8), buy('O3', 0.7), buy('O4', 0.6), buy('O5', 0.5)],
    };
    for (const depth of [1, 2, 3, 4, 5]) {
      const out = [...enhancedCombinatorial.generate(depthInput(opp, depth, createPythonRandom(depth)), enhancedCombinatorial.params.parse({}))];
      expect(out.length).toBeGreaterThan(0);
      for (const seq of out) {
        const nSells = seq.filter((a) => a.side === 'SELL').length;
        expect(nSells).toBeLessThanOrEqual(Math.floor(depth / 2));
        expect(seq.length - nSells).toBeLessThanOrEqual(Math.min(4, depth));
        expect(seq.length).toBeLessThanOrEqual(depth);
      }
    }
  });

  it('property: same seed same output; cap, step limit, sells first, no duplicates', () => {
    const cand = fc.record({ sym: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), p: fc.double({ min: 0, max: 1, noNaN: true }), country: fc.constantFrom('US', 'DE', ''), industry: fc.constantFrom('Tech', 'Banks', 'Tech, Banks', '') });
    fc.assert(
      fc.property(
        fc.array(cand, { maxLength: 8 }),
        fc.array(cand, { maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        (ss, bb, depth, seed, withSecs) => {
          const secs = new Map<string, Security>();
          for (const c of [...ss, ...bb]) secs.set(c.sym, security(c.sym, c.country, c.industry));
          const opp = { profit_taking: ss.map((c) => sell(c.sym, c.p)), rebalance_buys: bb.map((c) => buy(c.sym, c.p)) };
          const params = enhancedCombinatorial.params.parse({ maxCombinations: 10 });
          const run = () => [...enhancedCombinatorial.generate(depthInput(opp, depth, createPythonRandom(seed), { securitiesBySymbol: withSecs ? secs : null }), params)];
          const out = run();
          expect(run()).toEqual(out);
          expect(out.length).toBeLessThanOrEqual(10);
          const keys = new Set<string>();
          for (const seq of out) {
            expect(seq.length).toBeGreaterThan(0);
            expect(seq.length).toBeLessThanOrEqual(depth);
            const firstBuy = seq.findIndex((a) => a.side === 'BUY');
            if (firstBuy >= 0) expect(seq.slice(firstBuy).every((a) => a.side === 'BUY')).toBe(true);
            keys.add(JSON.stringify(seq));
          }
          expect(keys.size).toBe(out.length);
        },
      ),
      { seed: 42 },
    );
  });
});

describe('enhancedCombinatorial: integer picks (randomParts) and random() picks agree', () => {
  it('property: a source without randomParts gives the same sequences and leaves the stream at the same point', () => {
    const cand = fc.record({ sym: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G'), p: fc.double({ min: 0, max: 1, noNaN: true }), country: fc.constantFrom('US', 'DE', ''), industry: fc.constantFrom('Tech', 'Banks', '') });
    fc.assert(
      fc.property(fc.array(cand, { maxLength: 12 }), fc.array(cand, { maxLength: 12 }), fc.integer({ min: 1, max: 7 }), fc.nat(10_000), (ss, bb, depth, seed) => {
        const secs = new Map<string, Security>();
        for (const c of [...ss, ...bb]) secs.set(c.sym, security(c.sym, c.country, c.industry));
        const opp = { profit_taking: ss.map((c) => sell(c.sym, c.p)), rebalance_buys: bb.map((c) => buy(c.sym, c.p)) };
        const params = enhancedCombinatorial.params.parse({ maxCombinations: 30 });
        const withParts = createPythonRandom(seed);
        const inner = createPythonRandom(seed);
        // the four required methods only: the sampler takes its random() path
        const plain: RandomSource = {
          random: () => inner.random(),
          randint: (lo, hi) => inner.randint(lo, hi),
          choices: (pop, w, k) => inner.choices(pop, w, k),
          gauss: (mu, sigma) => inner.gauss(mu, sigma),
        };
        expect(withParts.randomParts).toBeDefined();
        const a = symbols(enhancedCombinatorial.generate(depthInput(opp, depth, withParts, { securitiesBySymbol: secs }), params));
        const b = symbols(enhancedCombinatorial.generate(depthInput(opp, depth, plain, { securitiesBySymbol: secs }), params));
        expect(a).toEqual(b);
        expect(withParts.random()).toBe(inner.random());
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('sampler picks at the exact integer thresholds', () => {
  it('draws equal to a threshold, one below and one above, pick as random() * total does', () => {
    const buys = [buy('B0', 0.9), buy('B1', 0.7), buy('B2', 0.5), buy('B3', 0.35)];
    const table = new WeightedPick(priorityWeights(buys));
    const script: [number, number][] = [];
    for (let j = 0; j < 3; j++) {
      const h = table.high![j]!;
      const l = table.low[j]!;
      script.push([h, l], [h, l - 1], [h, l + 1], [h - 1, l], [h + 1, l]);
    }
    // a source that replays the script: randint(1, 1) is 1, each pick takes the next draw
    const scripted = (withParts: boolean): RandomSource => {
      let next = 0;
      const take = () => script[next++ % script.length]!;
      const source: RandomSource = {
        random: () => {
          const [a, b] = take();
          return (a * 2 ** 26 + b) / 2 ** 53;
        },
        randint: (lo) => lo,
        choices: () => [],
        gauss: () => 0,
      };
      if (withParts) {
        source.randomParts = (out) => {
          const [a, b] = take();
          out[0] = a;
          out[1] = b;
        };
        // The same script as words (Node's fast loop reads them): per attempt the randint(1, 1)
        // word (top bit clear), then a << 5 and b << 6 (random() = (w0 >>> 5, w1 >>> 6)).
        const words = new Int32Array(script.length * 3);
        script.forEach(([a, b], i) => {
          words[3 * i + 1] = a << 5;
          words[3 * i + 2] = b << 6;
        });
        let at = 0;
        source.wordBlock = () => words;
        source.wordIndex = () => at;
        source.setWordIndex = (i) => {
          at = i;
        };
      }
      return source;
    };
    const run = (withParts: boolean) =>
      symbols(sampleEnhancedCombinations([], buys, limits({ maxSells: 0, maxBuys: 1, maxSteps: 1, maxCombinations: script.length }), scripted(withParts), null));
    const viaParts = run(true);
    expect(viaParts).toHaveLength(script.length);
    expect(viaParts).toEqual(run(false));
    // at a threshold the pick moves to the next candidate; one below it stays
    expect(viaParts.slice(0, 2)).toEqual([['B1'], ['B0']]);
    // the same on the sell side
    const sells = buys.map((c) => sell(c.symbol, c.priority));
    const runSells = (withParts: boolean) =>
      symbols(sampleEnhancedCombinations(sells, [], limits({ maxSells: 1, maxBuys: 0, maxSteps: 1, maxCombinations: script.length }), scripted(withParts), null));
    expect(runSells(true)).toEqual(viaParts);
    expect(runSells(false)).toEqual(viaParts);
    // the generic loop's integer bisection (the browser's; Node's where the fast loop does not apply)
    const genericLimits = limits({ maxSells: 0, maxBuys: 1, maxSteps: 1, maxCombinations: script.length });
    expect(symbols(sampleGeneric(samplerSetup([], buys, 0.3, 12, null), genericLimits, scripted(true), false))).toEqual(viaParts);
  });
});

describe('enhancedCombinatorial repeat dropping', () => {
  it('property: emits the first occurrence (by value) of each sampled sequence, in sampling order', () => {
    const cand = fc.record({ sym: fc.constantFrom('A', 'B', 'C'), p: fc.constantFrom(0.4, 0.7, 0.9) });
    fc.assert(
      fc.property(fc.array(cand, { maxLength: 5 }), fc.array(cand, { maxLength: 5 }), fc.integer({ min: 1, max: 5 }), fc.nat(1000), (ss, bb, depth, seed) => {
        // value-equal copies in two categories each: repeats come from equal values, not only equal objects
        const sells = ss.map((c) => sell(c.sym, c.p));
        const buys = bb.map((c) => buy(c.sym, c.p));
        const opp = { profit_taking: sells, rebalance_sells: sells.map((c) => ({ ...c })), rebalance_buys: buys, opportunity_buys: buys.map((c) => ({ ...c })) };
        const params = enhancedCombinatorial.params.parse({ maxCombinations: 20 });
        const input = depthInput(opp, depth, createPythonRandom(seed));
        const out = [...enhancedCombinatorial.generate(input, params)].map(sequenceValueKey);
        const lim = depthLimits(input, params);
        const all = sampleEnhancedCombinations([...opp.profit_taking, ...opp.rebalance_sells], [...opp.rebalance_buys, ...opp.opportunity_buys], lim, createPythonRandom(seed), null).map(sequenceValueKey);
        expect(out).toEqual([...new Set(all)]);
      }),
      { seed: 42 },
    );
  });
});

// Node's windows and the browser bundle's ('#similarity-window', package.json "imports": multi-word bit sets only).
for (const [variant, createSimilarityWindow] of [['Node', nodeWindow], ['browser', browserWindow]] as const) {
  describe(`${variant}: createSimilarityWindow (the bit-set form used by the sampler)`, () => {
    it('agrees with similarityChecker on random candidate sets and sequences', () => {
      const countries = ['US', 'DE', 'FR', 'JP', ''];
      const industries = ['Tech', 'Tech,', 'Banks, Insurance', 'Energy', '', ' Tech , Energy'];
      const arb = fc.record({
        secs: fc.array(fc.tuple(fc.constantFrom(...countries), fc.constantFrom(...industries)), { minLength: 1, maxLength: 40 }),
        unknown: fc.integer({ min: 0, max: 2 }),
        nSells: fc.integer({ min: 0, max: 6 }),
        picks: fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 4 })), { maxLength: 30 }),
      });
      fc.assert(
        fc.property(arb, ({ secs: specs, unknown, nSells, picks }) => {
          const all = specs.map(([c, i], k) => security(`S${k}`, c, i));
          const map = secMap(...all);
          // candidates of symbols the map does not hold come first (they add nothing to a profile)
          const names = [...Array.from({ length: unknown }, (_, k) => `U${k}`), ...all.map((s) => s.symbol)];
          const candidates = names.map((sym, k) => (k < nSells ? sell(sym, 0.5) : buy(sym, 0.5)));
          const sells = candidates.slice(0, Math.min(nSells, candidates.length));
          const buys = candidates.slice(sells.length);
          const slow = similarityChecker(map);
          const fast = createSimilarityWindow(sells, buys, map);
          for (const [sp, bp] of picks) {
            const sPos = sells.length ? sp.map((x) => x % sells.length) : [];
            const bPos = buys.length ? bp.map((x) => x % buys.length) : [];
            const seq = [...sPos.map((p) => sells[p]!), ...bPos.map((p) => buys[p]!)];
            const expected = slow(seq);
            expect(fast.accept(Int32Array.from(sPos), sPos.length, Int32Array.from(bPos), bPos.length)).toBe(expected);
          }
        }),
        { seed: 42, numRuns: 300 },
      );
    });

    it('agrees with similarityChecker past 32 distinct countries or industries (the multi-word bit sets)', () => {
      const feature = (prefix: string) => fc.integer({ min: 0, max: 5 }).map((k) => `${prefix}${k}`);
      const arb = fc.record({
        // '' is a security without a country
        secs: fc.array(fc.tuple(fc.oneof(feature('C'), fc.constant('')), fc.array(feature('I'), { maxLength: 3 })), { minLength: 1, maxLength: 12 }),
        unknown: fc.integer({ min: 0, max: 2 }),
        nSells: fc.integer({ min: 0, max: 6 }),
        fillers: fc.constantFrom('countries', 'industries', 'both'),
        picks: fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 4 }), fc.array(fc.nat(), { maxLength: 4 })), { maxLength: 30 }),
      });
      fc.assert(
        fc.property(arb, ({ secs: specs, unknown, nSells, fillers, picks }) => {
          // 40 securities of their own country and/or industry push the feature count past one word
          const filler = Array.from({ length: 40 }, (_, k): [string, string[]] => [
            fillers === 'industries' ? 'C0' : `F${k}`,
            fillers === 'countries' ? ['I0'] : [`G${k}`],
          ]);
          const all = [...specs, ...filler].map(([c, inds], k) => security(`S${k}`, c, inds.join(',')));
          const map = secMap(...all);
          const names = [...Array.from({ length: unknown }, (_, k) => `U${k}`), ...all.map((s) => s.symbol)];
          const candidates = names.map((sym, k) => (k < nSells ? sell(sym, 0.5) : buy(sym, 0.5)));
          const sells = candidates.slice(0, Math.min(nSells, candidates.length));
          const buys = candidates.slice(sells.length);
          const slow = similarityChecker(map);
          const fast = createSimilarityWindow(sells, buys, map);
          for (const [sp, bp] of picks) {
            // small position pools, so that repeats (and rejections) happen
            const sPos = sells.length ? sp.map((x) => x % Math.min(3, sells.length)) : [];
            const bPos = buys.length ? bp.map((x) => x % Math.min(3, buys.length)) : [];
            const seq = [...sPos.map((p) => sells[p]!), ...bPos.map((p) => buys[p]!)];
            expect(fast.accept(Int32Array.from(sPos), sPos.length, Int32Array.from(bPos), bPos.length)).toBe(slow(seq));
          }
        }),
        { seed: 42, numRuns: 300 },
      );
    });
  });

  describe(`${variant}: createSimilarityWindow: the last ten accepted (spec §2.5)`, () => {
    // A and B share a profile; X0..X9 are each of their own country and industry
    const own = Array.from({ length: 10 }, (_, i) => security(`X${i}`, `C${i}`, `I${i}`));
    const windowOver = (extra: Security[]) => {
      const buys = [buy('A'), buy('B'), ...own.map((s) => buy(s.symbol)), ...extra.map((s) => buy(s.symbol))];
      const window = createSimilarityWindow([], buys, secMap(security('A', 'US', 'Tech'), security('B', 'US', 'Tech'), ...own, ...extra));
      return (pos: number) => window.accept(new Int32Array(0), 0, Int32Array.of(pos), 1);
    };
    // 40 more candidates of their own countries and industries: the profiles no longer fit one 32-bit word
    const fillers = Array.from({ length: 40 }, (_, i) => security(`F${i}`, `FC${i}`, `FI${i}`));

    for (const [form, extra] of [['one-word', []], ['multi-word', fillers]] as const) {
      it(`${form} bit sets: a profile leaves the window after ten later acceptances`, () => {
        const accept = windowOver([...extra]);
        expect(accept(0)).toBe(true); // A
        for (let i = 0; i < 9; i++) expect(accept(2 + i)).toBe(true); // X0..X8
        expect(accept(1)).toBe(false); // B: A is among the last ten
        expect(accept(11)).toBe(true); // X9 pushes A out
        expect(accept(1)).toBe(true); // B
        expect(accept(1)).toBe(false); // B again: the B just accepted is in the window
      });
    }
  });

  describe(`${variant}: createSimilarityWindow: the 0.8 boundary and the 32nd bit (integer overlap test of the one-word form)`, () => {
    const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(',');

    it('an overlap of exactly 4/5 is not above 0.8, 5/6 is, in countries and industries alike', () => {
      // five industries against four of them: Jaccard 4/5; six against five: 5/6
      for (const [known, probe, expected] of [[5, 4, true], [6, 5, false]] as const) {
        const secs = [security('A', 'US', many('I', known)), security('B', 'US', many('I', probe))];
        const map = secMap(...secs);
        const buys = [buy('A'), buy('B')];
        const fast = createSimilarityWindow([], buys, map);
        const slow = similarityChecker(map);
        for (const pos of [0, 1]) expect(fast.accept(new Int32Array(0), 0, Int32Array.of(pos), 1)).toBe(slow([buys[pos]!]));
        // B after A: same country (overlap 1), industries at the boundary
        const again = createSimilarityWindow([], buys, map);
        again.accept(new Int32Array(0), 0, Int32Array.of(0), 1);
        expect(again.accept(new Int32Array(0), 0, Int32Array.of(1), 1)).toBe(expected);
      }
    });

    it('property: agrees with similarityChecker on large, nearly equal profiles (the path past 4 features)', () => {
      // ten securities over seven countries and industries: sequences of 3..10 of them give profiles of
      // 3..7 features per kind that often differ in one or two (equal, 4/5, 5/6, 6/7 overlaps)
      const arb = fc.record({
        specs: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 })), { minLength: 10, maxLength: 10 }),
        seqs: fc.array(fc.subarray([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { minLength: 3 }), { minLength: 1, maxLength: 40 }),
      });
      fc.assert(
        fc.property(arb, ({ specs, seqs }) => {
          const secs = specs.map(([c, inds], k) => security(`S${k}`, `C${c}`, inds.map((i) => `I${i}`).join(',')));
          const map = secMap(...secs);
          const buys = secs.map((x) => buy(x.symbol));
          const fast = createSimilarityWindow([], buys, map);
          const slow = similarityChecker(map);
          for (const pos of seqs) {
            expect(fast.accept(new Int32Array(0), 0, Int32Array.from(pos), pos.length)).toBe(slow(pos.map((x) => buys[x]!)));
          }
        }),
        { seed: 42, numRuns: 300 },
      );
    });

    it('property: agrees with similarityChecker when a profile uses all 32 bits (the sign bit of the mask)', () => {
      // 32 countries and 32 industries: the one-word form, with bit 31 in use
      const secs = Array.from({ length: 32 }, (_, i) => security(`S${i}`, `C${i}`, `I${i}`));
      const map = secMap(...secs);
      const buys = secs.map((x) => buy(x.symbol));
      const picks = fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 40 });
      fc.assert(
        fc.property(picks, fc.boolean(), (seqs, withLast) => {
          const fast = createSimilarityWindow([], buys, map);
          const slow = similarityChecker(map);
          for (const p of seqs) {
            const pos = withLast ? [31, ...p.filter((x) => x !== 31)] : p;
            expect(fast.accept(new Int32Array(0), 0, Int32Array.from(pos), pos.length)).toBe(slow(pos.map((x) => buys[x]!)));
          }
        }),
        { seed: 42, numRuns: 200 },
      );
    });
  });
}

describe('createSimilarityWindow without securities (Node and browser variants)', () => {
  it('accepts every sequence when there is no security map or it is empty', () => {
    for (const create of [nodeWindow, browserWindow]) {
      for (const map of [null, new Map<string, Security>()]) {
        const window = create([], [buy('A')], map);
        for (let i = 0; i < 3; i++) expect(window.accept(new Int32Array(0), 0, Int32Array.of(0), 1)).toBe(true);
      }
    }
  });
});

describe('enhancedCombinatorial run cache (seed-free setup shared across depths)', () => {
  it('property: depths 1..5 on one RNG give the same sequences and draws with a shared run cache as without one', () => {
    const cand = fc.record({
      sym: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
      p: fc.constantFrom(0.2, 0.3, 0.5, 0.7, 0.9),
      country: fc.constantFrom('US', 'DE', ''),
      industry: fc.constantFrom('Tech', 'Banks', 'Tech, Banks', ''),
    });
    fc.assert(
      fc.property(
        fc.array(cand, { maxLength: 8 }),
        fc.array(cand, { maxLength: 8 }),
        fc.nat(1000),
        fc.boolean(),
        fc.constantFrom(0.2, 0.3, 0.6),
        (ss, bb, seed, withSecs, threshold) => {
          const secs = new Map<string, Security>();
          for (const c of [...ss, ...bb]) secs.set(c.sym, security(c.sym, c.country, c.industry));
          const opp = { profit_taking: ss.map((c) => sell(c.sym, c.p)), rebalance_buys: bb.map((c) => buy(c.sym, c.p)) };
          const params = enhancedCombinatorial.params.parse({ maxCombinations: 10, maxCandidates: 5 });
          const run = (runCache: Map<unknown, unknown> | undefined) => {
            const rng = countingRng(createPythonRandom(seed));
            const out = [];
            for (let depth = 1; depth <= 5; depth++) {
              // a second, equal-valued lists object must not hit the first one's entry
              const lists = depth === 3 ? { ...opp, profit_taking: [...opp.profit_taking].reverse() } : opp;
              const extra = { securitiesBySymbol: withSecs ? secs : null, priorityThreshold: threshold, ...(runCache ? { runCache } : {}) };
              out.push([...enhancedCombinatorial.generate(depthInput(lists, depth, rng, extra), params)]);
            }
            return { out, draws: rng.calls };
          };
          const cache = new Map<unknown, unknown>();
          const cached = run(cache);
          expect(cached).toEqual(run(undefined));
          expect(cache.size).toBe(1);
        },
      ),
      { seed: 42 },
    );
  });
});

describe("the sampler's fast loop (Node '#sample-fast') against the generic loop", () => {
  it('property: the same sequences, in order, and the stream left at the same point, repeats dropped or kept', () => {
    // few symbols, so that a side holds a symbol twice (kept once per sequence); features past 4 per kind at times
    const cand = fc.record({
      sym: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'),
      p: fc.double({ min: 0, max: 1, noNaN: true }),
      country: fc.constantFrom('US', 'DE', 'FR', 'JP', 'GB', 'CH', ''),
      industry: fc.constantFrom('Tech', 'Banks', 'Tech, Banks', 'Energy,', 'Retail', 'Mining', ''),
    });
    const lim = fc.record({
      maxSells: fc.integer({ min: 0, max: 4 }),
      maxBuys: fc.integer({ min: 0, max: 4 }),
      maxSteps: fc.integer({ min: 1, max: 8 }),
      priorityThreshold: fc.constantFrom(0, 0.3, 0.6),
      maxCombinations: fc.integer({ min: 1, max: 40 }),
      maxCandidates: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(fc.array(cand, { maxLength: 14 }), fc.array(cand, { maxLength: 14 }), lim, fc.nat(10_000), fc.boolean(), fc.constantFrom('map', 'none', 'empty'), (ss, bb, limits, seed, distinct, secsKind) => {
        const secs = new Map<string, Security>();
        for (const c of [...ss, ...bb]) secs.set(c.sym, security(c.sym, c.country, c.industry));
        const map = secsKind === 'map' ? secs : secsKind === 'empty' ? new Map<string, Security>() : null;
        const setup = samplerSetup(ss.map((c) => sell(c.sym, c.p)), bb.map((c) => buy(c.sym, c.p)), limits.priorityThreshold, limits.maxCandidates, map);
        expect(setup.fast).not.toBeNull();
        const fastRng = createPythonRandom(seed);
        const genericRng = createPythonRandom(seed);
        expect(sample(setup, limits, fastRng, distinct)).toEqual(sampleGeneric(setup, limits, genericRng, distinct));
        expect(fastRng.random()).toBe(genericRng.random());
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('is not taken past 32 countries, without integer thresholds, or for a source without randomParts', () => {
    const many = Array.from({ length: 40 }, (_, i) => security(`S${i}`, `C${i}`, 'Tech'));
    const buys = many.map((s) => buy(s.symbol, 0.5));
    expect(samplerSetup([], buys, 0.3, 50, secMap(...many)).fast).toBeNull();
    // every priority 0: weights 1.0 each, total 1 + ... fine; a huge priority range gives an infinite weight total
    expect(samplerSetup([], [buy('A', 1e308), buy('B', -1e308)], -Infinity, 12, null).fast).toBeNull();
    expect(samplerSetup([sell('A', 1e308), sell('B', -1e308)], [], -Infinity, 12, null).fast).toBeNull();
    const setup = samplerSetup([sell('S', 0.9)], [buy('B', 0.8)], 0.3, 12, null);
    expect(setup.fast).not.toBeNull();
    const rng = countingRng(createPythonRandom(3));
    expect(symbols(sample(setup, limits(), { random: () => rng.random(), randint: (lo, hi) => rng.randint(lo, hi), choices: () => [], gauss: () => 0 }, false))).toEqual(Array(5).fill(['S', 'B']));
  });

  it('past 32 candidates a side, symbol ids share bits of the picked set; the exact check tells them apart', () => {
    const buys = Array.from({ length: 45 }, (_, i) => buy(`B${i}`, 0.3 + (i % 7) / 10));
    for (const seed of [1, 2, 3]) {
      const setup = samplerSetup([], buys, 0.3, 50, null);
      const lim = limits({ maxSells: 0, maxBuys: 4, maxSteps: 4, maxCandidates: 50, maxCombinations: 200 });
      const fastRng = createPythonRandom(seed);
      const genericRng = createPythonRandom(seed);
      expect(sample(setup, lim, fastRng, false)).toEqual(sampleGeneric(setup, lim, genericRng, false));
      expect(fastRng.random()).toBe(genericRng.random());
    }
  });

  it('profiles of 5 or more countries and industries take the general overlap test, with the same answers', () => {
    const secs = Array.from({ length: 7 }, (_, i) => security(`B${i}`, `C${i}`, `I${i},J${i % 3}`));
    const buys = secs.map((x, i) => buy(x.symbol, 0.4 + i / 20));
    const lim = limits({ maxSells: 0, maxBuys: 7, maxSteps: 7, maxCombinations: 60 });
    for (const seed of [1, 2, 3, 4]) {
      const setup = samplerSetup([], buys, 0.3, 12, secMap(...secs));
      const fastRng = createPythonRandom(seed);
      const genericRng = createPythonRandom(seed);
      const fast = sample(setup, lim, fastRng, false);
      expect(fast).toEqual(sampleGeneric(setup, lim, genericRng, false));
      expect(fastRng.random()).toBe(genericRng.random());
    }
  });

  it('a draw cap that is not a positive integer goes through the randint of the source, which refuses it as the generic loop does', () => {
    const setup = samplerSetup([sell('S', 0.9), sell('T', 0.8)], [buy('B', 0.8)], 0.3, 12, null);
    const lim = limits({ maxSells: 1.5, maxBuys: 1, maxSteps: 3 });
    expect(() => sample(setup, lim, createPythonRandom(1), false)).toThrow(new RangeError('randint: bounds must be integers, got 1, 1.5'));
    expect(() => sampleGeneric(setup, lim, createPythonRandom(1), false)).toThrow(new RangeError('randint: bounds must be integers, got 1, 1.5'));
    const buysOnly = limits({ maxSells: 0, maxBuys: 0.5, maxSteps: 3 });
    expect(() => sample(setup, buysOnly, createPythonRandom(1), false)).toThrow(RangeError);
  });

  it('the browser variant prepares no fast loop', () => {
    expect(browserFastSampler({}, null)).toBeNull();
  });
});

describe('bucketTable (the fast loop picks by bucket, then steps over the thresholds inside it)', () => {
  // the pick of R = a·2^26 + b: the number of thresholds <= R, as the bisection finds it
  const reference = (high: Int32Array, low: Int32Array, a: number, b: number) => {
    let n = 0;
    for (let j = 0; j < high.length; j++) if (a > high[j]! || (a === high[j] && b >= low[j]!)) n++;
    return n;
  };
  const viaBuckets = (buckets: Int32Array, high: Int32Array, low: Int32Array, a: number, b: number) => {
    let j = buckets[a >>> 17]!;
    if (j < 0) return ~j;
    while (j < high.length && (a > high[j]! || (a === high[j] && b >= low[j]!))) j++;
    return j;
  };
  it('property: agrees with counting the thresholds <= R, at, around and between thresholds, shared buckets and R = 2^53 included', () => {
    const threshold = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 2 ** 27 - 1 }), fc.integer({ min: 0, max: 2 ** 26 - 1 })),
      fc.tuple(fc.integer({ min: 0, max: 8 }).map((k) => k << 17), fc.constantFrom(0, 1, 2 ** 26 - 1)), // bucket edges, shared buckets
      fc.constant([2 ** 27, 0] as [number, number]), // 2^53: never reached
    );
    fc.assert(
      fc.property(fc.array(threshold, { maxLength: 12 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 27 - 1 }), fc.integer({ min: 0, max: 2 ** 26 - 1 })), { maxLength: 20 }), (ts, draws) => {
        ts.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        const high = Int32Array.from(ts.map((t) => t[0]));
        const low = Int32Array.from(ts.map((t) => t[1]));
        const buckets = bucketTable(high);
        const probes = [...draws];
        for (const [h, l] of ts) {
          if (h >= 2 ** 27) continue;
          probes.push([h, l], [h, Math.max(0, l - 1)], [h, Math.min(2 ** 26 - 1, l + 1)], [Math.max(0, h - 1), l], [Math.min(2 ** 27 - 1, h + 1), l]);
        }
        for (const [a, b] of probes) expect(viaBuckets(buckets, high, low, a, b)).toBe(reference(high, low, a, b));
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
