import { describe, expect, it } from 'vitest';
import type { PlannerConfig } from '@planner/contracts';
import { loadPreset, validateConfig } from '../src/index.js';
import { modules } from './fixtures.js';

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
});
