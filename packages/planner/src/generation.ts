import type {
  OpportunitiesByCategory, OpportunityContext, PatternCall, PatternGenerator, PlannerConfig, RandomSource, Sequence,
  SequenceGenerator, SequenceGeneratorInput,
} from '@planner/contracts';
import { type CategoryLists, countCandidates, patternInputs } from './categories.js';
import { selectPerCategory } from './category-selection.js';
import { dedupSequences } from './dedup.js';
import { type ModuleSet, type ResolvedModule, promisesNothing } from './module-set.js';
import type { RunRecorder } from './run-recorder.js';

export interface GenerationInput {
  readonly config: PlannerConfig;
  readonly modules: ModuleSet;
  readonly ctx: OpportunityContext;
  readonly rng: RandomSource;
  /** Full category lists, sorted by priority. */
  readonly categories: CategoryLists;
  readonly recorder: RunRecorder;
}

export interface GenerationResult {
  /** Sequences that go on to the feasibility check, in generation order. */
  readonly sequences: Sequence[];
  readonly generated: number;
  readonly sequencesByModule: Record<string, number>;
  /** After deduplication, with the `once` patterns appended. */
  readonly afterDedup: number;
  /** After the filters, with the `extend` generators' output appended. */
  readonly afterFilters: number;
}

export class Generation {
  // Sequences per count slot (ModuleSet.countNames), and the slots in first-use order.
  private readonly counts: number[];
  private readonly order: number[] = [];
  generated = 0;
  /** Per-run scratch of the generators (SequenceGeneratorInput.runCache), made on their first call (most presets run none). */
  private runCache: Map<unknown, unknown> | null = null;

  constructor(private readonly g: GenerationInput) {
    // -1: a slot not counted yet (a count is never negative).
    this.counts = g.modules.countNames.map(() => -1);
  }

  private count(slot: number, n: number): void {
    const c = this.counts[slot]!;
    if (c < 0) {
      this.order.push(slot);
      this.counts[slot] = n;
    } else {
      this.counts[slot] = c + n;
    }
    this.generated += n;
  }

  /** The counts as the funnel's record, in first-use order. */
  byModule(): Record<string, number> {
    return this.g.modules.shapes.generation.recordSlots(this.order, this.g.modules.countNames, this.counts);
  }

  /** What a pattern gets besides the lists, for a step limit of `maxDepth` (the patterns of one depth share it: read only). */
  callFor(maxDepth: number): PatternCall {
    const s = this.g.config.planner;
    return {
      ctx: this.g.ctx,
      availableCashEur: this.g.ctx.availableCashEur,
      maxDepth,
      maxOpportunitiesPerCategory: s.maxOpportunitiesPerCategory,
      marketRegime: s.marketRegime,
    };
  }

  /** Runs one pattern; its time runs from `t0` (the previous call's end); returns this call's end. */
  pattern(p: ResolvedModule<PatternGenerator>, lists: OpportunitiesByCategory, call: PatternCall, out: Sequence[], t0: number): number {
    let result: Sequence[] | undefined;
    try {
      result = p.module.generate(lists, p.params, call);
    } catch (error) {
      this.g.recorder.fail('pattern', p.name, error);
    }
    this.count(p.countSlot!, result?.length ?? 0);
    if (result) {
      for (let i = 0; i < result.length; i++) {
        const seq = result[i]!;
        if (seq.length > 0) out.push(seq);
      }
    }
    return this.lap(p.timingSlot, t0);
  }

  /**
   * A pattern not called because its promises say it would return []: what
   * a call returning [] would record, with 0 ms (it did no work) and no clock
   * read; the next call's time starts where the last one ended.
   */
  skip(p: ResolvedModule<PatternGenerator>): void {
    this.count(p.countSlot!, 0);
    this.g.recorder.addSlot(p.timingSlot, 0);
  }

  /** Runs one generator, as `pattern`. */
  generator(
    gen: ResolvedModule<SequenceGenerator>,
    lists: OpportunitiesByCategory,
    depth: number,
    sequences: readonly Sequence[],
    out: Sequence[],
    t0: number,
  ): number {
    const s = this.g.config.planner;
    const input: SequenceGeneratorInput = {
      ctx: this.g.ctx,
      opportunities: lists,
      sequences,
      depth,
      maxDepth: s.maxDepth,
      availableCashEur: this.g.ctx.availableCashEur,
      priorityThreshold: s.priorityThreshold,
      securitiesBySymbol: this.g.ctx.securitiesBySymbol,
      rng: this.g.rng,
      runCache: (this.runCache ??= new Map()),
    };
    // Generators may be lazy: drain inside the isolated call so a late throw is caught too.
    let result: Sequence[] | undefined;
    try {
      result = Array.from(gen.module.generate(input, gen.params));
    } catch (error) {
      this.g.recorder.fail('sequence_generator', gen.name, error);
    }
    this.count(gen.countSlot!, result?.length ?? 0);
    // Indexed: thousands of sequences, and a for-of iteration costs several indexed ones in the interpreter.
    if (result) for (let i = 0; i < result.length; i++) out.push(result[i]!);
    return this.lap(gen.timingSlot, t0);
  }

  /** Adds the time since `t0` to a module's slot; returns now. */
  lap(slot: number, t0: number): number {
    const t1 = this.g.recorder.now();
    this.g.recorder.addSlot(slot, t1 - t0);
    return t1;
  }
}

