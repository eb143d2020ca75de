import { COMPAT_DEFAULTS } from '@planner/contracts';
import type { CompatSwitches, PlannerSettings } from '@planner/contracts';

/** `[planner]` settings: the model defaults, no cost penalty, seed 42. */
export function plannerSettings(over: Partial<PlannerSettings> = {}): PlannerSettings {
  return {
    name: 'test',
    description: '',
    enableBatchGeneration: true,
    maxDepth: 5,
    maxOpportunitiesPerCategory: 5,
    priorityThreshold: 0.3,
    enableDiverseSelection: true,
    diversityWeight: 0.3,
    transactionCostFixed: 2.0,
    transactionCostPercent: 0.002,
    allowSell: true,
    allowBuy: true,
    minHoldDays: 90,
    sellCooldownDays: 180,
    buyCooldownDays: 30,
    maxLossThreshold: -0.2,
    minSecurityScore: 0.5,
    beamWidth: 10,
    costPenaltyFactor: 0.0,
    enableMultiObjective: false,
    enableStochasticScenarios: false,
    enableMonteCarloPaths: false,
    monteCarloPathCount: 100,
    enableMultiTimeframe: false,
    enableMarketRegimeScenarios: false,
    marketRegime: 'sideways',
    seed: 42,
    minImprovement: 0,
    ...over,
  };
}

/** The `[compat]` switches: the reference's behaviour unless `over` flips one. */
export function compat(over: Partial<CompatSwitches> = {}): CompatSwitches {
  return { ...COMPAT_DEFAULTS, ...over };
}
