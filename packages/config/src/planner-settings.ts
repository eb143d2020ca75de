import * as z from 'zod/mini';
// zod's core classes by their own import: `z.core.X` would bundle all of zod's core.
import * as core from 'zod/v4/core';
import { COMPAT_DEFAULTS, type CompatSwitches, type PlannerSettings } from '@planner/contracts';
import { camelToSnake, snakeToCamel } from './case.js';

// zod/mini (functions instead of methods) keeps the browser bundle small.
const int = (...checks: core.$ZodCheck<number>[]) => z.int().check(...checks);
const num = (...checks: core.$ZodCheck<number>[]) => z.number().check(...checks);

/**
 * `[planner]` keys in TOML (snake_case) with their defaults: the model
 * defaults of pipeline.md §2.3 and the "what runs" column of §2.4. Cross-key
 * rules (diversity weight, both sides disabled) live in rules.ts.
 */
export const PLANNER_FIELDS = {
  name: z._default(z.string(), 'default'),
  description: z._default(z.string(), ''),
  enable_batch_generation: z._default(z.boolean(), true),
  max_depth: z._default(int(z.minimum(1), z.maximum(10)), 5),
  max_opportunities_per_category: z._default(int(z.minimum(0)), 5),
  priority_threshold: z._default(num(z.minimum(0), z.maximum(1)), 0.3),
  enable_diverse_selection: z._default(z.boolean(), true),
  // range checked only when diverse selection is on (§2.8 error 13)
  diversity_weight: z._default(num(), 0.3),
  // reference model defaults; the presets set 2.0 / 0.002
  // bounded so cost sums stay finite (1e308 gave null cost fields, issue 14)
  transaction_cost_fixed: z._default(num(z.minimum(0), z.maximum(1e12)), 5.0),
  transaction_cost_percent: z._default(num(z.minimum(0), z.maximum(0.01)), 0.001),
  allow_sell: z._default(z.boolean(), true),
  allow_buy: z._default(z.boolean(), true),
  min_hold_days: z._default(int(z.minimum(0)), 90),
  sell_cooldown_days: z._default(int(z.minimum(0)), 180),
  buy_cooldown_days: z._default(int(z.minimum(0)), 30),
  max_loss_threshold: z._default(num(z.minimum(-1), z.maximum(0)), -0.2),
  min_security_score: z._default(num(z.minimum(0), z.maximum(1)), 0.5),
  beam_width: z._default(int(z.minimum(1), z.maximum(50)), 10),
  cost_penalty_factor: z._default(num(z.minimum(0), z.maximum(1)), 0.1),
  enable_multi_objective: z._default(z.boolean(), false),
  enable_stochastic_scenarios: z._default(z.boolean(), false),
  enable_monte_carlo_paths: z._default(z.boolean(), false),
  monte_carlo_path_count: z._default(int(z.minimum(10), z.maximum(500)), 100),
  enable_multi_timeframe: z._default(z.boolean(), false),
  enable_market_regime_scenarios: z._default(z.boolean(), false),
  market_regime: z._default(z.enum(['bull', 'bear', 'sideways']), 'sideways'),
  seed: z._default(int(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)), 0),
  min_improvement: z._default(num(z.minimum(0)), 0),
} as const;

export const PlannerSectionSchema = z.strictObject(PLANNER_FIELDS);
export type PlannerSection = z.output<typeof PlannerSectionSchema>;

/** Extra words appended to a range error of a key (the reference's own wording, §2.8). */
export const PLANNER_HINTS: Readonly<Record<string, string>> = {
  max_depth: 'depth above 10 is too expensive, 7 is the recommended maximum',
  transaction_cost_percent: 'a cost above 0.01 (1%) seems unusually high',
  transaction_cost_fixed: 'a larger fixed cost makes the sums of costs overflow',
};

/**
 * Keys whose values are floats (serialized with a decimal point): numbers
 * without an integer format (`z.int()`). Read from the schemas' classes,
 * which costs nothing at import (JSON Schema generation would); a function, so
 * that a bundle without serialization leaves it out.
 */
export function plannerFloatKeys(): ReadonlySet<string> {
  return new Set(
    Object.entries(PLANNER_FIELDS)
      .filter(([, s]) => {
        const inner = s._zod.def.innerType;
        return inner instanceof core.$ZodNumber && !(inner instanceof core.$ZodNumberFormat);
      })
      .map(([k]) => k),
  );
}

const COMPAT_FIELDS = Object.fromEntries(
  Object.entries(COMPAT_DEFAULTS).map(([k, v]) => [camelToSnake(k), z._default(z.boolean(), v)]),
) as Record<string, z.ZodMiniDefault<z.ZodMiniBoolean>>;

export const CompatSectionSchema = z.strictObject(COMPAT_FIELDS);

export function plannerFromSection(section: PlannerSection): PlannerSettings {
  return {
    name: section.name,
    description: section.description,
    enableBatchGeneration: section.enable_batch_generation,
    maxDepth: section.max_depth,
    maxOpportunitiesPerCategory: section.max_opportunities_per_category,
    priorityThreshold: section.priority_threshold,
    enableDiverseSelection: section.enable_diverse_selection,
    diversityWeight: section.diversity_weight,
    transactionCostFixed: section.transaction_cost_fixed,
    transactionCostPercent: section.transaction_cost_percent,
    allowSell: section.allow_sell,
    allowBuy: section.allow_buy,
    minHoldDays: section.min_hold_days,
    sellCooldownDays: section.sell_cooldown_days,
    buyCooldownDays: section.buy_cooldown_days,
    maxLossThreshold: section.max_loss_threshold,
    minSecurityScore: section.min_security_score,
    beamWidth: section.beam_width,
    costPenaltyFactor: section.cost_penalty_factor,
    enableMultiObjective: section.enable_multi_objective,
    enableStochasticScenarios: section.enable_stochastic_scenarios,
    enableMonteCarloPaths: section.enable_monte_carlo_paths,
    monteCarloPathCount: section.monte_carlo_path_count,
    enableMultiTimeframe: section.enable_multi_timeframe,
    enableMarketRegimeScenarios: section.enable_market_regime_scenarios,
    marketRegime: section.market_regime,
    seed: section.seed,
    minImprovement: section.min_improvement,
  };
}

/** PlannerSettings as a `[planner]` table (snake_case keys, TOML key order). */
export function plannerToSection(settings: PlannerSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(PLANNER_FIELDS)) {
    out[key] = (settings as unknown as Record<string, unknown>)[snakeToCamel(key)];
  }
  return out;
}

/** `section` is CompatSectionSchema's output, whose defaults fill every switch. */
export function compatFromSection(section: Record<string, boolean>): CompatSwitches {
  const out: Record<string, boolean> = {};
  for (const key of Object.keys(COMPAT_DEFAULTS)) out[key] = section[camelToSnake(key)] as boolean;
  return out as unknown as CompatSwitches;
}

export function compatToSection(compat: CompatSwitches): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(compat)) out[camelToSnake(k)] = v as boolean;
  return out;
}

