import type { ActionCandidate, OpportunityCalculator } from '@planner/contracts';
import { candidate } from '@planner/testkit';
import { describe, expect, it } from 'vitest';
import { averagingDown, opportunityBuys, profitTaking, rebalanceBuys, rebalanceSells, weightBased } from '../src/index.js';

// The middle sentences of the reference's step narratives (pipeline.md §5.10);
// the planner adds "Sell …/Buy … of Name (SYM)" before and the closing sentences after.

const cand = (side: 'BUY' | 'SELL', reason: string, tags: string[]): ActionCandidate => candidate(side, 'X', { reason, tags });
const told = (c: OpportunityCalculator, a: ActionCandidate) => c.narrate?.(a);
const text = (c: OpportunityCalculator, a: ActionCandidate) => told(c, a)?.parts.join(' ');

describe('narratives of the standard calculators', () => {
  it('profit_taking tells its windfall sells (theme windfall) and plain profit-taking sells', () => {
    const w = cand('SELL', 'Windfall: up 80%', ['windfall', 'profit_taking']);
    expect(text(profitTaking, w)).toBe(
      'This position has experienced windfall gains beyond normal growth. Windfall: up 80%. Taking profits locks in gains and frees capital for better opportunities.',
    );
    expect(told(profitTaking, w)?.theme).toBe('windfall');
    expect(text(profitTaking, cand('SELL', 'Up 40%', ['profit_taking']))).toBe(
      'Reason: Up 40%. This reduces risk by converting paper gains to realized profits.',
    );
    expect(told(profitTaking, cand('BUY', 'x', ['windfall']))).toBeUndefined();
  });

  it('rebalance_sells and rebalance_buys tell the region (upper-cased, every prefix removed) or the reason', () => {
    expect(text(rebalanceSells, cand('SELL', 'r', ['rebalance', 'overweight_us']))).toBe(
      'The portfolio is overweight in US region. Trimming this position improves country diversification.',
    );
    expect(text(rebalanceSells, cand('SELL', 'Trim', ['rebalance']))).toBe('Reason: Trim.');
    expect(text(rebalanceBuys, cand('BUY', 'r', ['rebalance', 'underweight_asia']))).toBe(
      'The portfolio is underweight in ASIA region. This purchase improves country diversification and reduces concentration risk.',
    );
    expect(told(rebalanceBuys, cand('SELL', 'r', ['rebalance', 'underweight_asia']))).toBeUndefined();
    expect(told(rebalanceSells, cand('SELL', 'r', ['windfall']))).toBeUndefined();
  });

  it('averaging_down tells its buys (theme averaging_down); opportunity_buys its quality buys', () => {
    const d = cand('BUY', 'Quality security down 25%, averaging down', ['averaging_down', 'buy_low']);
    expect(text(averagingDown, d)).toBe(
      'This quality security is temporarily down, presenting an opportunity to lower the average cost basis. Quality security down 25%, averaging down. Averaging down on quality dips is a proven long-term strategy.',
    );
    expect(told(averagingDown, d)?.theme).toBe('averaging_down');
    for (const tag of ['quality', 'opportunity']) {
      expect(text(opportunityBuys, cand('BUY', 'High quality', [tag]))).toBe(
        'High quality. High-quality securities with good fundamentals tend to outperform over the long term.',
      );
    }
    expect(told(opportunityBuys, d)).toBeUndefined();
  });

  it('weight_based tells its buys below average cost as averaging down and its other trades by their reason', () => {
    const below = cand('BUY', 'Optimizer target', ['averaging_down', 'optimizer_target']);
    expect(told(weightBased, below)).toEqual(told(averagingDown, below));
    expect(text(weightBased, cand('BUY', 'Optimizer target: 8.0% (current: 0.0%)', ['rebalance', 'optimizer_target'])))
      .toBe('Reason: Optimizer target: 8.0% (current: 0.0%).');
    expect(text(weightBased, cand('SELL', 'Over target', ['rebalance', 'optimizer_target']))).toBe('Reason: Over target.');
  });
});
