import type { ActionCandidate } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symbolsOutsideBaseEndStates } from '../src/base-end-states.js';
import { symbolsOutsideBaseEndStates as browserSymbolsOutside } from '../src/base-end-states-browser.js';
import { stochastic } from '../src/stochastic.js';
import { action, compat, context, noRandom, settings } from './fixtures.js';

// DECISIONS #24 on a one-security portfolio: selling all of S leaves nothing at
// unshifted prices, but under a -5%/-10% shift the sale raises less than S is
// worth (the shift applies to the sale, not to the held value), so S remains.
// The reference scored that remainder with neutral default metrics, because it
// fetched metrics only for the symbols of the unshifted end states.
const metrics = { cagr5y: 0.25, sortino: 2.5, sharpe: 1.8, volatilityAnnual: 0.15, maxDrawdown: -0.05, consistencyScore: 0.9 };
const portfolio = (m: typeof metrics | Record<string, never>) => context({
  securities: [{ symbol: 'S', price: 100, country: 'Germany', qualityScore: 0.7, metrics: m }],
  holdings: [{ symbol: 'S', quantity: 10 }],
  cash: 500,
  countryTargets: { EU: 1 },
  countryGroups: { EU: ['Germany'] },
});
const sellAll = [action('SELL', 'S', 10, 100)];
const keepSome = [action('SELL', 'S', 4, 100)];

function score(ctx: ReturnType<typeof portfolio>, switches: Parameters<typeof compat>[0], candidates: readonly (typeof sellAll)[]) {
  const scorer = stochastic.prepare(ctx, { settings: settings({ enableStochasticScenarios: true }), compat: compat(switches), rng: noRandom }, stochastic.params.parse({}));
  scorer.candidates?.(candidates);
  return scorer.evaluate(sellAll, true);
}

describe('the shifted remainder (compat shifted_remainder_neutral_metrics, DECISIONS #24)', () => {
  it('the symbols outside every unshifted end state', () => {
    const start = new Map([['S', 1000]]);
    const costs = { transactionCostFixed: 2, transactionCostPercent: 0.002 };
    expect(symbolsOutsideBaseEndStates([sellAll], start, 500, costs, compat())).toEqual(['S']);
    expect(symbolsOutsideBaseEndStates([sellAll, keepSome], start, 500, costs, compat())).toEqual([]);
    expect(symbolsOutsideBaseEndStates([], start, 500, costs, compat())).toEqual([]);
    // a buy no sequence can afford at unshifted prices is in no end state either
    expect(symbolsOutsideBaseEndStates([[action('BUY', 'T', 10, 60)]], start, 500, costs, compat())).toEqual(['T']);
    expect(symbolsOutsideBaseEndStates([[action('BUY', 'T', 5, 60)]], start, 500, costs, compat())).toEqual([]);
  });

  it('by default (the reference) the remainder is scored with neutral metrics, not the security\'s own', () => {
    const reference = score(portfolio(metrics), {}, [sellAll]);
    // the same portfolio whose S has no metrics at all, read as neutral defaults (not zero-filled)
    const neutral = score(portfolio({}), { shiftedRemainderNeutralMetrics: false, missingMetricsAreZero: false }, [sellAll]);
    expect(reference.score).toBe(neutral.score);
    expect(reference.breakdown?.stochastic).toEqual(neutral.breakdown?.stochastic);
    const own = score(portfolio(metrics), { shiftedRemainderNeutralMetrics: false }, [sellAll]);
    expect(own.score).not.toBe(reference.score);
    // the unshifted scenario holds nothing of S: only the shifted ones differ
    expect((own.breakdown?.stochastic as { worst_score: number }).worst_score)
      .not.toBe((reference.breakdown?.stochastic as { worst_score: number }).worst_score);
  });

  it('a symbol some unshifted end state holds keeps its own metrics', () => {
    const withKeep = score(portfolio(metrics), {}, [sellAll, keepSome]);
    const own = score(portfolio(metrics), { shiftedRemainderNeutralMetrics: false }, [sellAll, keepSome]);
    expect(withKeep.score).toBe(own.score);
  });

  it('the switch is a [compat] key that defaults to the reference', () => {
    expect(compat().shiftedRemainderNeutralMetrics).toBe(true);
  });
});

/** The walk as first written (a Map per run, a linear scan per sequence): the oracle of the interned one. */
function outsideOracle(
  sequences: readonly (readonly ActionCandidate[])[],
  start: ReadonlyMap<string, number>,
  availableCash: number,
  costs: { transactionCostFixed: number; transactionCostPercent: number },
  deducted: boolean,
): string[] {
  const soldOffIn = new Map<string, number>();
  const traded = new Set<string>();
  const heldAtEnd = new Set<string>();
  for (const sequence of sequences) {
    const held = new Map<string, number>();
    let cash = availableCash;
    for (const a of sequence) {
      const cost = deducted ? costs.transactionCostFixed + Math.abs(a.valueEur) * costs.transactionCostPercent : 0;
      const before = held.has(a.symbol) ? held.get(a.symbol)! : start.get(a.symbol) ?? 0;
      traded.add(a.symbol);
      if (a.side === 'SELL') {
        held.set(a.symbol, Math.max(0, before - a.valueEur));
        cash += a.valueEur - cost;
      } else {
        if (a.valueEur + cost > cash) continue;
        held.set(a.symbol, before + a.valueEur);
        cash -= a.valueEur + cost;
      }
    }
    for (const [symbol, value] of held) {
      if (value > 0) heldAtEnd.add(symbol);
      else if (start.has(symbol)) soldOffIn.set(symbol, (soldOffIn.get(symbol) ?? 0) + 1);
    }
  }
  return [...traded].filter((s) => !heldAtEnd.has(s) && !(start.has(s) && soldOffIn.get(s) !== sequences.length));
}

describe('symbolsOutsideBaseEndStates against the plain walk', () => {
  const symbols = ['A', 'B', 'C', 'D', 'E'];
  // Candidates shared by several sequences (the planner's case) and fresh equal copies.
  const pool = fc.array(
    fc.record({ buy: fc.boolean(), symbol: fc.constantFrom(...symbols), quantity: fc.integer({ min: 0, max: 12 }) }),
    { minLength: 1, maxLength: 8 },
  ).map((specs) => specs.map((s) => action(s.buy ? 'BUY' : 'SELL', s.symbol, s.quantity, 50)));
  const run = fc.tuple(pool, fc.array(fc.array(fc.nat(), { maxLength: 6 }), { maxLength: 12 }), fc.boolean(), fc.boolean());

  it('gives the oracle\'s symbols in the oracle\'s order (property)', () => {
    fc.assert(fc.property(run, fc.integer({ min: 0, max: 800 }), ([candidates, picks, copies, deducted], cash) => {
      const sequences = picks.map((p) => p.map((k) => {
        const c = candidates[k % candidates.length]!;
        return copies ? { ...c } : c;
      }));
      // A start position of 0 (held, worth nothing) as well as real ones.
      const start = new Map([['A', 300], ['B', 100], ['E', 0]]);
      const costs = { transactionCostFixed: 2, transactionCostPercent: 0.002 };
      const switches = compat({ costsNotDeductedFromCash: !deducted });
      const oracle = outsideOracle(sequences, start, cash, costs, deducted);
      expect(symbolsOutsideBaseEndStates(sequences, start, cash, costs, switches)).toEqual(oracle);
      // the browser bundle's variant ('#base-end-states', package.json "imports")
      expect(browserSymbolsOutside(sequences, start, cash, costs, switches)).toEqual(oracle);
    }), { numRuns: 500 });
  });
});
