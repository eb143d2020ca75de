import { loadPreset, parseConfig } from '@planner/config';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';

// @planner/config reads the params of a module table that writes none from
// the schema's declared defaults instead of running it (param-defaults.ts):
// for every standard module that must be exactly what the schema makes of {}.
describe('the standard modules\' params in a configuration', () => {
  const modules = standardModules();
  const schemaOf = (kind: string, name: string) => modules.find((m) => m.kind === kind && m.name === name)?.params;
  const tablesOf = (config: ReturnType<typeof parseConfig>) => [
    ['calculator', config.calculators], ['pattern', config.patterns], ['sequence_generator', config.sequenceGenerators], ['filter', config.filters],
  ] as const;

  it('are what each schema makes of {} when the file writes none, keys in the schema\'s order', () => {
    let count = 0;
    for (const [kind, table] of tablesOf(parseConfig('', { modules }))) {
      for (const [name, settings] of table) {
        const expected = schemaOf(kind, name)?.parse({});
        expect(settings.params).toEqual(expected);
        expect(JSON.stringify(settings.params)).toBe(JSON.stringify(expected));
        // an absent optional param is no key at all (toEqual would take an undefined value for it)
        expect(Object.keys(settings.params as object)).toEqual(Object.keys(expected as object));
        count += 1;
      }
    }
    expect(count).toBe(modules.filter((m) => m.kind !== 'evaluator').length);
  });

  it('are what each schema makes of the written params in the presets', () => {
    for (const preset of ['default', 'conservative', 'aggressive']) {
      const config = loadPreset(preset, { modules });
      for (const [kind, table] of tablesOf(config)) {
        for (const [name, settings] of table) expect(schemaOf(kind, name)?.parse(settings.params)).toEqual(settings.params);
      }
    }
  });
});
