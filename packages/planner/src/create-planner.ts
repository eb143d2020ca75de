import type { Plan, PlannerConfig, PlannerEventListener, PlannerModule, PortfolioSnapshot } from '@planner/contracts';
import { ConfigError, ModuleError } from '@planner/contracts';
import { type ModuleSet, resolveModules } from './module-set.js';
import { generateSequences } from './generation.js';
import { type PreparedInput, candidateList, finishPlan, generationInput, prepareRun, searchBest } from './plan-run.js';
import { PreparedSnapshot, prepareSnapshot } from './prepared-snapshot.js';
import { RunRecorder } from './run-recorder.js';

export interface PlannerOptions {
  /** Validated configuration (from @planner/config). */
  readonly config: PlannerConfig;
  /** Every module value the configuration may name: calculators, patterns, generators, filters, evaluators. */
  readonly modules: readonly PlannerModule[];
  /** Rethrow module errors (as ModuleError) instead of isolating them. */
  readonly strict?: boolean;
  readonly onEvent?: PlannerEventListener;
}

export interface PlanOptions {
  /** Overrides `config.planner.seed`. */
  readonly seed?: number;
}

export interface Planner {
  readonly config: PlannerConfig;
  /**
   * Builds, once, what every plan of `snapshot` by this planner shares whatever
   * the seed: the OpportunityContext and the evaluator's per-snapshot tables.
   * Throws what `plan` would throw for an invalid snapshot or a failing evaluator setup.
   */
  prepare(snapshot: PortfolioSnapshot): PreparedSnapshot;
  /**
   * Plans a snapshot, or a snapshot this planner prepared (the same plan, without
   * building the context; its timings then have no `context` stage). A snapshot
   * prepared by another planner is rejected (TypeError).
   */
  plan(input: PortfolioSnapshot | PreparedSnapshot, options?: PlanOptions): Promise<Plan>;
}

/** Runs the full planner once (pipeline.md §5.2 in the modular shape). */
export function runPlan(
  snapshot: PortfolioSnapshot,
  config: PlannerConfig,
  modules: ModuleSet,
  options: { seed: number; strict: boolean; onEvent?: PlannerEventListener },
  prepared?: PreparedInput,
): Plan {
  const recorder = new RunRecorder(options.strict, options.onEvent, modules.timing);
  const t0 = recorder.now();
  const run = prepareRun(snapshot, config, modules, options.seed, recorder, prepared, true);
  // Stage after stage with nothing worth timing between: each starts at the previous one's end (one clock read each fewer).
  const list = candidateList(run, generateSequences(generationInput(run), undefined, undefined, true), true);
  const counter = { evaluated: 0 };
  // The whole list, before the lazy beam search pulls any of it (the reference simulated all first).
  try {
    run.scorer.candidates?.(list.sequences.unordered);
  } catch (error) {
    throw error instanceof ModuleError ? error : new ModuleError('evaluator', modules.evaluator.name, error);
  }
  const search = list.sequences.length === 0 ? null : searchBest(run, list.sequences, counter);
  const plan = finishPlan(run, list, search, counter.evaluated, true);
  // The plan stage has just read the clock (unless a listener ran after it).
  recorder.addTime('total', (recorder.listening ? recorder.now() : recorder.lastNow) - t0);
  // The timings with 'plan' and 'total', into the plan assembled before they were known.
  (plan as { timings: Plan['timings'] }).timings = recorder.snapshotTimings();
  return plan;
}

/**
 * Resolves the configured modules up front (ConfigError naming every missing
 * or mismatched module, or a missing evaluator) and returns a reusable planner.
 * Stored, resumable planning is `createIncrementalPlanner` of
 * `@planner/planner/incremental`: apart, so that an app that only plans (a
 * browser page) does not carry the work store code.
 */
export function createPlanner(options: PlannerOptions): Planner {
  return plannerOf(options, resolveModules(options.config, options.modules));
}

/** The planner of `createPlanner` over modules already resolved (shared with `createIncrementalPlanner`). */
export function plannerOf(options: PlannerOptions, modules: ModuleSet): Planner {
  const { config } = options;
  const strict = options.strict ?? false;
  // Identifies this planner's prepared snapshots.
  const owner = {};
  return {
    config,
    prepare(snapshot) {
      return prepareSnapshot(owner, snapshot, config, modules);
    },
    plan(input, planOptions) {
      try {
        const seed = planOptions?.seed ?? config.planner.seed;
        if (!Number.isSafeInteger(seed) || seed < 0) {
          throw new ConfigError([{ path: 'seed', message: `expected a whole number >= 0, got ${String(seed)}` }]);
        }
        const onEvent = options.onEvent;
        // Two literals, not `...(onEvent ? { onEvent } : {})`: a spread in a literal takes V8's slow path, on every plan.
        const runOptions = onEvent ? { seed, strict, onEvent } : { seed, strict };
        if (PreparedSnapshot.is(input)) {
          const prepared = { ctx: input.ctx, snapshotTables: input.tablesFor(owner) };
          return Promise.resolve(runPlan(input.snapshot, config, modules, runOptions, prepared));
        }
        return Promise.resolve(runPlan(input, config, modules, runOptions));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}
