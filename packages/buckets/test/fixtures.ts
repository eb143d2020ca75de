import { z } from 'zod';
import {
  defineCalculator, defineEvaluator, defineFilter, definePattern, defineSequenceGenerator, type PlannerModule,
} from '@planner/contracts';

// Stand-ins for the standard modules (buckets may not import module packages):
// the standard names, params that accept anything, no behaviour.
const loose = z.object({}).catchall(z.unknown());

const calculators = ['profit_taking', 'averaging_down', 'opportunity_buys', 'rebalance_sells', 'rebalance_buys', 'weight_based']
  .map((name) => defineCalculator({ name, description: `fake ${name}`, params: loose, calculate: () => [] }));
const patterns = [
  'direct_buy', 'profit_taking', 'rebalance', 'averaging_down', 'single_best', 'multi_sell', 'mixed_strategy',
  'opportunity_first', 'deep_rebalance', 'cash_generation', 'cost_optimized',
].map((name) => definePattern({ name, description: `fake ${name}`, params: loose, generate: () => [] }))
  .concat(['adaptive', 'market_regime'].map((name) => definePattern({ name, description: `fake ${name}`, params: loose, stage: 'once', generate: () => [] })));
const generators = [
  ...['combinatorial', 'enhanced_combinatorial'].map((name) =>
    defineSequenceGenerator({ name, description: `fake ${name}`, params: loose, stage: 'depth', generate: () => [] })),
  ...['partial_execution', 'constraint_relaxation'].map((name) =>
    defineSequenceGenerator({ name, description: `fake ${name}`, params: loose, stage: 'extend', generate: () => [] })),
];
const filters = ['correlation_aware', 'diversity', 'eligibility', 'recently_traded']
  .map((name) => defineFilter({ name, description: `fake ${name}`, params: loose, filter: (s) => [...s] }));
const evaluators = ['single_objective', 'stochastic', 'monte_carlo'].map((name) =>
  defineEvaluator({
    name, description: `fake ${name}`, params: loose,
    prepare: () => ({
      currentScore: () => ({ diversification: 50, dividend: 50, quality: 50, total: 50 }),
      evaluate: () => ({ score: 0.5, diversificationScore: 0.5, riskScore: 0.5, transactionCost: 0 }),
    }),
  }));

export const modules: readonly PlannerModule[] = [...calculators, ...patterns, ...generators, ...filters, ...evaluators];
