import type {
  EvaluationContext, EvaluationMode, OpportunityContext, PlannerContext, PlannerSettings,
} from '@planner/contracts';

/** The search settings of a PlannerContext, defaults of spec modules-calculators.md §1.3. */
export type PlannerContextSettings = Omit<PlannerContext, 'opportunity' | 'evaluation'>;

const DEFAULT_SHIFTS = [-0.1, -0.05, 0.0, 0.05, 0.1] as const;

/**
 * The EvaluationContext fields of an OpportunityContext (spec §1.3
 * `fromOpportunityContext`: the shared fields are copied, no price
 * adjustments), as a value that carries nothing calculators-only.
 */
export function evaluationContextOf(ctx: OpportunityContext): EvaluationContext {
  return Object.freeze({
    asOf: ctx.asOf,
    asOfMs: ctx.asOfMs,
    baseCurrency: ctx.baseCurrency,
    portfolio: ctx.portfolio,
    positions: ctx.positions,
    positionsBySymbol: ctx.positionsBySymbol,
    securities: ctx.securities,
    securitiesBySymbol: ctx.securitiesBySymbol,
    symbolIndex: ctx.symbolIndex,
    availableCashEur: ctx.availableCashEur,
    totalPortfolioValueEur: ctx.totalPortfolioValueEur,
    currentPrices: ctx.currentPrices,
    metrics: ctx.metrics,
    transactionCostFixed: ctx.transactionCostFixed,
    transactionCostPercent: ctx.transactionCostPercent,
    fxRate: (currency: string) => ctx.fxRate(currency),
  });
}

/** Builds a PlannerContext from an OpportunityContext; unset search settings take the spec's defaults. */
export function plannerContextFrom(ctx: OpportunityContext, overrides: Partial<PlannerContextSettings> = {}): PlannerContext {
  return Object.freeze({
    opportunity: ctx,
    evaluation: evaluationContextOf(ctx),
    maxDepth: overrides.maxDepth ?? 5,
    maxOpportunitiesPerCategory: overrides.maxOpportunitiesPerCategory ?? 5,
    priorityThreshold: overrides.priorityThreshold ?? 0.3,
    enableDiverseSelection: overrides.enableDiverseSelection ?? true,
    diversityWeight: overrides.diversityWeight ?? 0.3,
    beamWidth: overrides.beamWidth ?? 10,
    evaluationMode: overrides.evaluationMode ?? 'single_objective',
    // A fresh copy per instance, as the reference's default factory gives.
    stochasticPriceShifts: Object.freeze([...(overrides.stochasticPriceShifts ?? DEFAULT_SHIFTS)]),
    monteCarloPathCount: overrides.monteCarloPathCount ?? 100,
    enableCombinatorial: overrides.enableCombinatorial ?? true,
    enableAdaptivePatterns: overrides.enableAdaptivePatterns ?? true,
  });
}

const MODES: ReadonlySet<string> = new Set<EvaluationMode>(['single_objective', 'multi_objective', 'stochastic', 'monte_carlo']);

/**
 * The evaluation mode of a configuration: its evaluator's name (which
 * `@planner/config` resolves from the `[planner]` switches) when that names a
 * mode other than single objective, else multi-objective selection when it is
 * on, else single objective. A plugin evaluator counts as single objective.
 */
export function evaluationModeOf(settings: PlannerSettings, evaluator: string): EvaluationMode {
  if (MODES.has(evaluator) && evaluator !== 'single_objective' && evaluator !== 'multi_objective') return evaluator as EvaluationMode;
  return settings.enableMultiObjective ? 'multi_objective' : 'single_objective';
}

/** The PlannerContext of a configuration's `[planner]` settings and evaluator name (`PlannerConfig.evaluator`). */
export function plannerContextFromSettings(ctx: OpportunityContext, settings: PlannerSettings, evaluator: string): PlannerContext {
  return plannerContextFrom(ctx, {
    maxDepth: settings.maxDepth,
    maxOpportunitiesPerCategory: settings.maxOpportunitiesPerCategory,
    priorityThreshold: settings.priorityThreshold,
    enableDiverseSelection: settings.enableDiverseSelection,
    diversityWeight: settings.diversityWeight,
    beamWidth: settings.beamWidth,
    evaluationMode: evaluationModeOf(settings, evaluator),
    monteCarloPathCount: settings.monteCarloPathCount,
  });
}
