import { defineCalculator, type PlannerModule } from '@planner/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import * as mini from 'zod/mini';
import { configJsonSchema, moduleParamsJsonSchema } from '../src/index.js';

const calc = (name: string, params: z.ZodType, paramDocs?: Record<string, string>): PlannerModule =>
  defineCalculator({ name, description: `plugin ${name}`, params, calculate: () => [], ...(paramDocs ? { paramDocs } : {}) });

type Props = { properties: Record<string, Record<string, unknown>> };

describe('moduleParamsJsonSchema', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes paramDocs exactly where a description registered on the param would be', () => {
    const params = () => mini.object({
      floor: mini._default(mini.number().check(mini.minimum(0)), 0.5),
      cap: mini.optional(mini.int()),
      plain: mini.boolean(),
    });
    const docs = { floor: 'smallest value', cap: 'absent = no cap', plain: 'a switch' };
    // the same descriptions in a registry of the test's own: the layout zod gives registered metadata
    const registered = params();
    const local = mini.registry<{ description: string }>();
    for (const [key, description] of Object.entries(docs)) local.add(registered.shape[key as keyof typeof docs], { description });
    const expected = mini.toJSONSchema(registered, { io: 'input', unrepresentable: 'any', metadata: local });

    const written = moduleParamsJsonSchema(calc('docs', params() as unknown as z.ZodType, docs));
    expect(JSON.stringify(written)).toBe(JSON.stringify(expected));
    expect((written as Props).properties.floor).toEqual({ default: 0.5, description: 'smallest value', type: 'number', minimum: 0 });
  });

  it('registers nothing in zod\'s global registry', () => {
    const add = vi.spyOn(z.globalRegistry, 'add');
    moduleParamsJsonSchema(calc('docs', z.object({ level: z.number().default(1) }), { level: 'how high' }));
    expect(add).not.toHaveBeenCalled();
  });

  it('still shows what a plugin registered with .describe() / .meta(); a paramDocs entry replaces only the description', () => {
    const schema = z.object({
      level: z.number().default(1).meta({ description: 'from meta', examples: [2] }),
      depth: z.number().default(3).describe('from describe'),
    });
    expect((moduleParamsJsonSchema(calc('legacy', schema)) as Props).properties).toEqual({
      level: { default: 1, description: 'from meta', examples: [2], type: 'number' },
      depth: { default: 3, description: 'from describe', type: 'number' },
    });
    expect((moduleParamsJsonSchema(calc('both', schema, { level: 'from docs' })) as Props).properties).toMatchObject({
      level: { description: 'from docs', examples: [2] },
      depth: { description: 'from describe' },
    });
  });

  it('ignores a docs entry that names no param, and docs of a schema that is not an object', () => {
    const docs = { ghost: 'no such param', toString: 'an Object.prototype name, not a param either' };
    expect((moduleParamsJsonSchema(calc('ghost', z.object({ level: z.number().default(1) }), docs)) as Props).properties)
      .toEqual({ level: { default: 1, type: 'number' } });
    expect(moduleParamsJsonSchema(calc('any', z.record(z.string(), z.number()), { x: 'y' }))).not.toHaveProperty('properties');
  });

  it('configJsonSchema shows paramDocs under their snake_case names', () => {
    const schema = configJsonSchema([calc('documented', z.object({ minYield: z.number().default(0.05) }), { minYield: 'a fraction' })]) as {
      properties: { opportunity_calculators: { properties: Record<string, { properties: { params: Props } }> } };
    };
    expect(schema.properties.opportunity_calculators.properties.documented?.properties.params.properties.min_yield)
      .toEqual({ default: 0.05, description: 'a fraction', type: 'number' });
  });
});
