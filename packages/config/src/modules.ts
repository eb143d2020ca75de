import * as z from 'zod/mini';
// zod's core classes by their own import: `z.core.X` would bundle all of zod's core.
import * as core from 'zod/v4/core';
import type { InputIssue, ModuleKind, ModuleSettings, ModuleTable, PlannerConfig, PlannerModule } from '@planner/contracts';
import { camelToSnake, snakeToCamel } from './case.js';
import { zodIssues } from './issues.js';
import { declaredDefaults } from '#param-defaults';

/** The four configurable kinds: TOML section, config field, words for messages. */
export interface SectionInfo {
  readonly kind: Exclude<ModuleKind, 'evaluator'>;
  readonly section: string;
  readonly field: 'calculators' | 'patterns' | 'sequenceGenerators' | 'filters';
  readonly noun: string;
}

export const SECTIONS: readonly SectionInfo[] = [
  { kind: 'calculator', section: 'opportunity_calculators', field: 'calculators', noun: 'opportunity calculator' },
  { kind: 'pattern', section: 'pattern_generators', field: 'patterns', noun: 'pattern generator' },
  { kind: 'sequence_generator', section: 'sequence_generators', field: 'sequenceGenerators', noun: 'sequence generator' },
  { kind: 'filter', section: 'filters', field: 'filters', noun: 'filter' },
];

export function findModule(modules: readonly PlannerModule[], kind: ModuleKind, name: string): PlannerModule | undefined {
  return modules.find((m) => m.kind === kind && m.name === name);
}

/**
 * Unwraps default/optional/pipe wrappers down to an object schema, if there is
 * one. Unbounded: each step goes one schema deeper in a finite tree, and a cap
 * would let a deeply wrapped schema strip unknown keys silently. It reads each
 * schema's `def.type`, which the schemas of zod/mini and of classic zod share,
 * so a plugin may use either; naming no schema class keeps the classes that no
 * standard module uses (nullable, prefault, pipe) out of a browser bundle.
 */
export function objectOf(schema: core.$ZodType): core.$ZodObject | undefined {
  let cur: core.$ZodType = schema;
  for (;;) {
    const def = cur._zod.def as core.$ZodTypeDef & { innerType?: core.$ZodType; in?: core.$ZodType };
    if (def.type === 'object') return cur as core.$ZodObject;
    const next = WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined;
    if (next === undefined) return undefined;
    cur = next;
  }
}

/** Schema types that hold their value's schema as `innerType`. */
const WRAPPERS: ReadonlySet<string> = new Set(['default', 'optional', 'nullable', 'prefault']);

/**
 * The keys a params schema declares, or `null` when it accepts any key (a
 * non-object schema or an object with a catch-all).
 */
export function declaredKeys(schema: core.$ZodType): readonly string[] | null {
  const obj = objectOf(schema);
  if (!obj) return null;
  const catchall = obj._zod.def.catchall;
  if (catchall && catchall._zod.def.type !== 'never') return null;
  return Object.keys(obj._zod.def.shape);
}

export interface ParamsResult {
  readonly params?: Readonly<Record<string, unknown>>;
  readonly issues: InputIssue[];
}

/**
 * Validates TOML params (snake_case keys) with the module's own schema and
 * returns them camelCased with defaults filled. Unknown keys are errors even
 * when the schema would strip them silently.
 */
export function parseParams(module: PlannerModule, rawParams: Readonly<Record<string, unknown>>, path: string): ParamsResult {
  const written = new Map<string, string>();
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rawParams)) {
    const camel = snakeToCamel(key);
    written.set(camel, key);
    input[camel] = value;
  }
  // Most tables write no params: their params are the schema's defaults.
  const defaults = written.size === 0 ? declaredDefaults(module.params) : undefined;
  if (defaults !== undefined) return { params: Object.freeze(defaults), issues: [] };
  const issues: InputIssue[] = [];
  // without written params there is no unknown key to look for
  const keys = written.size === 0 ? null : declaredKeys(module.params);
  if (keys) {
    for (const [camel, key] of written) {
      if (!keys.includes(camel)) {
        const known = keys.length > 0 ? keys.map(camelToSnake).join(', ') : 'none';
        issues.push({ path: `${path}.${key}`, message: `unknown param '${key}' of ${module.name} (known params: ${known})` });
      }
    }
  }
  const result = module.params.safeParse(input);
  if (!result.success) {
    issues.push(...zodIssues(result.error, rawParams, path, { keyName: (k) => written.get(k) ?? camelToSnake(k) }));
  }
  if (issues.length > 0) return { issues };
  return { params: Object.freeze(result.data as Record<string, unknown>), issues };
}

/** Names of the enabled modules of one table, in table (run) order. */
export function enabledNames(config: PlannerConfig, field: SectionInfo['field']): string[] {
  const out: string[] = [];
  for (const [name, settings] of config[field]) if (settings.enabled) out.push(name);
  return out;
}

/**
 * A module table in run order: modules by their declared `order` (lower
 * first; `orderOf` gives it by name), then those without one, each group in
 * the order of `entries` (Array.prototype.sort is stable).
 */
export function orderTable(entries: ReadonlyMap<string, ModuleSettings>, orderOf: (name: string) => number | undefined): ModuleTable {
  const rank = (name: string): number => orderOf(name) ?? Number.POSITIVE_INFINITY;
  const names = [...entries.keys()].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return ra === rb ? 0 : ra < rb ? -1 : 1;
  });
  return new Map(names.map((name) => [name, entries.get(name) as ModuleSettings]));
}

/** Modules of one kind in run order (declared `order` first, then the others as given). */
export function modulesInOrder(modules: readonly PlannerModule[], kind: ModuleKind): PlannerModule[] {
  const rank = (m: PlannerModule): number => m.order ?? Number.POSITIVE_INFINITY;
  return modules.filter((m) => m.kind === kind).sort((a, b) => (rank(a) === rank(b) ? 0 : rank(a) < rank(b) ? -1 : 1));
}
