export { singleObjective, SingleObjectiveParamsSchema } from './single-objective.js';
export { stochastic, StochasticParamsSchema, DEFAULT_SHIFTS } from './stochastic.js';
export { monteCarlo, MonteCarloParamsSchema } from './monte-carlo.js';
export { simulateSequence } from './simulate.js';
export type { SimulationOptions, SimulationResult } from './simulate.js';
export { healthScore } from './health-score.js';
export { endStateScore, END_STATE_WEIGHTS, OPINION_SCORE } from './end-state.js';
export type { EndStateResult } from './end-state.js';
export { evaluateEndState } from './evaluate-end-state.js';
export type { SequenceEvaluation } from './evaluate-end-state.js';
export { evaluateStraightforward, scoringInputs, shiftAdjustments } from './reference-path.js';
export type { ScoringInputs } from './reference-path.js';
export { scoringSettings } from './scoring-settings.js';
export type { ScoringSettings } from './scoring-settings.js';
export { buildMetricsCache, FETCHED_METRICS } from './metrics-cache.js';
export { startPortfolio } from './quirks.js';
export { FastScorer, ScorerTables } from './fast-scorer.js';
export { multiTimeframeScore, costPenalty } from './adjustments.js';
export {
  scoreTotalReturn, dividendConsistencyFromPayout, sortinoScore, volatilityScore, drawdownScore, sharpeScore,
  totalReturnScore, longTermPromiseScore, stabilityScore, totalReturnValue, longTermPromiseValue, stabilityValue,
} from './metric-scores.js';
export type { ComponentScore } from './metric-scores.js';

import { monteCarlo } from './monte-carlo.js';
import { singleObjective } from './single-objective.js';
import { stochastic } from './stochastic.js';

/** Every evaluator of this package, for `createPlanner({ modules })`. */
export const evaluators = [singleObjective, stochastic, monteCarlo] as const;
