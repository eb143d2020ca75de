import { dequal } from 'dequal';
import type { ModuleTable, PlannerConfig } from '@planner/contracts';
import { camelToSnake } from './case.js';
import { SECTIONS } from './modules.js';
import { compatToSection, plannerToSection } from './planner-settings.js';

export interface ConfigChange {
  /** TOML key path, e.g. `planner.max_depth` or `filters.diversity.params.max_sequences`. */
  readonly path: string;
  /** `undefined` when the key or module is absent on that side. */
  readonly before: unknown;
  readonly after: unknown;
}

function diffRecords(prefix: string, a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>, out: ConfigChange[]): void {
  const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
  for (const key of keys) {
    if (!dequal(a[key], b[key])) out.push({ path: `${prefix}.${key}`, before: a[key], after: b[key] });
  }
}

function snakeParams(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[camelToSnake(k)] = v;
  return out;
}

function diffTables(section: string, a: ModuleTable, b: ModuleTable, out: ConfigChange[]): void {
  const names = [...a.keys(), ...[...b.keys()].filter((n) => !a.has(n))];
  for (const name of names) {
    const x = a.get(name);
    const y = b.get(name);
    if (!x || !y) {
      const side = (m: typeof x) => (m ? { enabled: m.enabled, params: snakeParams(m.params) } : undefined);
      out.push({ path: `${section}.${name}`, before: side(x), after: side(y) });
      continue;
    }
    if (x.enabled !== y.enabled) out.push({ path: `${section}.${name}.enabled`, before: x.enabled, after: y.enabled });
    diffRecords(`${section}.${name}.params`, snakeParams(x.params), snakeParams(y.params), out);
  }
}

/** Every value that differs between two configurations (warnings excluded), by TOML key path. */
export function diffConfigs(a: PlannerConfig, b: PlannerConfig): ConfigChange[] {
  const out: ConfigChange[] = [];
  diffRecords('planner', plannerToSection(a.planner), plannerToSection(b.planner), out);
  diffRecords('compat', compatToSection(a.compat), compatToSection(b.compat), out);
  for (const info of SECTIONS) diffTables(info.section, a[info.field], b[info.field], out);
  return out;
}
