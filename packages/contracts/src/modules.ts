import type * as z from 'zod/v4/core';
import type { CompatSwitches, PlannerSettings } from './config.js';
import type { EvaluationContext, OpportunityContext } from './context.js';
import type {
  ActionCandidate, OpportunitiesByCategory, OpportunityCategory, PortfolioSnapshot, Security, Sequence, Side,
} from './domain.js';
import type { RandomSource } from './random.js';
import type { EvaluationResult, HealthScore } from './plan.js';

/** Outputs of the five UI sliders (pipeline.md §2.7) that a module param may take. */
export type SliderOutput =
  | 'priority_threshold' | 'cost_penalty_factor' | 'max_position_concentration'
  | 'min_hold_days' | 'profit_taking_threshold'
  | 'dip_weight' | 'breakout_weight' | 'momentum_threshold'
  | 'max_opportunities_per_category' | 'diversity_weight' | 'max_position_size'
  | 'windfall_threshold' | 'windfall_sell_pct' | 'trailing_stop_distance';

/** What a module's `advise` sees: the configuration it runs in, and the snapshot when one is known. */
export interface AdviceCall {
  readonly settings: PlannerSettings;
  /** Names of the enabled modules of each stage, in run order. */
  readonly enabled: {
    readonly calculators: readonly string[];
    readonly patterns: readonly string[];
    readonly sequenceGenerators: readonly string[];
    readonly filters: readonly string[];
  };
  /** The snapshot about to be planned; absent when a configuration is checked on its own. */
  readonly snapshot?: PortfolioSnapshot;
}

/**
 * A module's params schema: any zod 4 schema, written with `zod/mini` (as
 * the standard modules are) or with classic `zod`. The host validates with the
 * schema's own `parse`/`safeParse` (so its messages come from its own zod) and
 * reads its shape and JSON Schema through zod's core (`_zod`).
 */
export type ParamsSchema = z.$ZodType & {
  parse(data: unknown): unknown;
  safeParse(data: unknown):
    | { readonly success: true; readonly data: unknown; readonly error?: undefined }
    | { readonly success: false; readonly data?: undefined; readonly error: z.$ZodError };
};

/**
 * What every module declares about itself. The host keeps no list of modules:
 * order, defaults, advice and slider effects all come from here, so a plugin
 * module can do whatever a standard one does.
 */
interface ModuleBase<P extends ParamsSchema> {
  /** snake_case; equals the TOML table key. */
  readonly name: string;
  readonly description: string;
  /** zod schema of the params, camelCase keys, every key with a default so `{}` is valid. */
  readonly params: P;
  /**
   * One-line description of each param, by its camelCase key; `planner modules`
   * and the configuration's JSON Schema show them. They live here, not in
   * zod's global registry (`.describe()`, `.meta()`, `.register(z.globalRegistry)`),
   * because registering there is a side effect of importing the module's file
   * that every other zod user in the process sees. A description registered
   * there still shows; an entry here replaces it.
   */
  readonly paramDocs?: Readonly<Record<string, string>>;
  /**
   * Position in its stage: lower runs first. Modules without an order run
   * after those with one, in the order the configuration names them. The
   * standard modules use 100, 200, 300, … so a plugin can slot in between
   * (e.g. 150 runs between the first and the second standard module).
   */
  readonly order?: number;
  /**
   * `true`: a configuration that does not mention the module runs it with its
   * default params (the standard modules, as the reference's presets assume).
   * Absent or `false`: it runs only when its TOML table enables it (plugins).
   */
  readonly enabledByDefault?: boolean;
  /**
   * Slider outputs (pipeline.md §2.7) that set this module's params when the
   * module is enabled: param name (camelCase) → slider output.
   */
  readonly sliderParams?: Readonly<Record<string, SliderOutput>>;
  /**
   * Warnings about this module's configuration (pipeline.md §2.8), e.g. a
   * setting that makes it useless. Called for enabled modules only, once
   * without a snapshot and again with the snapshot before a plan. Pure.
   */
  advise?(params: z.output<P>, call: AdviceCall): readonly string[];
}

/**
 * How one plan step is told (a calculator's `narrate`). The planner writes the
 * opening ("Buy €1,000 of Name (SYM)") and the closing sentences (the capital a
 * sell frees, a buy's dividend yield); `parts` go in between.
 */
export interface StepNarrative {
  readonly parts: readonly string[];
  /**
   * What the step does for the plan summary: `windfall` (a sell of windfall
   * gains) or `averaging_down` (a buy below average cost). Sets
   * `PlanStep.isWindfall` / `isAveragingDown` and picks the summary's first sentence.
   */
  readonly theme?: 'windfall' | 'averaging_down';
}

// ---------------------------------------------------------------- calculators

/**
 * Where a calculator's candidates go: one category, or a function of each
 * candidate. Absent: BUY candidates go to `opportunity_buys`, SELL candidates
 * to `rebalance_sells`.
 */
