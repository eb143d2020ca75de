import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvaluator, type PlannerConfig } from '@planner/contracts';
import { loadPreset, validateConfig } from '../src/index.js';
import { modules } from './fixtures.js';

// config reads an evaluator's name only
const singleObjective = defineEvaluator({
  name: 'single_objective', description: 'stand-in', params: z.object({}),
  prepare: () => {
    throw new Error('config never scores');
  },
});

describe('validateConfig', () => {
  const base = loadPreset('default', { modules });

  it('a preset is valid; warnings are reported', () => {
    const r = validateConfig(base, modules);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([expect.stringContaining('correlation_aware')]);
  });

  it('reports range errors, unknown modules and bad params of a config built in code', () => {
    const filters = new Map(base.filters);
    filters.set('diversity', { enabled: true, params: { maxSequences: 'many' } });
    filters.set('bogus', { enabled: true, params: {} });
    const bad: PlannerConfig = { ...base, planner: { ...base.planner, maxDepth: 11, allowBuy: false, allowSell: false }, filters };
    expect(validateConfig(bad, modules).errors).toEqual([
      'planner.max_depth: expected a value at most 10, found 11 (depth above 10 is too expensive, 7 is the recommended maximum)',
      'filters.diversity.params.max_sequences: expected a number, found string "many"',
      "filters.bogus: unknown filter 'bogus' (known: correlation_aware, diversity, eligibility, recently_traded)",
      'planner.allow_buy: allow_sell and allow_buy cannot both be false',
    ]);
  });

  it('reports bad compat switches, an unknown evaluator, and a module of a kind that has none', () => {
    const filters = new Map([['bogus', { enabled: true, params: {} }]]);
    const bad = { ...base, compat: { ...base.compat, zeroShareSells: 'yes' }, evaluator: 'oracle', filters } as unknown as PlannerConfig;
    const calculatorsOnly = modules.filter((m) => m.kind !== 'filter');
    expect(validateConfig(bad, [...calculatorsOnly, singleObjective])).toMatchObject({
      errors: [
        'compat.zero_share_sells: expected a boolean (true or false), found string "yes"',
        "filters.bogus: unknown filter 'bogus' (known: none)",
        "planner: unknown evaluator 'oracle' (known: single_objective)",
      ],
    });
    // without evaluator modules the name is not checked (config alone knows none)
    expect(validateConfig({ ...base, evaluator: 'oracle' } as PlannerConfig, modules).errors).toEqual([]);
  });

  it('an enabled pattern no module declares is reported once, as unknown', () => {
    const patterns = new Map(base.patterns);
    patterns.set('ghost', { enabled: true, params: {} });
    expect(validateConfig({ ...base, patterns }, modules).errors).toEqual([
      expect.stringMatching(/^pattern_generators\.ghost: unknown pattern generator 'ghost' \(known: direct_buy, /),
    ]);
  });
});

