import type { ContextSettings, PlannerSettings } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../src/build-context.js';
import { parseSnapshot } from '../src/parse-snapshot.js';
import { evaluationContextOf, evaluationModeOf, plannerContextFrom, plannerContextFromSettings } from '../src/planner-context.js';

const settings: ContextSettings = {
  transactionCostFixed: 2, transactionCostPercent: 0.002, allowBuy: true, allowSell: true, minHoldDays: 90,
  sellCooldownDays: 180, buyCooldownDays: 30, maxLossThreshold: -0.2, minSecurityScore: 0.5,
};

const ctx = buildContext(
  parseSnapshot({
    asOf: '2026-01-02T12:00:00Z',
    baseCurrency: 'EUR',
    cash: { EUR: 500 },
    fxRates: { USD: 1.04 },
    securities: [{ symbol: 'AAA.US', name: 'Aaa', currency: 'USD', price: 10.4, country: 'US', industry: 'Tech' }],
    positions: [{ symbol: 'AAA.US', quantity: 10, avgPrice: 9 }],
    targets: { countries: {}, industries: {}, countryGroups: {}, industryGroups: {} },
  }),
  settings,
);

describe('PlannerContext (spec modules-calculators.md §1.3)', () => {
  it('takes the spec defaults and copies the shared fields into the evaluation context', () => {
    const pc = plannerContextFrom(ctx);
    expect(pc).toMatchObject({
      maxDepth: 5, maxOpportunitiesPerCategory: 5, priorityThreshold: 0.3, enableDiverseSelection: true, diversityWeight: 0.3,
      beamWidth: 10, evaluationMode: 'single_objective', monteCarloPathCount: 100, enableCombinatorial: true, enableAdaptivePatterns: true,
    });
    expect(pc.stochasticPriceShifts).toEqual([-0.1, -0.05, 0, 0.05, 0.1]);
    expect(pc.opportunity).toBe(ctx);
    expect(pc.evaluation.portfolio).toBe(ctx.portfolio);
    expect(pc.evaluation.availableCashEur).toBe(500);
    expect(pc.evaluation.totalPortfolioValueEur).toBe(ctx.totalPortfolioValueEur);
    expect(pc.evaluation.fxRate('USD')).toBe(1.04);
    // No calculator-only fields (and no price adjustments) in the evaluation context.
    expect('ineligibleSymbols' in pc.evaluation).toBe(false);
    expect('priceAdjustments' in pc.evaluation).toBe(false);
  });

  it('applies overrides and gives every instance its own copy of the price shifts', () => {
    const a = plannerContextFrom(ctx, { maxDepth: 2, evaluationMode: 'stochastic' });
    const b = plannerContextFrom(ctx);
    expect(a.maxDepth).toBe(2);
    expect(a.evaluationMode).toBe('stochastic');
    expect(a.stochasticPriceShifts).not.toBe(b.stochasticPriceShifts);
    expect(Object.isFrozen(a.stochasticPriceShifts)).toBe(true);
    expect(Object.keys(evaluationContextOf(ctx)).sort()).toEqual(Object.keys(b.evaluation).sort());
  });

  it('reads the search settings from [planner] and the evaluation mode from the evaluator name', () => {
    const base = {
      maxDepth: 7, maxOpportunitiesPerCategory: 10, priorityThreshold: 0.2, enableDiverseSelection: true, diversityWeight: 0.4,
      beamWidth: 20, monteCarloPathCount: 200, enableMonteCarloPaths: false, enableStochasticScenarios: true, enableMultiObjective: true,
    } as PlannerSettings;
    const pc = plannerContextFromSettings(ctx, base, 'stochastic');
    expect(pc).toMatchObject({ maxDepth: 7, maxOpportunitiesPerCategory: 10, beamWidth: 20, monteCarloPathCount: 200, evaluationMode: 'stochastic' });
    expect(evaluationModeOf(base, 'monte_carlo')).toBe('monte_carlo');
    expect(evaluationModeOf(base, 'single_objective')).toBe('multi_objective');
    expect(evaluationModeOf({ ...base, enableMultiObjective: false }, 'single_objective')).toBe('single_objective');
    expect(evaluationModeOf({ ...base, enableMultiObjective: false }, 'my_plugin_evaluator')).toBe('single_objective');
  });
});
