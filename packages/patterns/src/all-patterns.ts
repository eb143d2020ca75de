import { adaptive } from './adaptive.js';
import { averagingDown } from './averaging-down.js';
import { cashGeneration } from './cash-generation.js';
import { costOptimized } from './cost-optimized.js';
import { deepRebalance } from './deep-rebalance.js';
import { directBuy } from './direct-buy.js';
import { marketRegime } from './market-regime.js';
import { mixedStrategy } from './mixed-strategy.js';
import { multiSell } from './multi-sell.js';
import { opportunityFirst } from './opportunity-first.js';
import { profitTaking } from './profit-taking.js';
import { rebalance } from './rebalance.js';
import { singleBest } from './single-best.js';

/** All thirteen patterns in canonical order (spec modules-patterns.md §1.5), which is the per-depth call order. */
export const patterns = [
  directBuy,
  profitTaking,
  rebalance,
  averagingDown,
  singleBest,
  multiSell,
  mixedStrategy,
  opportunityFirst,
  deepRebalance,
  cashGeneration,
  costOptimized,
  adaptive,
  marketRegime,
] as const;
