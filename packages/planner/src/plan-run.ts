import type {
  HealthScore, OpportunityContext, Plan, PlanExecution, PlannerConfig, PortfolioSnapshot, RandomSource, Sequence, SequenceScorer,
} from '@planner/contracts';
import { ModuleError, PlannerError } from '@planner/contracts';
import { createPythonRandom, pyFixed } from '@planner/context';
import { NO_BENEFICIAL_ACTIONS_TEXT, NO_FEASIBLE_SEQUENCE_TEXT, type PlanFrame, assemblePlan, emptyPlan } from './assemble-plan.js';
import { type BeamSearch, runBeamSearch } from './beam-search.js';
import { type FeasibilityCounts, emptyFeasibilityCounts } from './feasibility.js';
import { FeasibleOrder, type OrderedSequences } from './feasible-order.js';
import { type GenerationInput, type GenerationResult, generateSequences } from './generation.js';
import type { ModuleSet } from './module-set.js';
import { type Opportunities, collectOpportunities } from './opportunities.js';
import { type PlanCheckInput, checkSequence } from './plan-check.js';
import { contextOf } from './prepared-snapshot.js';
import type { RunRecorder } from './run-recorder.js';
import type { ScoredSequence } from './scored-sequence.js';

/** Everything one run derives from the snapshot before any sequence exists. */
export interface PreparedRun {
  readonly config: PlannerConfig;
  readonly modules: ModuleSet;
  readonly recorder: RunRecorder;
  readonly seed: number;
  readonly ctx: OpportunityContext;
  readonly rng: RandomSource;
  readonly scorer: SequenceScorer;
  readonly current: HealthScore;
  /** The evaluator's detailed breakdown of the current portfolio (the empty sequence); `{}` if that evaluation failed. */
  readonly currentScoreBreakdown: Readonly<Record<string, unknown>>;
  readonly opportunities: Opportunities;
  /** What the plan check reads (issue 13). */
  readonly check: PlanCheckInput;
  /** The executable profile: a sequence failing the check is dropped (thrown when strict), not proposed. */
  readonly enforceCheck: boolean;
}

/** A context built ahead (`Planner.prepare`) and the evaluator's tables for it. */
export interface PreparedInput {
  readonly ctx: OpportunityContext;
  readonly snapshotTables: unknown;
}

/**
 * Step 1–2 of the flow: context, the run's random source, the prepared scorer,
 * the opportunities. With `prepared` the context stage is skipped (no 'context'
 * timing or events) and the evaluator receives the prepared tables.
 */
export function prepareRun(
  snapshot: PortfolioSnapshot,
  config: PlannerConfig,
  modules: ModuleSet,
  seed: number,
  recorder: RunRecorder,
  prepared?: PreparedInput,
  /** The caller has just read the clock (`recorder.now()`): the context stage starts there. */
  chained = false,
): PreparedRun {
  let ctx = prepared?.ctx;
  if (ctx === undefined) {
    const t0 = recorder.begin('context', chained);
    ctx = contextOf(snapshot, config);
    recorder.end('context', t0, ctx.securities.length);
  }
  // One generator per run: the depth-stage generators draw first, the evaluator after them.
  const rng = createPythonRandom(seed);
  const { name, module, params } = modules.evaluator;
  let scorer: SequenceScorer;
  let current: HealthScore;
  try {
    // The evaluator sees the run's seed (a plan's seed overrides the configured one): Monte Carlo derives each sequence's draws from it.
    const settings = seed === config.planner.seed ? config.planner : { ...config.planner, seed };
    const setup = prepared === undefined
      ? { settings, compat: config.compat, rng }
      : { settings, compat: config.compat, rng, snapshotTables: prepared.snapshotTables };
    scorer = module.prepare(ctx, setup, params);
    current = scorer.currentScore();
  } catch (error) {
    // Without a scorer there is no plan to fall back to: always fatal.
    throw error instanceof ModuleError ? error : new ModuleError('evaluator', name, error);
  }
  // Part of the scorer's setup, as `currentScore()` (untimed, outside the
  // module's evaluation time), but not fatal: the plan can do without it.
  // Before `candidates`: the current portfolio is scored with the metrics it
  // really has, not the neutral ones the reference gave symbols every feasible
  // sequence sells off (DECISIONS #24), so that every plan path gets the same breakdown.
  let currentScoreBreakdown: Readonly<Record<string, unknown>> = {};
  try {
    currentScoreBreakdown = scorer.evaluate([], true).breakdown ?? {};
  } catch (error) {
    recorder.fail('evaluator', name, error);
  }
  const t0 = recorder.begin('opportunities');
  const opportunities = collectOpportunities(ctx, modules.calculators, recorder, modules.shapes.opportunities, recorder.lastNow);
  recorder.end('opportunities', t0, opportunities.total);
  const quirks = modules.quirks;
  const check = { ctx, cash: snapshot.cash, compat: config.compat, quirks };
  return {
    config, modules, recorder, seed, ctx, rng, scorer, current, currentScoreBreakdown, opportunities, check,
    enforceCheck: quirks.length === 0,
  };
}

