import type { ActionCandidate, OpportunitiesByCategory, OpportunityCategory } from '@planner/contracts';
import { definePattern } from '@planner/contracts';
import { z } from 'zod';
import { MOMENTUM_TAG } from './momentum.js';

export const MomentumFirstParamsSchema = z.object({
  /** The planner reads a `maxDepth` param as a cap on the step limit, so the name matters. */
  maxDepth: z.number().int().min(1).optional(),
  includeOtherBuys: z.boolean().default(true),
});

const momentumFirstParamDocs = {
  maxDepth: "caps the steps of a sequence; unset = the planner's max_depth",
  includeOtherBuys: 'after the momentum buys, add averaging-down, rebalance and other opportunity buys',
};

const EMPTY: readonly ActionCandidate[] = [];

function list(opportunities: OpportunitiesByCategory, key: OpportunityCategory): readonly ActionCandidate[] {
  return opportunities[key] ?? EMPTY;
}

const isMomentum = (c: ActionCandidate) => c.side === 'BUY' && c.tags.includes(MOMENTUM_TAG);

/**
 * Greedy fill: takes each candidate that the cash left covers while the
 * sequence is shorter than `limit`, skipping misfits and symbols already
 * bought in this sequence. Returns the cash left.
 */
function fill(
  seq: ActionCandidate[],
  symbols: Set<string>,
  cash: number,
  candidates: readonly ActionCandidate[],
  limit: number,
  accept: (c: ActionCandidate) => boolean,
): number {
  for (const c of candidates) {
    if (seq.length >= limit) break;
    if (!accept(c) || symbols.has(c.symbol) || !(c.valueEur <= cash)) continue;
    seq.push(c);
    symbols.add(c.symbol);
    cash -= c.valueEur;
  }
  return cash;
}

/** Momentum buys first (highest priority first), then the other buys, within the cash and the step limit. */
export const momentumFirst = definePattern({
  name: 'momentum_first',
  description: 'Spends the cash on momentum buys first, then on the other buys (example plugin)',
  params: MomentumFirstParamsSchema,
  paramDocs: momentumFirstParamDocs,
  // Right after direct_buy (100) among the per-depth patterns.
  order: 150,
  // Enabling it without the momentum calculator is a configuration error.
  needs: ['momentum'],
  generate(opportunities, params, call) {
    const limit = call.maxDepth;
    let cash = call.availableCashEur;
    const buys = list(opportunities, 'opportunity_buys');
    if (!(cash > 0) || !(limit >= 1) || !buys.some(isMomentum)) return [];
    const seq: ActionCandidate[] = [];
    const symbols = new Set<string>();
    cash = fill(seq, symbols, cash, buys, limit, isMomentum);
    // A sequence without a momentum buy is direct_buy's job, not ours.
    if (seq.length === 0) return [];
    if (params.includeOtherBuys) {
      const other = (c: ActionCandidate) => c.side === 'BUY' && !isMomentum(c);
      for (const key of ['averaging_down', 'rebalance_buys', 'opportunity_buys'] as const) {
        cash = fill(seq, symbols, cash, list(opportunities, key), limit, other);
      }
    }
    return [seq];
  },
});
