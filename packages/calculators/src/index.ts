export { AveragingDownParamsSchema, averagingDown } from './averaging-down.js';
export { calculators } from './calculators.js';
export { OpportunityBuysParamsSchema, opportunityBuys } from './opportunity-buys.js';
export { ProfitTakingParamsSchema, profitTaking } from './profit-taking.js';
export { RebalanceBuysParamsSchema, rebalanceBuys } from './rebalance-buys.js';
export { RebalanceSellsParamsSchema, rebalanceSells } from './rebalance-sells.js';
export { WeightBasedParamsSchema, weightBased, weightBasedCategory } from './weight-based.js';
