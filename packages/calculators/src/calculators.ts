import { averagingDown } from './averaging-down.js';
import { opportunityBuys } from './opportunity-buys.js';
import { profitTaking } from './profit-taking.js';
import { rebalanceBuys } from './rebalance-buys.js';
import { rebalanceSells } from './rebalance-sells.js';
import { weightBased } from './weight-based.js';

/** The six calculators in canonical order (pipeline.md §2.1). */
export const calculators = [profitTaking, averagingDown, opportunityBuys, rebalanceSells, rebalanceBuys, weightBased] as const;
