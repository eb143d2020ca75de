import type {
  CompatSwitches, Evaluator, InputIssue, ModuleKind, ModuleTable, OpportunityCalculator, OpportunityCategory, PatternGenerator,
  PlannerConfig, PlannerModule, SequenceFilter, SequenceGenerator,
} from '@planner/contracts';
import { ConfigError, OPPORTUNITY_CATEGORIES, executabilityQuirks } from '@planner/contracts';
import { ANY_INPUT, SOMETHING_FITS, categoryBit } from './categories.js';
import { RecordShape } from '#record-shape';
import { STAGE_KEYS, TimingTable } from './timing-table.js';

/**
 * A module picked by the configuration, with the params the configuration
 * holds: `@planner/config` validated them with the module's own schema
 * (defaults filled), so the planner passes them on as they are.
 */
export interface ResolvedModule<M extends PlannerModule> {
  readonly name: string;
  readonly module: M;
  readonly params: unknown;
  /** `kind:name`, the key of the module's time in `Plan.timings`, built once. */
  readonly timingKey: string;
  /** The slot of `timingKey` in the module set's TimingTable. */
  readonly timingSlot: number;
  /**
   * Patterns only: a `maxDepth` the configuration wrote, capping the per-depth
   * step limit (modules-patterns.md §2.3 "configured(name).max_depth ?? depth").
   */
  readonly depthCap?: number;
  /**
   * Patterns and sequence generators: the module's entry in the module set's
   * `countNames` (a pattern and a generator of one name share it).
   */
  readonly countSlot?: number;
}

/**
 * A resolved pattern with its promises (contracts `emptyWithout`,
 * `emptyWhenNothingFits`) as bits of what a call offers (categories.ts
 * `patternInputs`): the planner does not call it when they say it would
 * return [] (its count is then 0, its time 0). Every pattern has both fields,
 * so the resolved patterns share one layout.
 */
export interface ResolvedPattern extends ResolvedModule<PatternGenerator> {
  /** It runs only when the call's inputs share a bit with this: its emptyWithout categories, or ANY_INPUT when it declares none. */
  readonly runsWithAny: number;
  /** It runs only when the call's inputs hold every bit of this: SOMETHING_FITS when it declares emptyWhenNothingFits, else 0. */
  readonly runsWithAll: number;
}

/** Whether a pattern's promises say it would return [] for a call offering `offered` (categories.ts `patternInputs`). */
export function promisesNothing(p: ResolvedPattern, offered: number): boolean {
  return (p.runsWithAny & offered) === 0 || (p.runsWithAll & offered) !== p.runsWithAll;
}

function maxDepthOf(params: unknown): number | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const v = (params as { maxDepth?: unknown }).maxDepth;
  return typeof v === 'number' ? v : undefined;
}

/** A pattern's `maxDepth` param caps the per-depth step limit only when the configuration sets it. */
function depthCapOf(_module: PlannerModule, params: unknown): number | undefined {
  return maxDepthOf(params);
}

/** The enabled modules of one configuration, in run order, split by the stage they run in. */
export interface ModuleSet {
  readonly calculators: readonly ResolvedModule<OpportunityCalculator>[];
  readonly depthPatterns: readonly ResolvedPattern[];
  readonly oncePatterns: readonly ResolvedPattern[];
  readonly depthGenerators: readonly ResolvedModule<SequenceGenerator>[];
  readonly extendGenerators: readonly ResolvedModule<SequenceGenerator>[];
  readonly filters: readonly ResolvedModule<SequenceFilter>[];
  readonly evaluator: ResolvedModule<Evaluator>;
  /** The enabled calculators in run order: they tell the plan's steps (their `narrate`). */
  readonly narrators: readonly OpportunityCalculator[];
  /** The stages' and these modules' timing keys, one slot each. */
  readonly timing: TimingTable;
  /** The shapes of the funnel's per-module counts (calculators; patterns and generators). */
  readonly shapes: { readonly opportunities: RecordShape; readonly generation: RecordShape };
  /** The names the funnel's `sequencesByModule` may hold (patterns', then generators'), one count slot each. */
  readonly countNames: readonly string[];
  /** `executabilityQuirks(config.compat)` of the configuration resolved, once (every plan's check reads it; the check copies it). */
  readonly quirks: readonly (keyof CompatSwitches)[];
}

const SECTION: Record<Exclude<ModuleKind, 'evaluator'>, string> = {
  calculator: 'opportunity_calculators',
  pattern: 'pattern_generators',
  sequence_generator: 'sequence_generators',
  filter: 'filters',
};

const KIND_LABEL: Record<ModuleKind, string> = {
  calculator: 'calculator',
  pattern: 'pattern generator',
  sequence_generator: 'sequence generator',
  filter: 'filter',
  evaluator: 'evaluator',
};

type ModuleOfKind<K extends ModuleKind> = Extract<PlannerModule, { kind: K }>;

class Resolver {
  readonly issues: InputIssue[] = [];
  private readonly byKey = new Map<string, PlannerModule>();
  private readonly kindsByName = new Map<string, ModuleKind[]>();

  constructor(modules: readonly PlannerModule[]) {
    for (const m of modules) {
      const key = `${m.kind}:${m.name}`;
      const known = this.byKey.get(key);
      if (known !== undefined && known !== m) {
        this.issues.push({ path: m.name, message: `two different ${KIND_LABEL[m.kind]} modules are named '${m.name}'` });
        continue;
      }
      this.byKey.set(key, m);
      const kinds = this.kindsByName.get(m.name) ?? [];
      kinds.push(m.kind);
      this.kindsByName.set(m.name, kinds);
    }
  }

