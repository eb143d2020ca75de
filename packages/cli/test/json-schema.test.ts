import { camelToSnake, configJsonSchema } from '@planner/config';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';

type Schema = { properties?: Record<string, Schema>; default?: unknown };

const SECTION = {
  calculator: 'opportunity_calculators', pattern: 'pattern_generators', sequence_generator: 'sequence_generators', filter: 'filters',
} as const;

describe('configJsonSchema over the 27 standard modules', () => {
  const schema = configJsonSchema(standardModules()) as Schema;

  it('lists every param of every module, with its default where the module has one', () => {
    let checked = 0;
    for (const module of standardModules()) {
      if (module.kind === 'evaluator') continue;
      const table = schema.properties?.[SECTION[module.kind]]?.properties?.[module.name];
      expect(table, `${module.kind} ${module.name}`).toBeDefined();
      const params = table?.properties?.params?.properties ?? {};
      const defaults = module.params.parse({}) as Record<string, unknown>;
      for (const [key, value] of Object.entries(defaults)) {
        expect(params[camelToSnake(key)]?.default, `${module.name}.${camelToSnake(key)}`).toEqual(value);
        checked++;
      }
      // Every listed param is one the module's schema accepts.
      for (const key of Object.keys(params)) {
        const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
        expect(() => module.params.parse({ [camel]: defaults[camel] })).not.toThrow();
      }
    }
    expect(standardModules().filter((m) => m.kind !== 'evaluator')).toHaveLength(27);
    expect(checked).toBeGreaterThan(40);
  });
});
