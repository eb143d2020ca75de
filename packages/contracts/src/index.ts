export type {
  ActionCandidate, OpportunitiesByCategory, OpportunityCategory, PortfolioSnapshot, Position, ProductType,
  Security, SecurityMetrics, Sequence, Side, Targets, Trade,
} from './domain.js';
export { OPPORTUNITY_CATEGORIES } from './domain.js';
export type {
  CandidateDraft, ContextSettings, EvaluationContext, EvaluationMode, OpportunityContext, PlannerContext, PortfolioContext,
  PositionView, TradeDates,
} from './context.js';
export type { RandomSource } from './random.js';
export type {
  CompatSwitches, ModuleKind, ModuleSettings, ModuleTable, PlannerConfig, PlannerSettings,
} from './config.js';
export { COMPAT_DEFAULTS } from './config.js';
export { EXECUTABILITY_COMPAT_KEYS, executabilityQuirks } from './config.js';
export type {
  AdviceCall, ParamsSchema, SliderOutput, StepNarrative,
  CategoryRoute, Evaluator, EvaluatorSetup, EvaluatorSnapshotSetup, FilterCall, OpportunityCalculator, PatternCall, PatternGenerator, PatternStage,
  PlannerModule, SequenceFilter, SequenceGenerator, SequenceGeneratorInput, SequenceGeneratorStage, SequenceScorer,
} from './modules.js';
export { defineCalculator, defineEvaluator, defineFilter, definePattern, defineSequenceGenerator } from './modules.js';
export type { Diagnostic, EvaluationResult, FunnelCounts, HealthScore, Plan, PlanStep } from './plan.js';
export type { PlanExecution, PlanViolation, PlanViolationRule } from './plan.js';
export type { PlannerEvent, PlannerEventListener, PlannerStage } from './events.js';
export type { IncrementalStore, SequenceStore, StoredResult, StoredSequence, StoreProgress, WorkKey } from './store.js';
export type { InputIssue, PlannerErrorCode } from './errors.js';
export { ConfigError, ModuleError, PlannerError, SnapshotError, StoreError } from './errors.js';
