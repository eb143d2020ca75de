import * as z from 'zod/mini';
import type { ModuleKind, PlannerConfig, PlannerModule } from '@planner/contracts';
import { camelToSnake } from './case.js';
import { findModule, SECTIONS } from './modules.js';
import { compatToSection, plannerFloatKeys, plannerToSection } from './planner-settings.js';

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

function tomlNumber(n: number, float: boolean): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Object.is(n, -0)) return '-0.0';
  const text = String(n);
  // exponent forms such as 1e-7 are valid TOML floats only with a fraction or as written by JS
  if (float && Number.isInteger(n) && !/e/i.test(text)) return `${text}.0`;
  return text;
}

function tomlValue(value: unknown, float = false): string {
  if (typeof value === 'number') return tomlNumber(value, float);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => tomlValue(v, float)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`);
    return parts.length > 0 ? `{ ${parts.join(', ')} }` : '{}';
  }
  throw new TypeError(`cannot write ${String(value)} as TOML`);
}

const floatCache = new WeakMap<PlannerModule, ReadonlySet<string>>();

/** Params a module declares as non-integer numbers, so `1.0` stays `1.0`. */
function floatParams(module: PlannerModule | undefined): ReadonlySet<string> {
  if (!module) return new Set();
  let set = floatCache.get(module);
  if (!set) {
    set = new Set();
    try {
      const schema = z.toJSONSchema(module.params, { io: 'input', unrepresentable: 'any' }) as {
        properties?: Record<string, { type?: string; items?: { type?: string } }>;
      };
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (prop.type === 'number' || prop.items?.type === 'number') (set as Set<string>).add(key);
      }
    } catch {
      // a schema without a JSON form: numbers are written as they are
    }
    floatCache.set(module, set);
  }
  return set;
}

function lines(table: Readonly<Record<string, unknown>>, floats: ReadonlySet<string>): string[] {
  return Object.entries(table)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v, floats.has(k))}`);
}

/**
 * The configuration as TOML in the reference layout, every key written.
 * `parseConfig(serializeConfig(c))` gives back `c`. With `modules`, float
 * params are written with a decimal point.
 */
export function serializeConfig(config: PlannerConfig, options: { modules?: readonly PlannerModule[] } = {}): string {
  const out: string[] = [];
  out.push('[planner]', ...lines(plannerToSection(config.planner), plannerFloatKeys()), '');
  out.push('[compat]', ...lines(compatToSection(config.compat), new Set()), '');
  for (const info of SECTIONS) {
    for (const [name, settings] of config[info.field]) {
      const module = options.modules ? findModule(options.modules, info.kind as ModuleKind, name) : undefined;
      const floats = floatParams(module);
      const params: Record<string, unknown> = {};
      const snakeFloats = new Set<string>();
      for (const [k, v] of Object.entries(settings.params)) {
        params[camelToSnake(k)] = v;
        if (floats.has(k)) snakeFloats.add(camelToSnake(k));
      }
      const head = `${info.section}.${tomlKey(name)}`;
      out.push(`[${head}]`, `enabled = ${settings.enabled}`);
      if (Object.keys(params).length > 0) out.push(`[${head}.params]`, ...lines(params, snakeFloats));
      out.push('');
    }
  }
  return out.join('\n');
}
