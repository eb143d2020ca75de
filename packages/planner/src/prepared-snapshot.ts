import type { OpportunityContext, PlannerConfig, PortfolioSnapshot } from '@planner/contracts';
import { ModuleError } from '@planner/contracts';
import { buildContext, contextSettingsFrom } from '@planner/context';
import type { ModuleSet } from './module-set.js';

/**
 * A snapshot made ready for one planner (`Planner.prepare`): the built
 * OpportunityContext for that planner's settings and the evaluator's seed-free
 * per-snapshot tables. Immutable; any number of plans (any seeds, interleaved)
 * may read it. The same plan results as from the snapshot itself.
 */
export class PreparedSnapshot {
  readonly snapshot: PortfolioSnapshot;
  readonly ctx: OpportunityContext;
  /** Milliseconds the context and the tables took to build (not part of a plan's timings). */
  readonly prepareMs: number;
  // The planner that made it: its settings decided the context and the tables.
  readonly #owner: object;
  readonly #tables: unknown;

  constructor(owner: object, snapshot: PortfolioSnapshot, ctx: OpportunityContext, tables: unknown, prepareMs: number) {
    this.snapshot = snapshot;
    this.ctx = ctx;
    this.prepareMs = prepareMs;
    this.#owner = owner;
    this.#tables = tables;
    Object.freeze(this);
  }

  /**
   * Whether `input` is a PreparedSnapshot: a brand check on its private field,
   * cheaper per plan than `instanceof` (which reads the class's `prototype`).
   */
  static is(input: unknown): input is PreparedSnapshot {
    return typeof input === 'object' && input !== null && #owner in input;
  }

  /** The evaluator's tables, after checking that `owner` (a planner) made this snapshot. */
  tablesFor(owner: object): unknown {
    if (owner !== this.#owner) {
      throw new TypeError(
        'plan(): this PreparedSnapshot was prepared by another planner, whose settings built its context and scorer tables; ' +
          'prepare the snapshot with this planner (planner.prepare(prepared.snapshot)) or pass the snapshot itself',
      );
    }
    return this.#tables;
  }
}

/** The context a planner of `config` builds from `snapshot` (pipeline.md §5.2 step 1). */
export function contextOf(snapshot: PortfolioSnapshot, config: PlannerConfig): OpportunityContext {
  return buildContext(snapshot, contextSettingsFrom(config.planner), {
    totalValueExcludesCash: config.compat.totalValueExcludesCash,
    compat: config.compat,
  });
}

/** Builds what `PreparedSnapshot` holds; an evaluator failing here is fatal, as in `prepare`. */
export function prepareSnapshot(owner: object, snapshot: PortfolioSnapshot, config: PlannerConfig, modules: ModuleSet): PreparedSnapshot {
  const t0 = performance.now();
  const ctx = contextOf(snapshot, config);
  const { name, module, params } = modules.evaluator;
  let tables: unknown;
  try {
    tables = module.prepareSnapshot?.(ctx, { settings: config.planner, compat: config.compat }, params);
  } catch (error) {
    throw error instanceof ModuleError ? error : new ModuleError('evaluator', name, error);
  }
  return new PreparedSnapshot(owner, snapshot, ctx, tables, performance.now() - t0);
}