  find<K extends ModuleKind>(kind: K, name: string, path: string, why = ''): ModuleOfKind<K> | undefined {
    const m = this.byKey.get(`${kind}:${name}`);
    if (m !== undefined) return m as ModuleOfKind<K>;
    const other = this.kindsByName.get(name);
    const found = other ? `only a ${other.map((k) => KIND_LABEL[k]).join(' and a ')} of that name` : 'no module of that name';
    this.issues.push({
      path,
      message: `expected the ${KIND_LABEL[kind]} '${name}'${why} among the given modules, found ${found}`,
    });
    return undefined;
  }

  resolveTable<K extends Exclude<ModuleKind, 'evaluator'>>(kind: K, table: ModuleTable): ResolvedModule<ModuleOfKind<K>>[] {
    const out: ResolvedModule<ModuleOfKind<K>>[] = [];
    for (const [name, settings] of table) {
      if (!settings.enabled) continue;
      const path = `${SECTION[kind]}.${name}`;
      const module = this.find(kind, name, path);
      if (module === undefined) continue;
      const params: unknown = settings.params;
      const depthCap = kind === 'pattern' ? depthCapOf(module, params) : undefined;
      const timingKey = `${kind}:${name}`;
      const timingSlot = -1;
      const resolved: ResolvedModule<ModuleOfKind<K>> = depthCap === undefined
        ? { name, module, params, timingKey, timingSlot }
        : { name, module, params, timingKey, timingSlot, depthCap };
      out.push(resolved);
    }
    return out;
  }

  /** A pattern with its promises as bits; a name in `emptyWithout` that is no category is a configuration error (it would skip the pattern wrongly). */
  withPromises(p: ResolvedModule<PatternGenerator>): ResolvedPattern {
    const categories: readonly string[] | undefined = p.module.emptyWithout;
    let runsWithAny = ANY_INPUT;
    if (categories !== undefined) {
      runsWithAny = 0;
      for (const category of categories) {
        const bit = categoryBit(category as OpportunityCategory);
        if (bit === 0) {
          this.issues.push({
            path: `${SECTION.pattern}.${p.name}`,
            message: `the module declares emptyWithout '${category}', expected one of ${OPPORTUNITY_CATEGORIES.join(', ')}`,
          });
        }
        runsWithAny |= bit;
      }
    }
    return { ...p, runsWithAny, runsWithAll: p.module.emptyWhenNothingFits === true ? SOMETHING_FITS : 0 };
  }
}

/**
 * Picks every enabled module of the configuration, and the evaluator it
 * names, out of `modules`; throws one ConfigError naming every missing or
 * mismatched module. Params are taken as validated by `@planner/config`.
 */
export function resolveModules(config: PlannerConfig, modules: readonly PlannerModule[]): ModuleSet {
  const r = new Resolver(modules);
  const calculators = r.resolveTable('calculator', config.calculators);
  const patterns = r.resolveTable('pattern', config.patterns).map((p) => r.withPromises(p));
  const generators = r.resolveTable('sequence_generator', config.sequenceGenerators);
  const filters = r.resolveTable('filter', config.filters);
  const evaluatorName = config.evaluator;
  const evaluatorModule = r.find('evaluator', evaluatorName, 'planner', ' (chosen by the [planner] evaluation switches)');
  if (r.issues.length > 0 || evaluatorModule === undefined) throw new ConfigError(r.issues);
  // No configuration section sets evaluator params: the evaluator runs with its schema's defaults.
  const evaluatorParams: unknown = evaluatorModule.params.parse({});
  const evaluatorKey = `evaluator:${evaluatorName}`;
  const timing = new TimingTable([
    ...STAGE_KEYS,
    ...[...calculators, ...patterns, ...generators, ...filters].map((m) => m.timingKey),
    evaluatorKey,
  ]);
  const slotted = <T extends ResolvedModule<PlannerModule>>(list: T[]): T[] =>
    list.map((m) => ({ ...m, timingSlot: timing.slotOf(m.timingKey) }));
  const countNames = [...new Set([...patterns, ...generators].map((m) => m.name))];
  const counted = <T extends ResolvedModule<PlannerModule>>(list: T[]): T[] =>
    list.map((m) => ({ ...m, countSlot: countNames.indexOf(m.name) }));
  const ps = counted(slotted(patterns));
  const gs = counted(slotted(generators));
  return {
    calculators: slotted(calculators),
    depthPatterns: ps.filter((p) => p.module.stage === 'depth'),
    oncePatterns: ps.filter((p) => p.module.stage === 'once'),
    depthGenerators: gs.filter((g) => g.module.stage === 'depth'),
    extendGenerators: gs.filter((g) => g.module.stage === 'extend'),
    filters: slotted(filters),
    narrators: calculators.map((c) => c.module),
    evaluator: {
      name: evaluatorName, module: evaluatorModule, params: evaluatorParams, timingKey: evaluatorKey, timingSlot: timing.slotOf(evaluatorKey),
    },
    timing,
    shapes: { opportunities: new RecordShape(), generation: new RecordShape() },
    countNames,
    quirks: Object.freeze(executabilityQuirks(config.compat)),
  };
}
