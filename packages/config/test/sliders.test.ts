import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineFilter, type PlannerModule } from '@planner/contracts';
import {
  loadPreset, mapEntryStyle, mapHoldDuration, mapPositionSpread, mapProfitTakingAggressiveness, mapRiskAppetite,
  mapSliders, parseConfig, sliderRecommendations,
} from '../src/index.js';
import { modules } from './fixtures.js';

describe('slider formulas (§2.7)', () => {
  it('maps both ends and the middle exactly', () => {
    expect(mapRiskAppetite(0)).toEqual({ priority_threshold: 0.5, cost_penalty_factor: 0.2, max_position_concentration: 0.1 });
    expect(mapRiskAppetite(1).priority_threshold).toBeCloseTo(0.2, 15);
    expect(mapRiskAppetite(0.5)).toEqual({ priority_threshold: 0.5 - 0.15, cost_penalty_factor: 0.2 - 0.075, max_position_concentration: 0.15000000000000002 });
    expect(mapHoldDuration(0)).toEqual({ min_hold_days: 30, profit_taking_threshold: 0.1 });
    expect(mapHoldDuration(1).min_hold_days).toBe(180);
    expect(mapHoldDuration(0.999).min_hold_days).toBe(179); // int() truncates
    expect(mapEntryStyle(0.25)).toEqual({ dip_weight: 0.75, breakout_weight: 0.25, momentum_threshold: 0.3 + 0.25 * 0.6 });
    expect(mapPositionSpread(0)).toEqual({ max_opportunities_per_category: 2, diversity_weight: 0, max_position_size: 0.2 });
    expect(mapPositionSpread(1).max_opportunities_per_category).toBe(10);
    expect(mapPositionSpread(0.124).max_opportunities_per_category).toBe(2);
    expect(mapPositionSpread(0.125).max_opportunities_per_category).toBe(3);
    expect(mapProfitTakingAggressiveness(0)).toEqual({ windfall_threshold: 0.4, windfall_sell_pct: 0.2, trailing_stop_distance: 0.15 });
    expect(mapProfitTakingAggressiveness(1).windfall_threshold).toBeCloseTo(0.15, 15);
  });

  it('outputs stay inside their documented ranges (property)', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (v) => {
      const r = mapRiskAppetite(v);
      expect(r.priority_threshold).toBeGreaterThanOrEqual(0.2 - 1e-12);
      expect(r.priority_threshold).toBeLessThanOrEqual(0.5);
      const h = mapHoldDuration(v).min_hold_days;
      expect(Number.isInteger(h) && h >= 30 && h <= 180).toBe(true);
      const s = mapPositionSpread(v).max_opportunities_per_category;
      expect(Number.isInteger(s) && s >= 2 && s <= 10).toBe(true);
    }), { seed: 42 });
  });

  it('recommendations: the table, unknown names give balanced', () => {
    expect(sliderRecommendations('dip_buyer')).toEqual({ riskAppetite: 0.5, holdDuration: 0.7, entryStyle: 0.1, positionSpread: 0.6, profitTakingAggressiveness: 0.3 });
    expect(sliderRecommendations('nope')).toEqual(sliderRecommendations('balanced'));
  });
});

// A correlation filter that declares the diversity_weight param the reference writes (the standard one
// has none, so the reference's write is a no-op), and an eligibility filter with a default.
const withSliderParams: PlannerModule[] = modules.map((m) => {
  if (m.kind === 'filter' && m.name === 'correlation_aware') {
    return defineFilter({
      ...m,
      params: z.object({ correlationThreshold: z.number().default(0.7), diversityWeight: z.number().optional() }),
      sliderParams: { diversityWeight: 'diversity_weight' },
    });
  }
  if (m.kind === 'filter' && m.name === 'eligibility') {
    return defineFilter({ ...m, params: z.object({ minHoldDays: z.number().int().default(90) }) });
  }
  return m;
});

