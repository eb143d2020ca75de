import type { ActionCandidate, OpportunitiesByCategory, PortfolioContext, StepNarrative } from '@planner/contracts';
import { portfolioContext } from '@planner/testkit';
import { describe, expect, it } from 'vitest';
import { planSteps } from '../src/assemble-plan.js';
import { actionSummary, type Narrator, planNarrative, stepNarrative, tradeoffExplanation } from '../src/narrative.js';
import { cand } from './fixtures.js';

/** A calculator's narrate hook that recognises candidates by one tag (as the standard calculators do). */
const narrator = (tag: string, told: (a: ActionCandidate) => StepNarrative): Narrator => ({
  narrate: (a) => (a.tags.includes(tag) ? told(a) : undefined),
});
const overweight = narrator('overweight_us', () => ({
  parts: ['The portfolio is overweight in US region.', 'Trimming this position improves country diversification.'],
}));
const windfall = narrator('windfall', (a) => ({ parts: [`Windfall sentence. ${a.reason}.`], theme: 'windfall' }));
const dip = narrator('averaging_down', (a) => ({ parts: [`Dip sentence. ${a.reason}.`], theme: 'averaging_down' }));
const throwing: Narrator = { narrate: () => { throw new Error('boom'); } };

const portfolio = (positions: Record<string, number> = {}, dividends: Record<string, number> = {}): PortfolioContext =>
  portfolioContext({ positions: new Map(Object.entries(positions)), totalValue: 10000, securityDividends: new Map(Object.entries(dividends)) });

const loreal = cand('OR.EU', 'BUY', 0.9, { name: "L'Oreal S.A." });
const withBuys: OpportunitiesByCategory = { rebalance_buys: [loreal] };

describe('sell narrative', () => {
  it('reproduces the rebalance example of pipeline.md §5.10', () => {
    const xom = cand('XOM.US', 'SELL', 0.5, { name: 'Exxon Mobil Corp.', valueEur: 1244, tags: ['rebalance', 'overweight_us'] });
    expect(stepNarrative(xom, portfolio({ 'XOM.US': 4150 }), withBuys, [overweight])).toBe(
      'Sell 30% / €1244 of Exxon Mobil Corp. (XOM.US) The portfolio is overweight in US region. Trimming this position improves country diversification. This frees capital to invest in L\'Oreal S.A., which offers better risk-adjusted returns.',
    );
  });

  it('drops the percentage without a held value; the first narrator that answers tells the middle', () => {
    const a = cand('A', 'SELL', 1, { name: 'Alpha', valueEur: 500, reason: 'Windfall: up 80%', tags: ['profit_taking', 'windfall'] });
    expect(stepNarrative(a, portfolio(), {}, [throwing, overweight, windfall, dip])).toBe(
      'Sell €500 of Alpha (A) Windfall sentence. Windfall: up 80%.',
    );
  });

  it('falls back to the reason when no narrator answers or none is given', () => {
    const r = cand('A', 'SELL', 1, { name: 'Alpha', valueEur: 500, reason: 'Trim', tags: ['rebalance'] });
    expect(stepNarrative(r, portfolio(), {}, [overweight, windfall])).toBe('Sell €500 of Alpha (A) Reason: Trim.');
    expect(stepNarrative(r, portfolio(), {})).toBe('Sell €500 of Alpha (A) Reason: Trim.');
  });

  it('marks windfall and averaging-down steps by the theme of their narration, not by tags', () => {
    const w = cand('A', 'SELL', 1, { tags: ['windfall'] });
    const d = cand('D', 'BUY', 1, { tags: ['averaging_down'] });
    const steps = planSteps([w, d], portfolio(), {}, [windfall, dip]);
    expect(steps.map((s) => [s.isWindfall, s.isAveragingDown])).toEqual([[true, false], [false, true]]);
    const untold = planSteps([w, d], portfolio(), {});
    expect(untold.map((s) => [s.isWindfall, s.isAveragingDown])).toEqual([[false, false], [false, false]]);
  });

  it('names the first buy candidate: averaging_down before rebalance_buys before opportunity_buys', () => {
    const a = cand('A', 'SELL', 1, { name: 'Alpha', valueEur: 10, reason: 'x' });
    const ob = cand('O', 'BUY', 9, { name: 'Opp' });
    const ad = cand('D', 'BUY', 0.1, { name: 'Dip' });
    expect(stepNarrative(a, portfolio(), { opportunity_buys: [ob], rebalance_buys: [loreal], averaging_down: [ad] }))
      .toContain('invest in Dip,');
    expect(stepNarrative(a, portfolio(), { opportunity_buys: [ob], rebalance_buys: [loreal] })).toContain("invest in L'Oreal S.A.,");
    expect(stepNarrative(a, portfolio(), { opportunity_buys: [ob], profit_taking: [a] })).toContain('invest in Opp,');
    expect(stepNarrative(a, portfolio(), { profit_taking: [a] })).not.toContain('frees capital');
  });

  it('rounds percentages and euros half to even like Python', () => {
    const a = cand('A', 'SELL', 1, { name: 'Alpha', valueEur: 2.5, reason: 'x' });
    expect(stepNarrative(a, portfolio({ A: 20 }), {})).toBe('Sell 12% / €2 of Alpha (A) Reason: x.');
    const b = cand('B', 'SELL', 1, { name: 'Beta', valueEur: 3.5, reason: 'x' });
    expect(stepNarrative(b, portfolio(), {})).toBe('Sell €4 of Beta (B) Reason: x.');
  });
});

