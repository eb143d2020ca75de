import { z } from 'zod';
import {
  defineCalculator, defineEvaluator, defineFilter, definePattern, defineSequenceGenerator, type PlannerModule,
} from '@planner/contracts';

// Stand-ins for the standard modules (buckets may not import module packages):
// the standard names, run by default in their order, params that accept anything, no behaviour.
const loose = z.object({}).catchall(z.unknown());
const standard = (i: number) => ({ order: (i + 1) * 100, enabledByDefault: true });

const calculators = ['profit_taking', 'averaging_down', 'opportunity_buys', 'rebalance_sells', 'rebalance_buys', 'weight_based']
  .map((name, i) => defineCalculator({ name, description: `fake ${name}`, params: loose, calculate: () => [], ...standard(i) }));
const patterns = [
  'direct_buy', 'profit_taking', 'rebalance', 'averaging_down', 'single_best', 'multi_sell', 'mixed_strategy',
  'opportunity_first', 'deep_rebalance', 'cash_generation', 'cost_optimized',
].map((name, i) => definePattern({ name, description: `fake ${name}`, params: loose, generate: () => [], ...standard(i) }))
  .concat(['adaptive', 'market_regime'].map((name, i) => definePattern({
    name, description: `fake ${name}`, params: loose, stage: 'once', generate: () => [], ...standard(11 + i),
  })));
const generators = [
  ...['combinatorial', 'enhanced_combinatorial'].map((name, i) =>
    defineSequenceGenerator({ name, description: `fake ${name}`, params: loose, stage: 'depth', generate: () => [], ...standard(i) })),
  ...['partial_execution', 'constraint_relaxation'].map((name, i) =>
    defineSequenceGenerator({ name, description: `fake ${name}`, params: loose, stage: 'extend', generate: () => [], ...standard(2 + i) })),
];
const filters = ['correlation_aware', 'diversity', 'eligibility', 'recently_traded']
  .map((name, i) => defineFilter({ name, description: `fake ${name}`, params: loose, filter: (s) => [...s], ...standard(i) }));
const evaluators = ['single_objective', 'stochastic', 'monte_carlo'].map((name) =>
  defineEvaluator({
    name, description: `fake ${name}`, params: loose,
    prepare: () => ({
      currentScore: () => ({ diversification: 50, dividend: 50, quality: 50, total: 50 }),
      evaluate: () => ({ score: 0.5, diversificationScore: 0.5, riskScore: 0.5, transactionCost: 0 }),
    }),
  }));

export const modules: readonly PlannerModule[] = [...calculators, ...patterns, ...generators, ...filters, ...evaluators];
