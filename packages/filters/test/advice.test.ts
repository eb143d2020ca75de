import type { AdviceCall, PortfolioSnapshot } from '@planner/contracts';
import { plannerSettings } from '@planner/testkit';
import { describe, expect, it } from 'vitest';
import { correlationAware, diversity, filters } from '../src/index.js';

const call = (over: Partial<AdviceCall> = {}): AdviceCall => ({
  settings: plannerSettings(),
  enabled: { calculators: [], patterns: [], sequenceGenerators: [], filters: [] },
  ...over,
});

describe('filter advice', () => {
  it('correlation_aware warns that it removes nothing unless the snapshot in hand has price history', () => {
    const params = correlationAware.params.parse({});
    const warning = ['correlation_aware filter needs correlation data (priceHistory in the snapshot); without it it removes nothing'];
    expect(correlationAware.advise?.(params, call())).toEqual(warning);
    const withHistory = (priceHistory: Record<string, number[]>) => ({ priceHistory }) as unknown as PortfolioSnapshot;
    expect(correlationAware.advise?.(params, call({ snapshot: withHistory({}) }))).toEqual(warning);
    expect(correlationAware.advise?.(params, call({ snapshot: withHistory({ A: [1, 2, 3] }) }))).toEqual([]);
  });

  it('diversity warns when enable_diverse_selection is off', () => {
    const params = diversity.params.parse({});
    expect(diversity.advise?.(params, call({ settings: plannerSettings({ enableDiverseSelection: false }) }))).toEqual([
      'diversity filter is enabled but enable_diverse_selection is false: the filter may have no effect',
    ]);
    expect(diversity.advise?.(params, call({ settings: plannerSettings({ enableDiverseSelection: true }) }))).toEqual([]);
  });

  it('the standard filters are listed in canonical order', () => {
    expect(filters.map((f) => f.name)).toEqual(['correlation_aware', 'diversity', 'eligibility', 'recently_traded']);
  });
});