/**
 * The depth loop (pipeline.md §5.3, modules-patterns.md §2.3), appending to `raw`:
 * `patterns(d=1) ++ generators(d=1) ++ … ++ patterns(d=max) ++ generators(d=max)`.
 * Each call of the returned walk goes on from where the last one stopped:
 * `pauseWhen(now)`, asked before each module call, may stop it there (false is
 * returned); without it the walk runs to the loop's end (true).
 */
export function depthWalk(
  g: GenerationInput,
  gen: Generation,
  raw: Sequence[],
  /** The caller has just read the clock (a stage's start): the first module call's time starts there. */
  chained = false,
): (pauseWhen?: (now: number) => boolean) => boolean {
  const maxDepth = g.config.planner.maxDepth;
  const selected = selectPerCategory(g.categories, g.config.planner, g.config.compat, g.ctx.securitiesBySymbol);
  const patterns = g.modules.depthPatterns;
  // The reference runs its combinations only when some selected list is non-empty.
  const generators = countCandidates(selected) > 0 ? g.modules.depthGenerators : [];
  // The selected lists are the same at every depth, and so is which patterns have nothing to work from.
  const offered = patternInputs(selected, g.ctx.availableCashEur);
  let depth = 1;
  let next = 0;
  let fromLastRead = chained;
  return (pauseWhen) => {
    // One timestamp per module call: each call's time runs from the previous one's end (a pause is no module's time).
    let t = fromLastRead ? g.recorder.lastNow : g.recorder.now();
    fromLastRead = false;
    for (; depth <= maxDepth; depth++, next = 0) {
      const call = gen.callFor(depth);
      for (; next < patterns.length + generators.length; next++) {
        if (pauseWhen?.(t)) return false;
        const p = patterns[next];
        if (p === undefined) {
          t = gen.generator(generators[next - patterns.length]!, selected, depth, [], raw, t);
          continue;
        }
        if (promisesNothing(p, offered)) {
          gen.skip(p);
          continue;
        }
        const cap = Math.min(depth, p.depthCap ?? depth);
        t = gen.pattern(p, selected, cap === depth ? call : gen.callFor(cap), raw, t);
      }
      if (g.recorder.listening) {
        g.recorder.progress('generation', depth, maxDepth);
        t = g.recorder.now();
      }
    }
    return true;
  };
}

/** After the depth loop: dedup, then the `once` patterns on the full lists (not deduplicated). Ends with a clock read. */
export function finishDepths(g: GenerationInput, gen: Generation, raw: Sequence[]): DepthResult {
  const sequences = dedupSequences(raw);
  // Nothing generated (a small plan's patterns found nothing): the dedup returned at once, and the once patterns start at the depth loop's last read.
  let t = raw.length === 0 ? g.recorder.lastNow : g.recorder.now();
  const once = gen.callFor(g.config.planner.maxDepth);
  const offered = patternInputs(g.categories, g.ctx.availableCashEur);
  for (const p of g.modules.oncePatterns) {
    if (promisesNothing(p, offered)) gen.skip(p);
    else t = gen.pattern(p, g.categories, once, sequences, t);
  }
  return { sequences, afterDedup: sequences.length };
}

export interface DepthResult {
  readonly sequences: Sequence[];
  readonly afterDedup: number;
}

function depthStage(g: GenerationInput, gen: Generation): DepthResult {
  const raw: Sequence[] = [];
  // Inside the generation stage, which has just read the clock.
  depthWalk(g, gen, raw, true)();
  return finishDepths(g, gen, raw);
}

/** Filters in configuration order, then the `extend` generators, each appending to the list so far. */
function filterStage(g: GenerationInput, gen: Generation, input: Sequence[]): Sequence[] {
  let sequences = input;
  // The stage's start (its first read of the clock).
  let t = g.recorder.lastNow;
  const call = { ctx: g.ctx };
  for (const f of g.modules.filters) {
    // Nothing left to keep: the filter is not called (its time is 0, no clock read).
    if (sequences.length === 0) {
      g.recorder.addSlot(f.timingSlot, 0);
      continue;
    }
    try {
      const kept = f.module.filter(sequences, f.params, call);
      if (kept !== undefined) sequences = kept;
    } catch (error) {
      // A failed filter passes its input through.
      g.recorder.fail('filter', f.name, error);
    }
    t = gen.lap(f.timingSlot, t);
  }
  for (const e of g.modules.extendGenerators) {
    const extra: Sequence[] = [];
    t = gen.generator(e, g.categories, g.config.planner.maxDepth, sequences, extra, t);
    sequences = sequences.concat(extra);
  }
  return sequences;
}

/**
 * The generation and filter stages; `depth`: the generation stage already run by `gen` (generateSequencesUntil).
 * `chained`: the caller has just ended a stage (the opportunities), with nothing worth timing since: the generation starts there.
 */
export function generateSequences(g: GenerationInput, gen = new Generation(g), depth?: DepthResult, chained = false): GenerationResult {
  // The stage ends where its last read (finishDepths') is: one clock read fewer per stage boundary.
  const recorder = g.recorder;
  if (depth === undefined) {
    const t0 = recorder.begin('generation', chained);
    depth = depthStage(g, gen);
    recorder.end('generation', t0, depth.afterDedup, true);
  }
  const first = depth;
  // Right after the generation stage's end: the filters start there. Without extend generators the stage ends with its last filter's end.
  const endsOnRead = g.modules.extendGenerators.length === 0;
  const t1 = recorder.begin('filters', true);
  const sequences = filterStage(g, gen, first.sequences);
  recorder.end('filters', t1, sequences.length, endsOnRead);
  return {
    sequences,
    generated: gen.generated,
    sequencesByModule: gen.byModule(),
    afterDedup: first.afterDedup,
    afterFilters: sequences.length,
  };
}