/** The evaluation order: feasible sequences sorted by Σ priority. */
export interface CandidateList {
  /** Read lazily (`get`) by the beam search; `toArray()` for the whole list. */
  readonly sequences: FeasibleOrder;
  readonly generation: GenerationResult;
  readonly rejected: FeasibilityCounts;
}

/**
 * Steps 3 of the flow: generation, filters, early filtering and the priority sort.
 * `generation`: the generation and filter stages already run (`candidateListUntil`).
 * `chained`: they have just run (the filters stage's end is the feasibility stage's start).
 */
export function candidateList(run: PreparedRun, generation = generateSequences(generationInput(run)), chained = false): CandidateList {
  const { config, ctx, recorder } = run;
  const rejected = emptyFeasibilityCounts();
  const t0 = recorder.begin('feasibility', chained);
  const sequences = new FeasibleOrder(generation.sequences, ctx, ctx.availableCashEur, config.planner.priorityThreshold, rejected, cashCosts(run));
  recorder.end('feasibility', t0, sequences.length);
  return { sequences, generation, rejected };
}

export function generationInput(run: PreparedRun): GenerationInput {
  const { config, ctx, rng, recorder, modules } = run;
  return { config, modules, ctx, rng, categories: run.opportunities.categories, recorder };
}

/** The costs the early cash walk takes: only when costs are deducted from cash (compat #22 off). */
export function cashCosts(run: PreparedRun): { fixed: number; percent: number } | undefined {
  if (run.config.compat.costsNotDeductedFromCash) return undefined;
  return { fixed: run.ctx.transactionCostFixed, percent: run.ctx.transactionCostPercent };
}

/**
 * Under the executable profile, whether `sequence` passes the plan check. A
 * failure is a bug of the module that proposed it: a strict planner throws,
 * otherwise the sequence is skipped and counted in `dropped`.
 */
export function passesCheck(run: PreparedRun, sequence: Sequence, dropped: { count: number; first?: string }): boolean {
  if (!run.enforceCheck) return true;
  const verdict = checkSequence(sequence, run.check);
  if (verdict.executable) return true;
  const message = verdict.violations[0]!.message;
  if (run.recorder.strict) {
    throw new PlannerError('PLANNER_MODULE_FAILED', `a generated sequence fails the plan check at true values: ${message}`);
  }
  dropped.count++;
  dropped.first ??= message;
  return false;
}

/** The warning for the sequences `passesCheck` dropped. */
export function reportDropped(run: PreparedRun, dropped: { count: number; first?: string }): void {
  if (dropped.count === 0) return;
  run.recorder.warn(`dropped ${dropped.count} sequence(s) that fail the plan check at true values (first: ${dropped.first})`);
}

/** Lazy evaluation stream: a sequence is simulated only when the beam search pulls it. */
export function* evaluationStream(
  run: PreparedRun,
  sequences: readonly Sequence[] | OrderedSequences,
  counter: { evaluated: number },
  dropped: { count: number; first?: string } = { count: 0 },
  /** When the first evaluation's time starts (default: the first pull); the stage's start when the stream begins it. */
  start?: number,
): Generator<ScoredSequence | null> {
  const at = Array.isArray(sequences) ? (i: number) => (sequences as readonly Sequence[])[i]! : (i: number) => (sequences as OrderedSequences).get(i);
  const { scorer, recorder } = run;
  const { name, timingSlot } = run.modules.evaluator;
  // One timestamp per evaluation: each one's time runs from the previous one's
  // end, so it includes the beam search's bookkeeping between two pulls.
  let t0 = start ?? recorder.now();
  for (let index = 0; index < sequences.length; index++) {
    const sequence = at(index);
    let item: ScoredSequence | null = null;
    if (!passesCheck(run, sequence, dropped)) {
      // Takes its place in the batch like a failed evaluation; the next best takes its place in the beam.
      counter.evaluated++;
      yield null;
      t0 = recorder.now();
      continue;
    }
    try {
      const result = scorer.evaluate(sequence);
      if (!Number.isFinite(result.score)) throw new Error(`non-finite score ${result.score}`);
      item = { index, sequence, result };
    } catch (error) {
      recorder.fail('evaluator', name, error);
    }
    const t1 = recorder.now();
    recorder.addSlot(timingSlot, t1 - t0);
    t0 = t1;
    counter.evaluated++;
    yield item;
  }
}

