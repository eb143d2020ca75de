import type { ActionCandidate, CompatSwitches, EvaluationContext, PortfolioContext } from '@planner/contracts';

// The reference quirks of simulation and evaluation (spec DECISIONS.md), each
// in one place; both the straightforward helpers and the fast scorer call these.
// (`missingMetricsAreZero` lives in metrics-cache.ts, where the cache is built.)

/** Value of an action under a price multiplier `m`. */
export function adjustedValue(action: ActionCandidate, m: number, compat: Pick<CompatSwitches, 'priceShiftUsesLocalPrice'>): number {
  // reference quirk: price shift uses the local price — the adjusted value is
  // |quantity| × trading-currency price × m, not value_eur × m, so a 0% shift
  // still changes non-EUR values (pipeline.md §3.1, DECISIONS.md #4).
  if (compat.priceShiftUsesLocalPrice) return Math.abs(action.quantity) * (action.price * m);
  return action.valueEur * m;
}

/** Cash a trade's transaction cost takes during simulation. */
export function cashCostOf(
  action: ActionCandidate,
  fixed: number,
  percent: number,
  compat: Pick<CompatSwitches, 'costsNotDeductedFromCash'>,
): number {
  // reference quirk: costs are not deducted from cash — simulation ignores
  // them (pipeline.md §3.1, DECISIONS.md #22). Corrected: the §3.4 per-trade cost.
  if (compat.costsNotDeductedFromCash) return 0;
  return fixed + Math.abs(action.valueEur) * percent;
}

/** Whether the group maps are gone from a simulated context after `applied` actions. */
export function groupMapsDropped(applied: number, compat: Pick<CompatSwitches, 'simulationDropsGroupMaps'>): boolean {
  // reference quirk: simulation drops group maps — every applied action builds a
  // context without country_to_group, industry_to_group, avg prices and prices,
  // so every country then maps to OTHER (pipeline.md §3.1, DECISIONS.md #3).
  // A skipped buy builds no context, so only applied actions count.
  return compat.simulationDropsGroupMaps && applied > 0;
}

const EMPTY_MAP: ReadonlyMap<string, never> = new Map<string, never>();

/** The four maps a context built by one simulated action carries over (see `groupMapsDropped`). */
export function mapsAfterAction(
  ctx: PortfolioContext,
  compat: Pick<CompatSwitches, 'simulationDropsGroupMaps'>,
): Pick<PortfolioContext, 'countryToGroup' | 'industryToGroup' | 'positionAvgPrices' | 'currentPrices'> {
  if (groupMapsDropped(1, compat)) {
    return { countryToGroup: EMPTY_MAP, industryToGroup: EMPTY_MAP, positionAvgPrices: EMPTY_MAP, currentPrices: EMPTY_MAP };
  }
  const { countryToGroup, industryToGroup, positionAvgPrices, currentPrices } = ctx;
  return { countryToGroup, industryToGroup, positionAvgPrices, currentPrices };
}

/** The start portfolio the evaluators score: the context's, with the total value the switch asks for. */
export function startPortfolio(
  ctx: Pick<EvaluationContext, 'portfolio' | 'availableCashEur'>,
  compat: Pick<CompatSwitches, 'totalValueExcludesCash'>,
): PortfolioContext {
  // reference quirk: total_value excludes cash — the invested value only, so
  // weights after simulated buys sum to more than 1 (pipeline.md §1.2). The
  // context builder already does this; the corrected total (invested + cash) is
  // recomputed here, which gives the same number when the builder did it too.
  if (compat.totalValueExcludesCash) return ctx.portfolio;
  let invested = 0;
  for (const v of ctx.portfolio.positions.values()) invested += v;
  const total = invested + ctx.availableCashEur;
  return { ...ctx.portfolio, totalValue: total > 0 ? total : 1.0 };
}
