// zod's core types by their own import, as modules.ts does.
import type * as core from 'zod/v4/core';

/** Schema types without an `optin` (zod 4.6.7 schemas.js): an optional around one has optin 'optional'. */
const PLAIN_INNER: ReadonlySet<string> = new Set(['string', 'number', 'boolean', 'bigint', 'enum', 'literal', 'array', 'object', 'record']);

/** The prototype of the `{}` zod would be given. */
const OBJECT_PROTOTYPE: object = Object.getPrototypeOf({}) as object;

/**
 * What a params schema makes of `{}`, read from its declared defaults without
 * running it, for the common schema that is an object whose every key is a
 * plain default (`z._default(inner, value)`, classic `.default(value)`) or a
 * plain optional (`z.optional(inner)`): zod's object parse then takes each
 * default key's `defaultValue` (a fresh copy) in the shape's key order, and an
 * absent optional key adds nothing (zod 4's handlePropertyResult: optin and
 * optout both 'optional', as an optional around a plain schema has them). Any other schema, a check on the object or on a
 * key, an optional around a default, or a key `{}` already has (zod asks
 * `key in input`: `__proto__`, `toString`, a polluted Object.prototype) or a
 * symbol key gives undefined, and the caller runs the schema. A cold process
 * loads a configuration once, and most of its module tables write no params:
 * running each schema's parse for them was about a fifth of a file's load
 * (packages/cli README, "Configuration files").
 */
export function declaredDefaults(schema: core.$ZodType): Record<string, unknown> | undefined {
  const def = schema._zod.def as core.$ZodObjectDef;
  const shape = def.shape;
  if (def.type !== 'object' || def.checks?.length || Object.getOwnPropertySymbols(shape).length) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const field = (shape[key] as core.$ZodType)._zod;
    if (key in OBJECT_PROTOTYPE || field.def.checks?.length) return undefined;
    if (field.def.type === 'optional') {
      // optin 'optional' (not 'defaulted'): the inner schema has no optin; read so, not through zod's lazy getter,
      // whose first read reshapes each schema's internals
      if (!PLAIN_INNER.has((field.def as core.$ZodOptionalDef).innerType._zod.def.type)) return undefined;
      continue;
    }
    if (field.def.type !== 'default' || field.optout !== undefined) return undefined;
    out[key] = (field.def as core.$ZodDefaultDef).defaultValue;
  }
  return out;
}
