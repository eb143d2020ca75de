import { z } from 'zod';
import {
  defineCalculator, defineFilter, definePattern, defineSequenceGenerator, type PlannerModule,
} from '@planner/contracts';

// Stand-ins for the standard modules: same names and params as the specs
// (modules-*.md), no behaviour. Config must not depend on the module packages.

const calc = (name: string, params: z.ZodType) => defineCalculator({ name, description: `fake ${name}`, params, calculate: () => [] });
const pattern = (name: string, params: z.ZodType = z.object({ maxDepth: z.number().int().min(1).default(5) })) =>
  definePattern({ name, description: `fake ${name}`, params, generate: () => [] });
const seqParams = z.object({
  maxSells: z.number().int().default(4),
  maxBuys: z.number().int().default(4),
  priorityThreshold: z.number().min(0).max(1).default(0.3),
  maxSteps: z.number().int().default(5),
  maxCombinations: z.number().int().default(50),
  maxCandidates: z.number().int().default(12),
});
const gen = (name: string, params: z.ZodType, stage: 'depth' | 'extend' = 'depth') =>
  defineSequenceGenerator({ name, description: `fake ${name}`, params, stage, generate: () => [] });
const filter = (name: string, params: z.ZodType) => defineFilter({ name, description: `fake ${name}`, params, filter: (s) => [...s] });

export const calculators = [
  calc('profit_taking', z.object({ windfallThreshold: z.number().default(0.3), priorityWeight: z.number().default(1.0) })),
  calc('averaging_down', z.object({
    dipThreshold: z.number().max(0).default(-0.2), minQualityScore: z.number().default(0.6), priorityWeight: z.number().default(1.0),
  })),
  calc('opportunity_buys', z.object({ minQualityScore: z.number().default(0.7), priorityWeight: z.number().default(1.0) })),
  calc('rebalance_sells', z.object({
    overweightThreshold: z.number().default(0.05), maxSellPct: z.number().default(0.3), priorityWeight: z.number().default(1.0),
  })),
  calc('rebalance_buys', z.object({ underweightThreshold: z.number().default(0.05), priorityWeight: z.number().default(1.0) })),
  calc('weight_based', z.object({
    minGapThreshold: z.number().default(0.005), transactionCostFixed: z.number().optional(), transactionCostPercent: z.number().optional(),
  })),
];

export const patterns = [
  'direct_buy', 'profit_taking', 'rebalance', 'averaging_down', 'multi_sell', 'mixed_strategy',
  'opportunity_first', 'deep_rebalance', 'cash_generation', 'cost_optimized', 'adaptive',
].map((n) => pattern(n))
  .concat([
    pattern('single_best', z.object({ maxDepth: z.number().int().default(1) })),
    pattern('market_regime', z.object({
      maxDepth: z.number().int().default(5), marketRegime: z.enum(['bull', 'bear', 'sideways']).default('sideways'),
    })),
  ]);

export const sequenceGenerators = [
  gen('combinatorial', seqParams),
  gen('enhanced_combinatorial', seqParams),
  gen('partial_execution', z.object({ fillPercentages: z.array(z.number()).default([0.5, 0.75, 1.0]) }), 'extend'),
  gen('constraint_relaxation', z.object({
    relaxAllowSell: z.boolean().default(true), relaxMinLot: z.boolean().default(true),
    relaxMaxPosition: z.boolean().default(false), relaxCooldown: z.boolean().default(false),
  }), 'extend'),
];

export const filters = [
  filter('correlation_aware', z.object({ correlationThreshold: z.number().min(0).max(1).default(0.7) })),
  filter('diversity', z.object({ diversityWeight: z.number().default(0.3), maxSequences: z.number().int().default(50) })),
  filter('eligibility', z.object({
    minHoldDays: z.number().int().optional(), sellCooldownDays: z.number().int().optional(), maxLossThreshold: z.number().optional(),
  })),
  filter('recently_traded', z.object({ buyCooldownDays: z.number().int().default(30), sellCooldownDays: z.number().int().default(180) })),
];

/** A third-party calculator, as a plugin author would write it. */
export const momentum = calc('momentum', z.object({ minReturn: z.number().min(0).default(0.1) }));

export const modules: readonly PlannerModule[] = [...calculators, ...patterns, ...sequenceGenerators, ...filters];
