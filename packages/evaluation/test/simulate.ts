import { COMPAT_DEFAULTS } from '@planner/contracts';
import type { CompatSwitches, PortfolioContext, Security, Sequence } from '@planner/contracts';
import { adjustedValue, cashCostOf, mapsAfterAction } from '../src/quirks.js';

export interface SimulationOptions {
  /** symbol -> price multiplier (stochastic scenarios, Monte Carlo paths). */
  readonly priceAdjustments?: ReadonlyMap<string, number>;
  readonly compat?: Partial<CompatSwitches>;
  /** Only read when `compat.costsNotDeductedFromCash` is false. */
  readonly transactionCostFixed?: number;
  readonly transactionCostPercent?: number;
}

export interface SimulationResult {
  readonly portfolio: PortfolioContext;
  readonly cash: number;
}

/**
 * Applies a sequence to a portfolio (pipeline.md §3.1, reference
 * `simulate_sequence`), copying the maps at every applied action as the
 * reference does. Pure: the inputs are never mutated. An unaffordable buy is
 * skipped and builds no new context.
 */
export function simulateSequence(
  sequence: Sequence,
  portfolio: PortfolioContext,
  availableCash: number,
  securitiesBySymbol: ReadonlyMap<string, Security>,
  options: SimulationOptions = {},
): SimulationResult {
  const compat: CompatSwitches = { ...COMPAT_DEFAULTS, ...options.compat };
  const adjustments = options.priceAdjustments;
  const fixed = options.transactionCostFixed ?? 0;
  const percent = options.transactionCostPercent ?? 0;
  let ctx = portfolio;
  let cash = availableCash;

  for (const action of sequence) {
    const security = securitiesBySymbol.get(action.symbol);
    const m = adjustments !== undefined && adjustments.size > 0 ? adjustments.get(action.symbol) : undefined;
    const value = m !== undefined ? adjustedValue(action, m, compat) : action.valueEur;
    const cost = cashCostOf(action, fixed, percent, compat);
    const positions = new Map(ctx.positions);
    let countries = ctx.securityCountries;
    let industries = ctx.securityIndustries;

    if (action.side === 'SELL') {
      const remaining = Math.max(0, (positions.get(action.symbol) ?? 0) - value);
      positions.set(action.symbol, remaining);
      if (!(remaining > 0)) positions.delete(action.symbol);
      cash += value - cost;
    } else {
      if (value + cost > cash) continue;
      positions.set(action.symbol, (positions.get(action.symbol) ?? 0) + value);
      if (security !== undefined && security.country) {
        const next = new Map(countries);
        next.set(action.symbol, security.country);
        countries = next;
      }
      if (security !== undefined && security.industry) {
        const next = new Map(industries);
        next.set(action.symbol, security.industry);
        industries = next;
      }
      cash -= value + cost;
    }

    ctx = {
      ...mapsAfterAction(ctx, compat),
      countryWeights: ctx.countryWeights,
      industryWeights: ctx.industryWeights,
      positions,
      totalValue: ctx.totalValue,
      securityCountries: countries,
      securityIndustries: industries,
      securityScores: ctx.securityScores,
      securityDividends: ctx.securityDividends,
    };
  }
  return { portfolio: ctx, cash };
}
