import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../src/index.js';
import { modules, momentum } from './fixtures.js';

type Schema = { properties: Record<string, Schema>; default?: unknown; type?: string; additionalProperties?: boolean };

describe('configJsonSchema', () => {
  const schema = configJsonSchema([...modules, momentum]) as unknown as Schema;

  it('lists every [planner] and [compat] key with its default', () => {
    const planner = schema.properties.planner as Schema;
    expect(planner.properties.max_depth).toMatchObject({ type: 'integer', minimum: 1, maximum: 10, default: 5 });
    expect(planner.properties.transaction_cost_fixed?.default).toBe(5);
    expect(planner.additionalProperties).toBe(false);
    expect(Object.keys(planner.properties)).toHaveLength(28);
    expect((schema.properties.compat as Schema).properties.beam_plateau_never_resets?.default).toBe(true);
  });

  it('lists every module param (snake_case) with its default', () => {
    const calcs = schema.properties.opportunity_calculators as Schema;
    expect(Object.keys(calcs.properties)).toEqual([
      'profit_taking', 'averaging_down', 'opportunity_buys', 'rebalance_sells', 'rebalance_buys', 'weight_based', 'momentum',
    ]);
    const params = (calcs.properties.averaging_down as Schema).properties.params as Schema;
    expect(params.properties).toMatchObject({ dip_threshold: { default: -0.2 }, min_quality_score: { default: 0.6 }, priority_weight: { default: 1 } });
    const fills = ((schema.properties.sequence_generators as Schema).properties.partial_execution as Schema).properties.params as Schema;
    expect(fills.properties.fill_percentages?.default).toEqual([0.5, 0.75, 1]);
    for (const section of ['opportunity_calculators', 'pattern_generators', 'sequence_generators', 'filters']) {
      for (const table of Object.values((schema.properties[section] as Schema).properties)) {
        expect(table.properties.enabled).toEqual({ type: 'boolean', default: true });
        for (const [key, prop] of Object.entries((table.properties.params as Schema).properties)) {
          expect(key).toMatch(/^[a-z0-9_]+$/);
          // optional params (weight_based costs, eligibility overrides) have no default by design
          if (!['transaction_cost_fixed', 'transaction_cost_percent', 'min_hold_days', 'sell_cooldown_days', 'max_loss_threshold'].includes(key)) {
            expect(prop).toHaveProperty('default');
          }
        }
      }
    }
  });
});
