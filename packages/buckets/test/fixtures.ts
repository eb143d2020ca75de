import { z } from 'zod';
import { defineCalculator, defineEvaluator, definePattern, type PlannerModule } from '@planner/contracts';
import { buy, sell, standardModuleStandIns } from '@planner/testkit';

// The standard modules' stand-ins from the test kit (buckets may not import
// module packages), with params that accept anything: these tests store
// configs, they do not check module params.
const loose = z.object({}).catchall(z.unknown());
const standard = (i: number) => ({ order: (i + 1) * 100, enabledByDefault: true });
const looseStandIns = standardModuleStandIns.map((m): PlannerModule => ({ ...m, params: loose }));
const evaluators = ['single_objective', 'stochastic', 'monte_carlo'].map((name) =>
  defineEvaluator({
    name, description: `fake ${name}`, params: loose,
    prepare: () => ({
      currentScore: () => ({ diversification: 50, dividend: 50, quality: 50, total: 50 }),
      evaluate: () => ({ score: 0.5, diversificationScore: 0.5, riskScore: 0.5, transactionCost: 0 }),
    }),
  }));

export const modules: readonly PlannerModule[] = [...looseStandIns, ...evaluators];

// Stubs with behaviour, for planning whole slices: a buy of one share of
// every unheld security, a sell of every held position, each one alone as a
// sequence, scored by the value bought.
const buyEveryUnheld = defineCalculator({
  name: 'opportunity_buys', description: 'buys', params: loose, ...standard(2),
  calculate: (ctx) => ctx.securities.filter((s) => !ctx.portfolio.positions.has(s.symbol) && s.price > 0).map((s) =>
    buy(s.symbol, { name: s.name, quantity: 10, price: s.price, currency: s.currency, priority: 0.9, reason: 'cheap', tags: ['opportunity'] })),
});
const sellEveryHeld = defineCalculator({
  name: 'profit_taking', description: 'sells', params: loose, ...standard(0),
  calculate: (ctx) => ctx.positions.map((p) => sell(p.symbol, { quantity: p.quantity, price: 1, priority: 0.8, reason: 'windfall', tags: ['windfall'] })),
});
const singles = definePattern({
  name: 'direct_buy', description: 'each candidate alone', params: loose, ...standard(0),
  generate: (opps) => [...(opps.opportunity_buys ?? []), ...(opps.profit_taking ?? [])].map((c) => [c]),
});
const valueScorer = defineEvaluator({
  name: 'single_objective', description: 'value', params: loose,
  prepare: () => ({
    currentScore: () => ({ diversification: 50, dividend: 50, quality: 50, total: 50 }),
    evaluate: (seq) => ({ score: 0.5 + seq.reduce((v, a) => v + a.valueEur, 0) / 1e5, diversificationScore: 0.5, riskScore: 0.5, transactionCost: 2 * seq.length }),
  }),
});
export const tradingModules: readonly PlannerModule[] = [
  ...modules.filter((m) => !['opportunity_buys', 'profit_taking', 'direct_buy', 'single_objective'].includes(m.name)),
  buyEveryUnheld, sellEveryHeld, singles, valueScorer,
];
export const ONE_STEP_TOML = '[planner]\nname = "one_step"\nmax_depth = 1\npriority_threshold = 0.0\nenable_diverse_selection = false\n';
