import { describe, expect, it } from 'vitest';
import { symbolsOutsideBaseEndStates } from '../src/base-end-states.js';
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