describe('mapSliders', () => {
  it('applies apply_sliders_to_config effects and the satellite builder fields', () => {
    const c = mapSliders(
      { risk_appetite: 0.5, hold_duration: 0.6, entry_style: 0.9, position_spread: 0.6, profit_taking_aggressiveness: 0.4 },
      { modules: withSliderParams },
    );
    expect(c.planner.priorityThreshold).toBe(0.5 - 0.5 * 0.3);
    expect(c.planner.maxOpportunitiesPerCategory).toBe(6);
    expect(c.planner.diversityWeight).toBe(0.3);
    expect(c.planner.costPenaltyFactor).toBe(0.1); // not applied by the reference
    expect(c.filters.get('eligibility')?.params.minHoldDays).toBe(120);
    expect(c.filters.get('correlation_aware')?.params).toEqual({ correlationThreshold: 0.7, diversityWeight: 0.3 });
    expect(c.calculators.get('profit_taking')?.params.windfallThreshold).toBe(0.4 - 0.4 * 0.25);
  });

  it('leaves a disabled module alone and starts from the given base', () => {
    const base = parseConfig('[filters.eligibility]\nenabled = false\n[opportunity_calculators.profit_taking]\nenabled = false\n[pattern_generators.profit_taking]\nenabled = false\n', { modules: withSliderParams });
    const c = mapSliders({ holdDuration: 1, profitTakingAggressiveness: 1 }, { modules: withSliderParams, base });
    expect(c.filters.get('eligibility')?.params).toEqual({ minHoldDays: 90 });
    expect(c.calculators.get('profit_taking')?.params.windfallThreshold).toBe(0.3);
  });

  it('sets only the params a module maps to a slider output (sliderParams), nothing by module name', () => {
    const base = loadPreset('conservative', { modules });
    const c = mapSliders({ positionSpread: 1 }, { modules, base });
    expect(c.planner.name).toBe('conservative');
    expect(c.planner.maxOpportunitiesPerCategory).toBe(10);
    expect(c.filters.get('correlation_aware')?.params).toEqual({ correlationThreshold: 0.6 });
    const momentumLike = defineFilter({
      name: 'entry_gate', description: 'a plugin filter', params: z.object({ threshold: z.number().default(0.5) }),
      sliderParams: { threshold: 'momentum_threshold' }, filter: (s) => [...s],
    });
    const withPlugin = [...modules, momentumLike];
    const pluginBase = parseConfig('[filters.entry_gate]\n', { modules: withPlugin });
    expect(mapSliders({ entryStyle: 1 }, { modules: withPlugin, base: pluginBase }).filters.get('entry_gate')?.params).toEqual({ threshold: 0.3 + 1 * 0.6 });
  });

  it("a slider output outside a plugin param's own range is an error, not an invalid configuration", () => {
    const gate = defineFilter({
      name: 'entry_gate', description: 'a plugin filter', params: z.object({ threshold: z.number().max(0.5).default(0.5) }),
      sliderParams: { threshold: 'momentum_threshold' }, filter: (s) => [...s],
    });
    const withGate = [...modules, gate];
    const base = parseConfig('[filters.entry_gate]\n', { modules: withGate });
    expect(mapSliders({ entryStyle: 0 }, { modules: withGate, base }).filters.get('entry_gate')?.params).toEqual({ threshold: 0.3 });
    expect(() => mapSliders({ entryStyle: 1 }, { modules: withGate, base })).toThrow(
      /filters\.entry_gate\.params\.threshold: expected a value at most 0\.5, found 0\.89+/,
    );
  });

  it('no sliders: the base unchanged', () => {
    const base = loadPreset('default', { modules });
    const c = mapSliders({}, { modules, base });
    expect({ ...c, warnings: [] }).toEqual({ ...base, warnings: [] });
  });

  it.each([-0.01, 1.01, Number.NaN])('a slider outside [0, 1] is an error (%s)', (v) => {
    expect(() => mapSliders({ riskAppetite: v }, { modules })).toThrow(`risk_appetite must be between 0.0 and 1.0, got ${v}`);
  });
});