/** Step 4: the beam search over the ordered candidates. */
export function searchBest(run: PreparedRun, sequences: readonly Sequence[] | OrderedSequences, counter: { evaluated: number }): BeamSearch {
  const s = run.config.planner;
  const dropped = { count: 0 } as { count: number; first?: string };
  const t0 = run.recorder.begin('evaluation');
  const search = runBeamSearch(
    evaluationStream(run, sequences, counter, dropped, run.recorder.lastNow),
    {
      beamWidth: s.beamWidth,
      multiObjective: s.enableMultiObjective,
      plateauNeverResets: run.config.compat.beamPlateauNeverResets,
      total: sequences.length,
    },
    (_, pulled) => run.recorder.progress('evaluation', pulled, sequences.length),
  );
  run.recorder.end('evaluation', t0, counter.evaluated);
  reportDropped(run, dropped);
  return search;
}

/**
 * Step 5: the plan from the search's winner (or one of the empty plans).
 * `chained`: the evaluation (or feasibility) stage has just ended: the plan stage starts there.
 */
export function finishPlan(run: PreparedRun, list: CandidateList, search: BeamSearch | null, evaluated: number, chained = false): Plan {
  const { recorder, config, current } = run;
  const g = list.generation;
  const frame: PlanFrame = {
    current,
    currentScoreBreakdown: run.currentScoreBreakdown,
    availableCashEur: run.ctx.availableCashEur,
    funnel: {
      opportunities: run.opportunities.total,
      opportunitiesByModule: run.opportunities.byModule,
      generated: g.generated,
      sequencesByModule: g.sequencesByModule,
      afterDedup: g.afterDedup,
      afterFilters: g.afterFilters,
      feasible: list.sequences.length,
      evaluated,
    },
    timings: recorder.timingRecord, // brought up to date when the run ends
    diagnostics: recorder.diagnostics,
    seed: run.seed,
    configName: config.planner.name,
  };
  const t0 = recorder.begin('plan', chained);
  const plan = planOf(run, frame, search);
  recorder.end('plan', t0, plan.steps.length);
  return plan;
}

/** The plan stage's work: the winner's plan, or an empty plan saying why there is none. */
function planOf(run: PreparedRun, frame: PlanFrame, search: BeamSearch | null): Plan {
  const { recorder, config, current } = run;
  // The empty plan's check (cash after, costs 0), only for an empty plan.
  if (search === null) return emptyPlan(frame, NO_FEASIBLE_SEQUENCE_TEXT, checkSequence([], run.check));
  const winner = search.winner();
  if (winner === undefined) return emptyPlan(frame, NO_BENEFICIAL_ACTIONS_TEXT, checkSequence([], run.check));
  const min = config.planner.minImprovement;
  const gain = winner.result.score * 100 - current.total;
  if (min > 0 && gain < min) {
    recorder.warn(`best plan improves the score by ${pyFixed(gain, 2)} points, below min_improvement ${min}`);
    return emptyPlan(frame, NO_BENEFICIAL_ACTIONS_TEXT, checkSequence([], run.check));
  }
  const { name, timingKey } = run.modules.evaluator;
  const detailed = recorder.call('evaluator', name, () => run.scorer.evaluate(winner.sequence, true), timingKey);
  const breakdown = detailed?.breakdown ?? {};
  return assemblePlan(
    frame,
    { sequence: winner.sequence, score: winner.result.score, breakdown },
    run.ctx.portfolio,
    run.opportunities.categories,
    checked(run, winner.sequence),
    run.modules.narrators,
  );
}

/**
 * The winner's check. Under the executable profile every evaluated sequence
 * passed it already; under the parity profile it reports without changing the plan.
 */
export function checked(run: PreparedRun, sequence: Sequence): PlanExecution {
  return checkSequence(sequence, run.check);
}
