import type {
  OpportunitiesByCategory, OpportunityContext, PatternCall, PatternGenerator, PlannerConfig, RandomSource, Sequence,
  SequenceGenerator, SequenceGeneratorInput,
} from '@planner/contracts';
import { type CategoryLists, countCandidates } from './categories.js';
import { selectPerCategory } from './category-selection.js';
import { dedupSequences } from './dedup.js';
import type { ModuleSet, ResolvedModule } from './module-set.js';
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

class Generation {
  readonly byModule: Record<string, number> = {};
  generated = 0;

  constructor(private readonly g: GenerationInput) {}

  private count(name: string, n: number): void {
    this.byModule[name] = (this.byModule[name] ?? 0) + n;
    this.generated += n;
  }

  pattern(p: ResolvedModule<PatternGenerator>, lists: OpportunitiesByCategory, maxDepth: number, out: Sequence[]): void {
    const s = this.g.config.planner;
    const call: PatternCall = {
      ctx: this.g.ctx,
      availableCashEur: this.g.ctx.availableCashEur,
      maxDepth,
      maxOpportunitiesPerCategory: s.maxOpportunitiesPerCategory,
      marketRegime: s.marketRegime,
    };
    const result = this.g.recorder.call('pattern', p.name, () => p.module.generate(lists, p.params, call), p.timingKey);
    this.count(p.name, result?.length ?? 0);
    if (result) for (const seq of result) if (seq.length > 0) out.push(seq);
  }

  generator(
    gen: ResolvedModule<SequenceGenerator>,
    lists: OpportunitiesByCategory,
    depth: number,
    sequences: readonly Sequence[],
    out: Sequence[],
  ): void {
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
    };
    // Generators may be lazy: drain inside the isolated call so a late throw is caught too.
    const result = this.g.recorder.call(
      'sequence_generator', gen.name, () => Array.from(gen.module.generate(input, gen.params)), gen.timingKey,
    );
    this.count(gen.name, result?.length ?? 0);
    if (result) for (const seq of result) out.push(seq);
  }
}

/**
 * Depth loop, dedup and `once` patterns (pipeline.md §5.3, modules-patterns.md §2.3):
 * `patterns(d=1) ++ generators(d=1) ++ … ++ patterns(d=max) ++ generators(d=max)`,
 * deduplicated, then the `once` patterns on the full lists (not deduplicated).
 */
function depthStage(g: GenerationInput, gen: Generation): { sequences: Sequence[]; afterDedup: number } {
  const s = g.config.planner;
  const selected = selectPerCategory(g.categories, s, g.config.compat, g.ctx.securitiesBySymbol);
  // The reference runs its combinations only when some selected list is non-empty.
  const anySelected = countCandidates(selected) > 0;
  const raw: Sequence[] = [];
  for (let depth = 1; depth <= s.maxDepth; depth++) {
    for (const p of g.modules.depthPatterns) {
      gen.pattern(p, selected, Math.min(depth, p.depthCap ?? depth), raw);
    }
    if (anySelected) for (const d of g.modules.depthGenerators) gen.generator(d, selected, depth, [], raw);
    g.recorder.progress('generation', depth, s.maxDepth);
  }
  const sequences = dedupSequences(raw);
  for (const p of g.modules.oncePatterns) gen.pattern(p, g.categories, s.maxDepth, sequences);
  return { sequences, afterDedup: sequences.length };
}

/** Filters in configuration order, then the `extend` generators, each appending to the list so far. */
function filterStage(g: GenerationInput, gen: Generation, input: Sequence[]): Sequence[] {
  let sequences = input;
  for (const f of g.modules.filters) {
    const kept = g.recorder.call('filter', f.name, () => f.module.filter(sequences, f.params, { ctx: g.ctx }), f.timingKey);
    // A failed filter passes its input through.
    if (kept !== undefined) sequences = kept;
  }
  for (const e of g.modules.extendGenerators) {
    const extra: Sequence[] = [];
    gen.generator(e, g.categories, g.config.planner.maxDepth, sequences, extra);
    sequences = sequences.concat(extra);
  }
  return sequences;
}

export function generateSequences(g: GenerationInput): GenerationResult {
  const gen = new Generation(g);
  const depth = g.recorder.stage('generation', () => depthStage(g, gen), (r) => r.afterDedup);
  const sequences = g.recorder.stage('filters', () => filterStage(g, gen, depth.sequences), (r) => r.length);
  return {
    sequences,
    generated: gen.generated,
    sequencesByModule: gen.byModule,
    afterDedup: depth.afterDedup,
    afterFilters: sequences.length,
  };
}
