import type { PlannerConfig } from '@planner/contracts';
import { camelToSnake } from './case.js';
import { isTable } from './extends.js';
import { SECTIONS } from './modules.js';
import { CompatSectionSchema, PLANNER_FIELDS } from './planner-settings.js';

const keysOf = (v: unknown): ReadonlySet<string> => new Set(isTable(v) ? Object.keys(v) : []);

function missing(written: unknown, resolved: Readonly<Record<string, unknown>>): number {
  const have = keysOf(written);
  return Object.keys(resolved).filter((k) => resolved[k] !== undefined && !have.has(k)).length;
}

/** A params table with snake_case keys, as a file writes them. */
function snakeCased(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[camelToSnake(k)] = v;
  return out;
}

/**
 * How many settings of the resolved configuration the merged TOML does not
 * write: those took code defaults. A complete file (e.g. `config show`
 * output) leaves out none.
 */
export function countLeftOut(raw: Readonly<Record<string, unknown>>, config: PlannerConfig): number {
  // every [planner] and [compat] key resolves to a value (each has a default): count the keys not written
  let count = missing(raw.planner, PLANNER_FIELDS) + missing(raw.compat, CompatSectionSchema.shape);
  for (const info of SECTIONS) {
    const section = isTable(raw[info.section]) ? (raw[info.section] as Record<string, unknown>) : {};
    for (const [name, settings] of config[info.field]) {
      const entry = Object.hasOwn(section, name) && isTable(section[name]) ? (section[name] as Record<string, unknown>) : undefined;
      if (entry?.enabled === undefined) count += 1;
      // most tables write no params: then their keys need no snake_case form to be counted
      const written = keysOf(entry?.params).size > 0;
      count += missing(entry?.params, written ? snakeCased(settings.params) : settings.params);
    }
  }
  return count;
}
