import * as z from 'zod/mini';
import * as core from 'zod/v4/core';
import type { PlannerModule } from '@planner/contracts';
import { objectOf } from './modules.js';

export type JsonSchema = Record<string, unknown>;
type Meta = Record<string, unknown>;

/**
 * What `z.toJSONSchema` reads as metadata: zod's global registry (where a
 * plugin's `.describe()` lands), with a module's `paramDocs` as the
 * description of each param's own schema. Read-only and made per call, so
 * nothing is registered anywhere; zod lays the description out as if
 * `.register(z.globalRegistry, { description })` had been written on the param.
 */
class ParamDocsView extends core.$ZodRegistry<Meta> {
  constructor(private readonly docs: ReadonlyMap<core.$ZodType, string>) {
    super();
  }

  override get(schema: core.$ZodType): Meta | undefined {
    const registered = z.globalRegistry.get(schema);
    const description = this.docs.get(schema);
    return description === undefined ? registered : { ...registered, description };
  }
}

function docsView(module: PlannerModule): ParamDocsView | undefined {
  const docs = module.paramDocs;
  const shape = docs === undefined ? undefined : objectOf(module.params)?._zod.def.shape;
  if (docs === undefined || shape === undefined) return undefined;
  const bySchema = new Map<core.$ZodType, string>();
  for (const [key, description] of Object.entries(docs)) {
    const param = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (param !== undefined) bySchema.set(param, description);
  }
  return new ParamDocsView(bySchema);
}

/**
 * JSON Schema (2020-12) of a module's params as a configuration writes them
 * (input side, camelCase keys), with the module's `paramDocs` as the
 * descriptions of its params. Throws as `z.toJSONSchema` does when a part has
 * no JSON form that `unrepresentable: 'any'` can stand in for.
 */
export function moduleParamsJsonSchema(module: PlannerModule): JsonSchema {
  const metadata = docsView(module);
  return z.toJSONSchema(module.params, {
    io: 'input',
    unrepresentable: 'any',
    ...(metadata === undefined ? {} : { metadata }),
  }) as JsonSchema;
}
