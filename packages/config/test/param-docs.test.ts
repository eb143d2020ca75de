import { defineCalculator, defineFilter, type PlannerModule } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configJsonSchema, paramDocsWarnings } from '../src/index.js';
import { modules } from './fixtures.js';

// A third-party plugin's paramDocs with a typo: its description would show
// nowhere. paramDocsWarnings names the module, the key and the known params
// (the CLI prints them when it loads a plugin).

const params = z.object({ minYield: z.number().default(0.05), amountEur: z.number().default(1000) });
const typo = defineCalculator({
  name: 'high_yield', description: 'plugin calculator', params, calculate: () => [],
  paramDocs: { minYeild: 'Smallest dividend yield bought.', amountEur: 'EUR per buy.' },
});

describe('paramDocs checked against the params schema', () => {
  it('a key that names no param: a warning naming the module, the key and the known params', () => {
    expect(paramDocsWarnings([typo])).toEqual([
      "calculator 'high_yield': paramDocs names 'minYeild', which is not one of its params (known params: minYield, amountEur); its description is not shown",
    ]);
    // the misspelt description is indeed the one missing from the JSON Schema
    type Tables = { properties: { opportunity_calculators: { properties: { high_yield: { properties: { params: { properties: Record<string, { description?: string }> } } } } } } };
    const shown = (configJsonSchema([typo]) as Tables).properties.opportunity_calculators.properties.high_yield.properties.params.properties;
    expect(shown.min_yield?.description).toBeUndefined();
    expect(shown.amount_eur?.description).toBe('EUR per buy.');
  });

  it('the standard modules (stand-ins), modules without paramDocs and docs that match give no warning', () => {
    const good = defineCalculator({ name: 'ok', description: 'd', params, calculate: () => [], paramDocs: { minYield: 'y', amountEur: 'a' } });
    const none = defineCalculator({ name: 'none', description: 'd', params, calculate: () => [] });
    expect(paramDocsWarnings([...modules, good, none])).toEqual([]);
  });

  it('a params schema behind wrappers is read through them; a schema that is no object has no params to document', () => {
    const wrapped = defineFilter({ name: 'gate', description: 'd', params: params.optional().default({ minYield: 0, amountEur: 1 }), filter: (s) => [...s], paramDocs: { minYield: 'y', amount: 'a' } });
    const loose = defineFilter({ name: 'loose', description: 'd', params: z.record(z.string(), z.number()), filter: (s) => [...s], paramDocs: { anything: 'x' } });
    expect(paramDocsWarnings([wrapped, loose])).toEqual([
      "filter 'gate': paramDocs names 'amount', which is not one of its params (known params: minYield, amountEur); its description is not shown",
      "filter 'loose': paramDocs names 'anything', which is not one of its params (known params: none); its description is not shown",
    ]);
  });

  it('paramDocs that are not a map of texts (a plugin written in JavaScript) are named too', () => {
    const asArray = { ...typo, name: 'arr', paramDocs: ['minYield'] } as unknown as PlannerModule;
    const asNull = { ...typo, name: 'nul', paramDocs: null } as unknown as PlannerModule;
    const asText = { ...typo, name: 'txt', paramDocs: 'minYield: the floor' } as unknown as PlannerModule;
    const notText = { ...typo, name: 'num', paramDocs: { minYield: 5 } } as unknown as PlannerModule;
    expect(paramDocsWarnings([asArray, asNull, asText, notText])).toEqual([
      'calculator \'arr\': paramDocs should map param names to descriptions, found array ["minYield"]; no param description is shown',
      "calculator 'nul': paramDocs should map param names to descriptions, found null; no param description is shown",
      'calculator \'txt\': paramDocs should map param names to descriptions, found string "minYield: the floor"; no param description is shown',
      "calculator 'num': paramDocs of 'minYield' should be text, found 5",
    ]);
  });
});
