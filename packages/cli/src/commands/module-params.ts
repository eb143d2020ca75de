import type { PlannerModule } from '@planner/contracts';
import { camelToSnake, moduleParamsJsonSchema } from '@planner/config';

export interface ParamInfo {
  readonly name: string;
  readonly type: string;
  readonly default?: unknown;
  readonly description?: string;
}

/** A module's params as `planner modules` lists them (snake_case names, types, defaults). */
export function paramsOf(module: PlannerModule): ParamInfo[] {
  let schema: { properties?: Record<string, { type?: string; default?: unknown; description?: string; enum?: unknown[] }> };
  try {
    schema = moduleParamsJsonSchema(module) as typeof schema;
  } catch {
    return [];
  }
  return Object.entries(schema.properties ?? {}).map(([key, p]) => ({
    name: camelToSnake(key),
    type: p.enum ? p.enum.map((v) => JSON.stringify(v)).join('|') : (p.type ?? 'any'),
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(p.description ? { description: p.description } : {}),
  }));
}
