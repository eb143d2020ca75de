// zod's core types by their own import, as modules.ts does.
import type * as core from 'zod/v4/core';

/**
 * What a params schema makes of `{}`, read from its declared defaults without
 * running it, for the common schema that is an object whose every key is a
 * plain default (`z._default(inner, value)`, classic `.default(value)`):
 * zod's object parse then only takes each key's `defaultValue` (a fresh copy),
 * in the shape's key order. Any other schema, a check on the object or on a
 * default, or a key zod treats apart (`__proto__`, symbols) gives undefined,
 * and the caller runs the schema. A cold process loads a configuration once,
 * and most of its module tables write no params: running each schema's parse
 * for them was about a fifth of a file's load (packages/cli README, "Configuration files").
 */
export function declaredDefaults(schema: core.$ZodType): Record<string, unknown> | undefined {
  const def = schema._zod.def as core.$ZodObjectDef;
  const shape = def.shape;
  if (def.type !== 'object' || def.checks?.length || Object.getOwnPropertySymbols(shape).length) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const field = (shape[key] as core.$ZodType)._zod;
    if (key === '__proto__' || field.def.type !== 'default' || field.optout !== undefined || field.def.checks?.length) return undefined;
    out[key] = (field.def as core.$ZodDefaultDef).defaultValue;
  }
  return out;
}