describe('buy narrative', () => {
  it('reproduces the weight-based example of pipeline.md §5.10', () => {
    const ibe = cand('IBE.EU', 'BUY', 8, {
      name: 'Iberdrola S.A.', valueEur: 2670, reason: 'Optimizer target: 8.0% (current: 0.0%)', tags: ['rebalance', 'optimizer_target'],
    });
    expect(stepNarrative(ibe, portfolio(), {})).toBe('Buy €2670 of Iberdrola S.A. (IBE.EU) Reason: Optimizer target: 8.0% (current: 0.0%).');
  });

  it('puts the narration before the dividend sentence (3.25 rounds to 3.2)', () => {
    const t = cand('TTE.EU', 'BUY', 1, {
      name: 'TotalEnergies SE', valueEur: 213.6, reason: 'Quality security down 25%, averaging down', tags: ['averaging_down', 'buy_low'],
    });
    expect(stepNarrative(t, portfolio({}, { 'TTE.EU': 0.0325 }), {}, [dip])).toBe(
      'Buy €214 of TotalEnergies SE (TTE.EU) Dip sentence. Quality security down 25%, averaging down. This security also provides a 3.2% dividend yield for income.',
    );
  });

  it('adds the dividend sentence only above 3%', () => {
    const t = cand('T', 'BUY', 1, { name: 'T', valueEur: 100, reason: 'r' });
    expect(stepNarrative(t, portfolio({}, { T: 0.03 }), {})).toBe('Buy €100 of T (T) Reason: r.');
    expect(stepNarrative(t, portfolio({}, { T: 0.0301 }), {})).toBe('Buy €100 of T (T) Reason: r. This security also provides a 3.0% dividend yield for income.');
  });
});

describe('plan narrative', () => {
  const step = (side: 'BUY' | 'SELL', symbol: string, valueEur: number, isWindfall = false, isAveragingDown = false) =>
    ({ side, symbol, valueEur, isWindfall, isAveragingDown });

  it('reproduces the summary example of pipeline.md §5.10', () => {
    expect(planNarrative([step('BUY', 'TSM.US', 3000), step('BUY', '0700.AS', 2343)], 63.5, 100.0)).toBe(
      'This plan deploys available cash into high-quality opportunities. The plan consists of 2 action(s): • Buy €5343 in TSM.US, 0700.AS Expected portfolio improvement: +36.5 points (from 63.5 to 100.0).',
    );
  });

  it('picks the first matching strategy sentence', () => {
    const first = (steps: Parameters<typeof planNarrative>[0]) => planNarrative(steps, 50, 50).split(' The plan')[0];
    expect(first([step('SELL', 'A', 1, true), step('BUY', 'B', 1, false, true)])).toBe(
      'This plan takes profits from windfall gains and reinvests in quality securities that are temporarily down.',
    );
    expect(first([step('SELL', 'A', 1, true), step('BUY', 'B', 1)])).toBe(
      'This plan captures windfall profits from positions that have exceeded their historical growth rates.',
    );
    expect(first([step('SELL', 'A', 1), step('BUY', 'B', 1, false, true)])).toBe(
      'This plan focuses on averaging down on quality positions that are temporarily undervalued.',
    );
    expect(first([step('SELL', 'A', 1), step('BUY', 'B', 1)])).toBe(
      'This plan rebalances the portfolio by trimming overweight positions and adding to underweight areas.',
    );
    expect(first([step('SELL', 'A', 1)])).toBe('This plan reduces risk by taking profits from selected positions.');
  });

  it('lists sells then buys with their summed values', () => {
    expect(planNarrative([step('SELL', 'A', 100.5), step('SELL', 'B', 2), step('BUY', 'C', 50)], 40, 45)).toBe(
      'This plan rebalances the portfolio by trimming overweight positions and adding to underweight areas. The plan consists of 3 action(s): • Sell €102 from A, B • Buy €50 in C Expected portfolio improvement: +5.0 points (from 40.0 to 45.0).',
    );
  });

  it('states a decrease and an unchanged score', () => {
    expect(planNarrative([step('BUY', 'C', 50)], 60, 58.75)).toBe(
      'This plan deploys available cash into high-quality opportunities. The plan consists of 1 action(s): • Buy €50 in C Note: Short-term score may decrease by 1.2 points, but this positions the portfolio for better long-term growth.',
    );
    expect(planNarrative([step('BUY', 'C', 50)], 60, 60)).toBe(
      'This plan deploys available cash into high-quality opportunities. The plan consists of 1 action(s): • Buy €50 in C This maintains the current portfolio score of 60.0 while improving diversification.',
    );
  });

  it('has a text for no steps', () => {
    expect(planNarrative([], 50, 50)).toBe('No actions recommended. The portfolio is well-positioned.');
  });
});

describe('trade-off explanation and one-line summary', () => {
  const a = cand('A', 'SELL', 1, { name: 'Alpha', quantity: 3, price: 12.345, valueEur: 37.035 });
  it('explains only a negative individual impact that the sequence beats', () => {
    expect(tradeoffExplanation(a, 0, 5)).toBe('');
    expect(tradeoffExplanation(a, -2, -3)).toBe('');
    expect(tradeoffExplanation(a, -2.25, 4)).toBe(
      'Selling Alpha in isolation would reduce the portfolio score by 2.2 points. However, as part of this sequence, it enables an overall improvement of 4.0 points. The short-term sacrifice creates a better long-term outcome.',
    );
  });
  it('says Buying for a buy', () => {
    expect(tradeoffExplanation({ ...a, side: 'BUY' }, -1, 2)).toMatch(/^Buying Alpha in isolation would reduce the portfolio score by 1\.0 points\./);
  });
  it('formats one action', () => {
    expect(actionSummary(a)).toBe('SELL 3 A @ €12.35 = €37');
  });
});
