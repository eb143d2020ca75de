import type { z } from 'zod';
import type { CompatSwitches, PlannerSettings } from './config.js';
import type { EvaluationContext, OpportunityContext } from './context.js';
import type { ActionCandidate, OpportunitiesByCategory, OpportunityCategory, Security, Sequence } from './domain.js';
import type { RandomSource } from './random.js';
import type { EvaluationResult, HealthScore } from './plan.js';

interface ModuleBase<P extends z.ZodType> {
  /** snake_case; equals the TOML table key. */
  readonly name: string;
  readonly description: string;
  /** zod schema of the params, camelCase keys, every key with a default so `{}` is valid. */
  readonly params: P;
}

// ---------------------------------------------------------------- calculators

/**
 * Where a calculator's candidates go: one category, or a function of each
 * candidate. Absent: BUY candidates go to `opportunity_buys`, SELL candidates
 * to `rebalance_sells`.
 */
export type CategoryRoute = OpportunityCategory | ((candidate: ActionCandidate) => OpportunityCategory);

export interface OpportunityCalculator<P extends z.ZodType = z.ZodType> extends ModuleBase<P> {
  readonly kind: 'calculator';
  readonly category?: CategoryRoute;
  /** Candidates sorted by priority descending (stable). Pure. */
  calculate(ctx: OpportunityContext, params: z.output<P>): ActionCandidate[];
}

export function defineCalculator<P extends z.ZodType>(def: Omit<OpportunityCalculator<P>, 'kind'>): OpportunityCalculator<P> {
  return Object.freeze({ kind: 'calculator' as const, ...def });
}

// ------------------------------------------------------------------- patterns

/**
 * When a pattern runs. `depth`: once per depth 1..maxDepth on the per-category
 * selected lists (the eleven basic patterns). `once`: once after deduplication,
 * on the full category lists (adaptive, market_regime).
 */
export type PatternStage = 'depth' | 'once';

/** Values the planner injects into every pattern call. */
export interface PatternCall {
  readonly ctx: OpportunityContext;
  /** Cash every pattern starts from, EUR. */
  readonly availableCashEur: number;
  /** Step limit L of this call. */
  readonly maxDepth: number;
  readonly maxOpportunitiesPerCategory: number;
  readonly marketRegime: 'bull' | 'bear' | 'sideways';
}

export interface PatternGenerator<P extends z.ZodType = z.ZodType> extends ModuleBase<P> {
  readonly kind: 'pattern';
  readonly stage: PatternStage;
  /** Candidate sequences, never an empty inner sequence. Must not mutate its inputs. */
  generate(opportunities: OpportunitiesByCategory, params: z.output<P>, call: PatternCall): Sequence[];
}

export function definePattern<P extends z.ZodType>(
  def: Omit<PatternGenerator<P>, 'kind' | 'stage'> & { stage?: PatternStage },
): PatternGenerator<P> {
  return Object.freeze({ kind: 'pattern' as const, stage: 'depth' as const, ...def });
}

// --------------------------------------------------------- sequence generators

/**
 * `depth`: called once per depth after that depth's patterns, on the selected
 * lists (combinatorial generators). `extend`: called once after filtering with
 * the sequences so far; its output is appended (partial execution,
 * constraint relaxation).
 */
export type SequenceGeneratorStage = 'depth' | 'extend';

export interface SequenceGeneratorInput {
  readonly ctx: OpportunityContext;
  /** Per-category selected lists of this depth (`depth` stage) or the full lists (`extend` stage). */
  readonly opportunities: OpportunitiesByCategory;
  /** The sequences generated so far (`extend` stage); empty for `depth`. */
  readonly sequences: readonly Sequence[];
  /** Current depth (`depth` stage) or the planner's max depth. */
  readonly depth: number;
  readonly maxDepth: number;
  readonly availableCashEur: number;
  readonly priorityThreshold: number;
  /** Securities for similarity checks; `null` reproduces the incremental planner (symbol-prefix clustering). */
  readonly securitiesBySymbol: ReadonlyMap<string, Security> | null;
  readonly rng: RandomSource;
  /**
   * Scratch space shared by every generator call of one plan run (created per
   * run, never shared across runs): a generator may keep seed-free setup here
   * keyed on input identity (e.g. the per-category lists, the same object at
   * every depth). Absent when the caller offers none; generators must not
   * depend on it for their output.
   */
  readonly runCache?: Map<unknown, unknown>;
}