export type CategoryRoute = OpportunityCategory | ((candidate: ActionCandidate) => OpportunityCategory);

export interface OpportunityCalculator<P extends ParamsSchema = ParamsSchema> extends ModuleBase<P> {
  readonly kind: 'calculator';
  readonly category?: CategoryRoute;
  /**
   * The sides it proposes; `[planner] allow_buy = false` / `allow_sell = false`
   * warn about a calculator that then has nothing to do. Absent: unknown, no warning.
   */
  readonly sides?: readonly Side[];
  /**
   * Tells a plan step whose candidate this calculator made (it recognises its
   * own candidates, e.g. by their tags); `undefined` for others. The planner
   * asks the enabled calculators in run order and takes the first answer;
   * without one, the step says `Reason: <candidate reason>.`. Pure.
   */
  narrate?(candidate: ActionCandidate): StepNarrative | undefined;
  /**
   * A promise about `calculate`: whenever the snapshot holds no position
   * (`ctx.positions` is empty), it returns [], so the planner need not call
   * it (its count is then 0). Absent or false: no promise, always called.
   */
  readonly emptyWithoutPositions?: boolean;
  /** Candidates sorted by priority descending (stable). Pure. */
  calculate(ctx: OpportunityContext, params: z.output<P>): ActionCandidate[];
}

export function defineCalculator<P extends ParamsSchema>(def: Omit<OpportunityCalculator<P>, 'kind'>): OpportunityCalculator<P> {
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

export interface PatternGenerator<P extends ParamsSchema = ParamsSchema> extends ModuleBase<P> {
  readonly kind: 'pattern';
  readonly stage: PatternStage;
  /**
   * Calculators whose candidates it reads: enabling the pattern while all of
   * them are disabled is a configuration error. Satisfied by any one of them.
   */
  readonly needs?: readonly string[];
  /**
   * A promise about `generate`: whenever every one of these category lists is
   * empty (a missing key counts as empty), it returns [] whatever else it is
   * given, so the planner need not call it (its count is then 0). Declare a
   * list whose emptiness alone guarantees []: `profit_taking`'s sequences
   * start from its own category, so it declares only that one. Absent: no
   * promise, always called (plugins need not declare anything).
   */
  readonly emptyWithout?: readonly OpportunityCategory[];
  /**
   * A promise about `generate`: it takes a sell only from the sell lists
   * (`profit_taking`, `rebalance_sells`) and a buy only when its `valueEur`
   * fits the cash left, so it returns [] whenever both sell lists are empty and
   * every candidate of the other lists is a BUY whose `valueEur` exceeds
   * `call.availableCashEur`; the planner then does not call it (count 0).
   * Absent or false: no promise.
   */
  readonly emptyWhenNothingFits?: boolean;
  /** Candidate sequences, never an empty inner sequence. Must not mutate its inputs. */
  generate(opportunities: OpportunitiesByCategory, params: z.output<P>, call: PatternCall): Sequence[];
}

export function definePattern<P extends ParamsSchema>(
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

export interface SequenceGenerator<P extends ParamsSchema = ParamsSchema> extends ModuleBase<P> {
  readonly kind: 'sequence_generator';
  readonly stage: SequenceGeneratorStage;
  /** New sequences, lazily where possible; never the same sequence twice. */
  generate(input: SequenceGeneratorInput, params: z.output<P>): Iterable<Sequence>;
}

export function defineSequenceGenerator<P extends ParamsSchema>(
  def: Omit<SequenceGenerator<P>, 'kind'>,
): SequenceGenerator<P> {
  return Object.freeze({ kind: 'sequence_generator' as const, ...def });
}

// -------------------------------------------------------------------- filters

export interface FilterCall {
  readonly ctx: OpportunityContext;
}

export interface SequenceFilter<P extends ParamsSchema = ParamsSchema> extends ModuleBase<P> {
  readonly kind: 'filter';
  /**
   * The kept sequences, in input order unless the filter's spec says otherwise.
   * Never called with an empty list: with no sequence left there is nothing
   * to keep, so the planner skips the remaining filters (their time is 0).
   */
  filter(sequences: readonly Sequence[], params: z.output<P>, call: FilterCall): Sequence[];
}

export function defineFilter<P extends ParamsSchema>(def: Omit<SequenceFilter<P>, 'kind'>): SequenceFilter<P> {
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

export interface Evaluator<P extends ParamsSchema = ParamsSchema> extends ModuleBase<P> {
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

export function defineEvaluator<P extends ParamsSchema>(def: Omit<Evaluator<P>, 'kind'>): Evaluator<P> {
  return Object.freeze({ kind: 'evaluator' as const, ...def });
}

export type PlannerModule = OpportunityCalculator | PatternGenerator | SequenceGenerator | SequenceFilter | Evaluator;
