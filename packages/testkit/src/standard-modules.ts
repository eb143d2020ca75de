import { z } from 'zod';
import {
  type AdviceCall, defineCalculator, defineFilter, definePattern, defineSequenceGenerator, type PlannerModule, type Side,
} from '@planner/contracts';

// Stand-ins for the 27 standard modules: same names, params and declared
// metadata (order, defaults, needs, sides, advice, slider params) as the
// real ones, no behaviour. For packages whose tests must not depend on the
// module packages (config, buckets).

type Meta = Pick<PlannerModule, 'order' | 'enabledByDefault' | 'sliderParams'> & {
  readonly advise?: (params: never, call: AdviceCall) => readonly string[];
};
const standard = (order: number, extra: Meta = {}): Meta => ({ order, enabledByDefault: true, ...extra });
const PATTERN_ORDER = [
  'direct_buy', 'profit_taking', 'rebalance', 'averaging_down', 'single_best', 'multi_sell', 'mixed_strategy',
  'opportunity_first', 'deep_rebalance', 'cash_generation', 'cost_optimized', 'adaptive', 'market_regime',
];
const REBALANCE_NEEDS = ['rebalance_sells', 'rebalance_buys', 'weight_based'];
const NEEDS: Record<string, readonly string[]> = {
  profit_taking: ['profit_taking'], averaging_down: ['averaging_down'], rebalance: REBALANCE_NEEDS, deep_rebalance: REBALANCE_NEEDS,
};
const CALC_ORDER = ['profit_taking', 'averaging_down', 'opportunity_buys', 'rebalance_sells', 'rebalance_buys', 'weight_based'];
const SIDES: Record<string, readonly Side[]> = {
  profit_taking: ['SELL'], averaging_down: ['BUY'], opportunity_buys: ['BUY'], rebalance_sells: ['SELL'], rebalance_buys: ['BUY'],
  weight_based: ['BUY', 'SELL'],
};

const calc = (name: string, params: z.ZodType, meta: Meta = standard((CALC_ORDER.indexOf(name) + 1) * 100)) => defineCalculator({
  name, description: `fake ${name}`, params, calculate: () => [], ...meta,
  ...(SIDES[name] ? { sides: SIDES[name] } : {}),
  ...(name === 'profit_taking' ? { sliderParams: { windfallThreshold: 'windfall_threshold' } } : {}),
});
const pattern = (name: string, params: z.ZodType = z.object({ maxDepth: z.number().int().min(1).default(5) })) =>
  definePattern({
    name, description: `fake ${name}`, params, generate: () => [], ...standard((PATTERN_ORDER.indexOf(name) + 1) * 100),
    ...(NEEDS[name] ? { needs: NEEDS[name] } : {}),
  });
const fewPatterns = (call: AdviceCall): string[] => {
  const n = call.enabled.patterns.length;
  return n < 2 ? [`combinatorial generators work best with several patterns enabled (currently: ${n})`] : [];
};
const seqParams = z.object({
  maxSells: z.number().int().default(4),
  maxBuys: z.number().int().default(4),
  priorityThreshold: z.number().min(0).max(1).default(0.3),
  maxSteps: z.number().int().default(5),
  maxCombinations: z.number().int().default(50),
  maxCandidates: z.number().int().default(12),
});
const gen = (name: string, params: z.ZodType, meta: Meta, stage: 'depth' | 'extend' = 'depth') =>
  defineSequenceGenerator({ name, description: `fake ${name}`, params, stage, generate: () => [], ...meta });
const filter = (name: string, params: z.ZodType, meta: Meta) =>
  defineFilter({ name, description: `fake ${name}`, params, filter: (s) => [...s], ...meta });

const calculators = [
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

const patterns = [
  'direct_buy', 'profit_taking', 'rebalance', 'averaging_down', 'multi_sell', 'mixed_strategy',
  'opportunity_first', 'deep_rebalance', 'cash_generation', 'cost_optimized', 'adaptive',
].map((n) => pattern(n))
  .concat([
    pattern('single_best', z.object({ maxDepth: z.number().int().default(1) })),
    pattern('market_regime', z.object({
      maxDepth: z.number().int().default(5), marketRegime: z.enum(['bull', 'bear', 'sideways']).default('sideways'),
    })),
  ]);

const sequenceGenerators = [
  gen('combinatorial', seqParams, standard(100, {
    advise: (params: { maxCombinations: number }, call) => [
      ...fewPatterns(call),
      ...(params.maxCombinations > 100
        ? [`combinatorial generator max_combinations=${params.maxCombinations} may cause very long planning times`]
        : []),
    ],
  })),
  gen('enhanced_combinatorial', seqParams, standard(200, { advise: (_p, call) => fewPatterns(call) })),
  gen('partial_execution', z.object({ fillPercentages: z.array(z.number()).default([0.5, 0.75, 1.0]) }), standard(300), 'extend'),
  gen('constraint_relaxation', z.object({
    relaxAllowSell: z.boolean().default(true), relaxMinLot: z.boolean().default(true),
    relaxMaxPosition: z.boolean().default(false), relaxCooldown: z.boolean().default(false),
  }), standard(400), 'extend'),
];

const filters = [
  filter('correlation_aware', z.object({ correlationThreshold: z.number().min(0).max(1).default(0.7) }), standard(100, {
    advise: (_p, call) => (Object.keys(call.snapshot?.priceHistory ?? {}).length > 0
      ? []
      : ['correlation_aware filter needs correlation data (priceHistory in the snapshot); without it it removes nothing']),
  })),
  filter('diversity', z.object({ diversityWeight: z.number().default(0.3), maxSequences: z.number().int().default(50) }), standard(200, {
    advise: (_p, call) => (call.settings.enableDiverseSelection
      ? []
      : ['diversity filter is enabled but enable_diverse_selection is false: the filter may have no effect']),
  })),
  filter('eligibility', z.object({
    minHoldDays: z.number().int().optional(), sellCooldownDays: z.number().int().optional(), maxLossThreshold: z.number().optional(),
  }), standard(300, { sliderParams: { minHoldDays: 'min_hold_days' } })),
  filter('recently_traded', z.object({ buyCooldownDays: z.number().int().default(30), sellCooldownDays: z.number().int().default(180) }), standard(400)),
];

/** A third-party calculator, as a plugin author would write it (no order: after the ordered ones). */
export const momentumStandIn = calc('momentum', z.object({ minReturn: z.number().min(0).default(0.1) }), {});

export const standardModuleStandIns: readonly PlannerModule[] = [...calculators, ...patterns, ...sequenceGenerators, ...filters];
