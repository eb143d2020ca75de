import { ConfigError, defineCalculator, type PlannerModule } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configJsonSchema, parseConfig, serializeConfig } from '../src/index.js';
import { modules } from './fixtures.js';

// A plugin author writes the params schema any way zod allows (DESIGN.md §4: a
// plugin module is treated as a standard one); these are the shapes config must read.

const calc = (name: string, params: z.ZodType, extra: Partial<PlannerModule> = {}) =>
  defineCalculator({ name, description: `plugin ${name}`, params, calculate: () => [], ...extra });

/** Two parts share one meta id: valid for parsing, but zod refuses to write it as JSON Schema. */
const clashingIds = z.looseObject({ lo: z.number().meta({ id: 'bound' }).default(0), hi: z.number().meta({ id: 'bound' }).default(1) });

function issuesOf(toml: string, plugins: readonly PlannerModule[]): string[] {
  try {
    parseConfig(toml, { modules: [...modules, ...plugins] });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ConfigError');
}

const parse = (toml: string, plugins: readonly PlannerModule[]) => parseConfig(toml, { modules: [...modules, ...plugins] });

describe('plugin params schemas', () => {
  const inner = z.object({ level: z.number().default(1) });

  it.each([
    ['optional', inner.optional()],
    ['nullable', inner.nullable()],
    ['default', inner.default({ level: 2 })],
    ['prefault', inner.prefault({})],
    ['transformed (pipe)', inner.transform((p) => ({ ...p }))],
    ['twelve wrappers deep', Array.from({ length: 12 }).reduce<z.ZodType>((s) => s.optional(), inner)],
  ])('an object schema behind %s still rejects an unknown param, naming the declared ones', (_kind, schema) => {
    expect(issuesOf('[opportunity_calculators.x.params]\nlevl = 1\n', [calc('x', schema)])).toEqual([
      "opportunity_calculators.x.params.levl: unknown param 'levl' of x (known params: level)",
    ]);
    expect(parse('[opportunity_calculators.x.params]\nlevel = 3\n', [calc('x', schema)]).calculators.get('x')?.params).toEqual({ level: 3 });
  });

  it('a schema with no params says so', () => {
    expect(issuesOf('[opportunity_calculators.x.params]\nlevel = 1\n', [calc('x', z.object({}))])).toEqual([
      "opportunity_calculators.x.params.level: unknown param 'level' of x (known params: none)",
    ]);
  });

  it.each([
    ['an object with a catch-all', z.object({ level: z.number().default(1) }).catchall(z.number())],
    ['a record', z.record(z.string(), z.number())],
  ])('%s accepts keys it does not declare', (_kind, schema) => {
    expect(parse('[opportunity_calculators.x.params]\nextra = 4\n', [calc('x', schema)]).calculators.get('x')?.params).toMatchObject({ extra: 4 });
  });

  it('a required param missing from the file is named as TOML writes it', () => {
    const needy = calc('needy', z.object({ minReturn: z.number() }));
    expect(issuesOf('[opportunity_calculators.needy]\n', [needy])).toEqual([
      'opportunity_calculators.needy.params.min_return: expected a number, found nothing',
    ]);
  });

  it('a module that runs by default but whose defaults fail its own schema is an error, not a silent skip', () => {
    const broken = calc('broken', z.object({ minReturn: z.number() }), { enabledByDefault: true });
    expect(issuesOf('', [broken])).toEqual(['opportunity_calculators.broken.params.min_return: expected a number, found nothing']);
  });

  it('two modules of one kind with the same name are an error', () => {
    expect(issuesOf('', [calc('twin', inner), calc('twin', inner)])).toEqual([
      "opportunity_calculators.twin: two opportunity calculators named 'twin' were given",
    ]);
  });

  it('modules without a declared order keep the file order among themselves, after the ordered ones', () => {
    const c = parse('[opportunity_calculators.zeta]\n[opportunity_calculators.alpha]\n', [calc('alpha', inner), calc('zeta', inner)]);
    expect([...c.calculators.keys()].slice(-2)).toEqual(['zeta', 'alpha']);
    const schema = configJsonSchema([calc('zeta', inner), calc('alpha', inner), calc('first', inner, { order: 1 })]) as {
      properties: { opportunity_calculators: { properties: Record<string, unknown> } };
    };
    expect(Object.keys(schema.properties.opportunity_calculators.properties)).toEqual(['first', 'zeta', 'alpha']);
  });

  it('a loose schema zod cannot write as JSON Schema: any key passes, the JSON Schema says only "object", numbers are written as given', () => {
    const clashing = calc('clashing', clashingIds);
    const c = parse('[opportunity_calculators.clashing.params]\nlo = 2.0\nany_key = 2.5\nnested = { a = 1, "b c" = [1, 2], none = {} }\n', [clashing]);
    expect(c.calculators.get('clashing')?.params).toEqual({ lo: 2, hi: 1, anyKey: 2.5, nested: { a: 1, 'b c': [1, 2], none: {} } });
    const schema = configJsonSchema([clashing]) as { properties: { opportunity_calculators: { properties: { clashing: { properties: { params: unknown } } } } } };
    expect(schema.properties.opportunity_calculators.properties.clashing.properties.params).toEqual({ type: 'object' });
    // without a JSON Schema the float params are unknown: 2.0 is written as 2
    const text = serializeConfig(c, { modules: [...modules, clashing] });
    expect(text).toContain('[opportunity_calculators.clashing.params]\nlo = 2\nhi = 1\nany_key = 2.5\nnested = { a = 1, "b c" = [1, 2], none = {} }\n');
    expect(parse(text, [clashing]).calculators.get('clashing')).toEqual(c.calculators.get('clashing'));
  });

  it('the JSON Schema lists required params in snake_case; a non-object schema is given as zod writes it', () => {
    const schema = configJsonSchema([calc('needy', z.object({ minReturn: z.number() })), calc('loose', z.any())]) as {
      properties: { opportunity_calculators: { properties: Record<string, { properties: { params: unknown } }> } };
    };
    const tables = schema.properties.opportunity_calculators.properties;
    expect(tables.needy?.properties.params).toEqual({ type: 'object', properties: { min_return: { type: 'number' } }, required: ['min_return'] });
    expect(tables.loose?.properties.params).toEqual({});
  });
});