export interface SequenceGenerator<P extends z.ZodType = z.ZodType> extends ModuleBase<P> {
  readonly kind: 'sequence_generator';
  readonly stage: SequenceGeneratorStage;
  /** New sequences, lazily where possible; never the same sequence twice. */
  generate(input: SequenceGeneratorInput, params: z.output<P>): Iterable<Sequence>;
}

export function defineSequenceGenerator<P extends z.ZodType>(
  def: Omit<SequenceGenerator<P>, 'kind'>,
): SequenceGenerator<P> {
  return Object.freeze({ kind: 'sequence_generator' as const, ...def });
}

// -------------------------------------------------------------------- filters

export interface FilterCall {
  readonly ctx: OpportunityContext;
}

export interface SequenceFilter<P extends z.ZodType = z.ZodType> extends ModuleBase<P> {
  readonly kind: 'filter';
  /** The kept sequences, in input order unless the filter's spec says otherwise. */
  filter(sequences: readonly Sequence[], params: z.output<P>, call: FilterCall): Sequence[];
}

export function defineFilter<P extends z.ZodType>(def: Omit<SequenceFilter<P>, 'kind'>): SequenceFilter<P> {
  return Object.freeze({ kind: 'filter' as const, ...def });
}

// ----------------------------------------------------------------- evaluators

export interface EvaluatorSetup {
  readonly settings: PlannerSettings;
  readonly compat: CompatSwitches;
  readonly rng: RandomSource;
  /**
   * What this evaluator's `prepareSnapshot` returned for the same context, when
   * the planner prepared the snapshot ahead (`Planner.prepare`). An evaluator must
   * check that it is its own and matches `settings`/`compat`, else ignore it.
   */
  readonly snapshotTables?: unknown;
}

/** What `Evaluator.prepareSnapshot` may read: no seed-dependent input and no random source. */
export interface EvaluatorSnapshotSetup {
  readonly settings: PlannerSettings;
  readonly compat: CompatSwitches;
}

/** A scorer prepared for one snapshot; `evaluate` is the hot path. */
export interface SequenceScorer {
  /** Health score of the start portfolio (0..100). */
  currentScore(): HealthScore;
  /** Simulate and score one sequence. `detail` requests the full breakdown. */
  evaluate(sequence: Sequence, detail?: boolean): EvaluationResult;
  /**
   * Optional: every feasible sequence of the run (any order), handed over once
   * before the first `evaluate` by a planner that has them all (`plan`, not the
   * incremental batches). What the reference derived from the whole list
   * (its metrics prefetch) is derived here.
   */
  candidates?(sequences: readonly Sequence[]): void;
}

export interface Evaluator<P extends z.ZodType = z.ZodType> extends ModuleBase<P> {
  readonly kind: 'evaluator';
  prepare(ctx: EvaluationContext, setup: EvaluatorSetup, params: z.output<P>): SequenceScorer;
  /**
   * Optional seed-free work on one snapshot (per-security tables), done once by
   * `Planner.prepare` and handed back to every `prepare` as `setup.snapshotTables`.
   * It must not depend on `settings.seed`, and nobody may mutate the result
   * (several plans, possibly interleaved, share it).
   */
  prepareSnapshot?(ctx: EvaluationContext, setup: EvaluatorSnapshotSetup, params: z.output<P>): unknown;
}

export function defineEvaluator<P extends z.ZodType>(def: Omit<Evaluator<P>, 'kind'>): Evaluator<P> {
  return Object.freeze({ kind: 'evaluator' as const, ...def });
}

export type PlannerModule = OpportunityCalculator | PatternGenerator | SequenceGenerator | SequenceFilter | Evaluator;
