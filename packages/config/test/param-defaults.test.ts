import * as zm from 'zod/mini';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/index.js';
import { declaredDefaults } from '../src/param-defaults.js';
import { modules } from './fixtures.js';

/** Equal values with the same keys in the same order (toEqual ignores key order). */
function expectSame(actual: unknown, expected: unknown): void {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

describe('params read from the declared defaults', () => {
  it('equal what the schema makes of {} for every module that takes the shortcut (the stand-ins use classic zod)', () => {
    let read = 0;
    for (const m of modules) {
      const defaults = declaredDefaults(m.params);
      if (defaults === undefined) continue;
      read += 1;
      expectSame(defaults, m.params.parse({}));
    }
    expect(read).toBeGreaterThan(modules.length / 2);
  });

  it('equal zod/mini\'s parse of {}, key order, undefined defaults and fresh copies included', () => {
    const list = [1, 2];
    const schema = zm.strictObject({
      b: zm._default(zm.number().check(zm.minimum(0)), 1),
      a: zm._default(zm.array(zm.number()), list),
      c: zm._default(zm.optional(zm.string()), undefined as unknown as string), // zod's types forbid it; JavaScript may pass it
      d: zm._default(zm.enum(['x', 'y']), 'y'),
    });
    const defaults = declaredDefaults(schema);
    expectSame(defaults, schema.parse({}));
    expect(Object.keys(defaults ?? {})).toEqual(['b', 'a', 'c', 'd']);
    expect(defaults?.a).not.toBe(list);
  });

  it('leave out an absent optional key, as zod does', () => {
    const schemas = [
      zm.object({ a: zm._default(zm.number(), 1), b: zm.optional(zm.number().check(zm.positive())), c: zm._default(zm.boolean(), false) }),
      zm.object({ maxDepth: zm.optional(zm.int().check(zm.minimum(1))) }),
      zm.strictObject({ b: zm.optional(zm.enum(['x'])), a: zm._default(zm.string(), 's') }),
      z.object({ a: z.number().optional(), b: z.number().default(2) }),
    ];
    for (const schema of schemas) expectSame(declaredDefaults(schema), schema.parse({}));
    expect(Object.keys(declaredDefaults(schemas[0] as (typeof schemas)[0]) ?? {})).toEqual(['a', 'c']);
  });

  it('leave any other schema to zod', () => {
    const value = zm._default(zm.number(), 1);
    const refused = [
      zm.object({ a: value, b: zm.number() }), // a key without a default
      zm.object({ a: value, b: zm.optional(zm.number()).check(zm.refine(() => true)) }), // a check on an optional
      zm.object({ toString: value }), // a key `{}` has: zod finds it present
      zm.object({ constructor: zm.optional(zm.number()) }),
      zm.object({ a: value }).check(zm.refine(() => true)), // a check on the object
      zm.object({ a: zm._default(zm.number(), 1).check(zm.refine(() => true)) }), // a check on a default
      zm._default(zm.object({ a: value }), { a: 2 }), // not an object schema
      zm.object({ a: zm.prefault(zm.number(), 1) }),
      zm.object({ a: zm.optional(zm._default(zm.number(), 1)) }),
      zm.object({ [Symbol('s')]: value } as unknown as Record<string, typeof value>),
      z.object({ a: z.number().default(1) }).refine(() => true),
    ];
    for (const schema of refused) expect(declaredDefaults(schema)).toBeUndefined();
    expect(declaredDefaults(z.object({ a: z.number().default(1), b: z.boolean().default(false) }))).toEqual({ a: 1, b: false });
  });

  it('give a configuration that writes no params the same tables as running each schema', () => {
    const config = parseConfig('[planner]\nmax_depth = 3\n', { modules });
    const tables = [
      ['calculator', config.calculators], ['pattern', config.patterns], ['sequence_generator', config.sequenceGenerators], ['filter', config.filters],
    ] as const;
    for (const [kind, table] of tables) {
      expect(table.size).toBeGreaterThan(0);
      for (const [name, settings] of table) {
        const module = modules.find((m) => m.name === name && m.kind === kind);
        expectSame(settings.params, module?.params.parse({}));
        expect(Object.isFrozen(settings.params)).toBe(true);
      }
    }
  });
});
