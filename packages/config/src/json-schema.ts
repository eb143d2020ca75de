import * as z from 'zod/mini';
import type { PlannerModule } from '@planner/contracts';
import { camelToSnake } from './case.js';
import { modulesInOrder, SECTIONS } from './modules.js';
import { type JsonSchema, moduleParamsJsonSchema } from './params-json-schema.js';
import { CompatSectionSchema, PlannerSectionSchema } from './planner-settings.js';

function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _drop, ...rest } = schema;
  return rest;
}

/** A module's params schema with its property names as TOML writes them (snake_case). */
function paramsSchema(module: PlannerModule): JsonSchema {
  let schema: JsonSchema;
  try {
    schema = strip(moduleParamsJsonSchema(module));
  } catch {
    return { type: 'object' };
  }
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  if (!props) return schema;
  const renamed: Record<string, JsonSchema> = {};
  for (const [k, v] of Object.entries(props)) renamed[camelToSnake(k)] = v;
  const required = Array.isArray(schema.required) ? (schema.required as string[]).map(camelToSnake) : undefined;
  return { ...schema, properties: renamed, ...(required ? { required } : {}) };
}

/**
 * JSON Schema (2020-12) of a TOML configuration for the given modules: every
 * `[planner]` and `[compat]` key and every module's params, with defaults.
 */
export function configJsonSchema(modules: readonly PlannerModule[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    plugins: {
      type: 'array',
      description: 'plugins to load: npm package names or paths to ES modules, relative to this file',
      items: { type: 'string', minLength: 1 },
    },
    planner: strip(z.toJSONSchema(PlannerSectionSchema, { io: 'input' }) as JsonSchema),
    compat: strip(z.toJSONSchema(CompatSectionSchema, { io: 'input' }) as JsonSchema),
  };
  for (const info of SECTIONS) {
    const ofKind = modulesInOrder(modules, info.kind);
    const tables: Record<string, JsonSchema> = {};
    for (const module of ofKind) {
      tables[module.name] = {
        type: 'object',
        description: module.description,
        additionalProperties: false,
        properties: { enabled: { type: 'boolean', default: true }, params: paramsSchema(module) },
      };
    }
    properties[info.section] = { type: 'object', additionalProperties: false, properties: tables };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'planner configuration',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}
