// @planner/planner/incremental: the stages `plan()` and `planIncremental()` are
// built from, for hosts that run them one by one (stored work, batch workers,
// replays). Apps and plugin authors need only the root export.
export { runPlan } from './create-planner.js';
export { createIncrementalPlanner, type IncrementalPlanner } from './incremental-planner.js';
export type { IncrementalOptions, IncrementalResult } from './incremental.js';
export type { ModuleSet, ResolvedModule } from './module-set.js';
export { resolveModules } from './module-set.js';
export type { Opportunities } from './opportunities.js';
export { collectOpportunities } from './opportunities.js';
export type { CategoryLists } from './categories.js';
export type { DiverseSelectionOptions } from './diverse-selection.js';
export { clusterKey, selectDiverse } from './diverse-selection.js';
export { selectPerCategory } from './category-selection.js';
export { dedupSequences } from './dedup.js';
export type { GenerationInput, GenerationResult } from './generation.js';
export { generateSequences } from './generation.js';
export type { FeasibilityCounts, Rejection } from './feasibility.js';
export { feasibleByTotalPriority, filterFeasible, orderBySumDesc, rejectionOf, sortByTotalPriority } from './feasibility.js';
export { FeasibleOrder, type OrderedSequences } from './feasible-order.js';
export type { ScoredSequence } from './scored-sequence.js';
export type { BeamOptions } from './beam-search.js';
export { BEAM_BATCH_SIZE, BEAM_MIN_SEQUENCES, BEAM_PLATEAU_THRESHOLD, BeamSearch, runBeamSearch } from './beam-search.js';
export { dominates, paretoUpdate } from './pareto.js';
export { actionSummary, planNarrative, stepNarrative, tradeoffExplanation } from './narrative.js';
export type { PlanFrame, Winner } from './assemble-plan.js';
export { NO_BENEFICIAL_ACTIONS_TEXT, NO_FEASIBLE_SEQUENCE_TEXT, assemblePlan, emptyPlan, planSteps } from './assemble-plan.js';
export type { CandidateList, PreparedInput, PreparedRun } from './plan-run.js';
export { candidateList, evaluationStream, finishPlan, prepareRun, searchBest } from './plan-run.js';
export { RunRecorder } from './run-recorder.js';
export type { BatchEvaluator, BatchEvaluatorOptions } from './batch-evaluator.js';
export { FAILED_EVALUATION_SCORE, createBatchEvaluator } from './batch-evaluator.js';
export type { WorkData, WorkFunnel } from './work-data.js';
export { decodeWorkData, encodeWorkData } from './work-data.js';
export { canonicalJson, configHash, portfolioHash, workKey } from './work-key.js';
