import type {
  ActionCandidate, OpportunitiesByCategory, OpportunityCalculator, PlanStep, PortfolioContext, StepNarrative,
} from '@planner/contracts';
import { pyFixed } from '@planner/context';

// Texts of pipeline.md §5.10 (reference narrative.py); numbers use Python formatting.
// The planner writes a step's opening and closing sentences; what lies between
// comes from the calculator that recognises the candidate (its `narrate`).

/** What tells a step: the enabled calculators, in run order. */
export type Narrator = Pick<OpportunityCalculator, 'narrate'>;

/** The first narration any narrator gives for the candidate; a throwing hook counts as no answer. */
export function narrationOf(action: ActionCandidate, narrators: readonly Narrator[]): StepNarrative | undefined {
  for (const n of narrators) {
    if (n.narrate === undefined) continue;
    let told: StepNarrative | undefined;
    try {
      told = n.narrate(action);
    } catch {
      continue;
    }
    if (told !== undefined) return told;
  }
  return undefined;
}

function topBuyName(opportunities: OpportunitiesByCategory): string | null {
  const top = opportunities.averaging_down?.[0] ?? opportunities.rebalance_buys?.[0] ?? opportunities.opportunity_buys?.[0];
  return top === undefined ? null : top.name;
}

/**
 * `opening`, then the calculator's sentences (or `Reason: <reason>.`), space
 * separated: `[opening, ...parts].join(' ')` as concatenation, which builds no
 * array and leaves the text unflattened until someone reads it (every step of every plan).
 */
function withMiddle(opening: string, a: ActionCandidate, told: StepNarrative | undefined): string {
  if (told === undefined) return `${opening} Reason: ${a.reason}.`;
  let text = opening;
  // `?? ''`: join writes a missing part as nothing.
  for (const part of told.parts) text += ` ${part ?? ''}`;
  return text;
}

function sellNarrative(
  a: ActionCandidate, portfolio: PortfolioContext, opportunities: OpportunitiesByCategory, told: StepNarrative | undefined,
): string {
  const held = portfolio.positions.get(a.symbol) ?? 0;
  const value = pyFixed(a.valueEur, 0);
  const opening = held > 0 && a.valueEur > 0
    ? `Sell ${pyFixed((a.valueEur / held) * 100, 0)}% / €${value} of ${a.name} (${a.symbol})`
    : `Sell €${value} of ${a.name} (${a.symbol})`;
  const text = withMiddle(opening, a, told);
  const top = topBuyName(opportunities);
  return top === null ? text : `${text} This frees capital to invest in ${top}, which offers better risk-adjusted returns.`;
}

function buyNarrative(a: ActionCandidate, portfolio: PortfolioContext, told: StepNarrative | undefined): string {
  const text = withMiddle(`Buy €${pyFixed(a.valueEur, 0)} of ${a.name} (${a.symbol})`, a, told);
  const y = portfolio.securityDividends.get(a.symbol) ?? 0;
  return y > 0.03 ? `${text} This security also provides a ${pyFixed(y * 100, 1)}% dividend yield for income.` : text;
}

/** Step narrative of an action whose narration is known (`undefined`: none). */
export function toldStep(
  action: ActionCandidate, portfolio: PortfolioContext, opportunities: OpportunitiesByCategory, told: StepNarrative | undefined,
): string {
  return action.side === 'SELL' ? sellNarrative(action, portfolio, opportunities, told) : buyNarrative(action, portfolio, told);
}

/**
 * Step narrative; `portfolio` is the start state, `opportunities` the full
 * sorted category lists, `narrators` the enabled calculators in run order
 * (without them every step says `Reason: <reason>.` between opening and closing).
 */
export function stepNarrative(
  action: ActionCandidate,
  portfolio: PortfolioContext,
  opportunities: OpportunitiesByCategory,
  narrators: readonly Narrator[] = [],
): string {
  return toldStep(action, portfolio, opportunities, narrationOf(action, narrators));
}

type SummaryStep = Pick<PlanStep, 'side' | 'symbol' | 'valueEur' | 'isWindfall' | 'isAveragingDown'>;

/** The first matching strategy (pipeline.md §5.10); a plan with steps has a sell or a buy, so one always matches. */
function strategySentence(windfall: boolean, averaging: boolean, sells: number, buys: number): string {
  if (windfall && averaging) {
    return 'This plan takes profits from windfall gains and reinvests in quality securities that are temporarily down.';
  }
  if (windfall) return 'This plan captures windfall profits from positions that have exceeded their historical growth rates.';
  if (averaging) return 'This plan focuses on averaging down on quality positions that are temporarily undervalued.';
  if (sells > 0 && buys > 0) {
    return 'This plan rebalances the portfolio by trimming overweight positions and adding to underweight areas.';
  }
  if (buys > 0) return 'This plan deploys available cash into high-quality opportunities.';
  return 'This plan reduces risk by taking profits from selected positions.';
}

/**
 * Plan summary; `end` is the unrounded display-scale end score (best × 100).
 * One pass over the steps, the sentences concatenated (every plan with steps:
 * no filtered lists, mapped symbols or joined parts).
 */
export function planNarrative(steps: readonly SummaryStep[], current: number, end: number): string {
  if (steps.length === 0) return 'No actions recommended. The portfolio is well-positioned.';
  let sells = 0;
  let buys = 0;
  // Summed in step order, as over the filtered lists.
  let sold = 0;
  let bought = 0;
  let sellSymbols = '';
  let buySymbols = '';
  let windfall = false;
  let averaging = false;
  for (const s of steps) {
    if (s.side === 'SELL') {
      sold += s.valueEur;
      sellSymbols = sells++ === 0 ? s.symbol : `${sellSymbols}, ${s.symbol}`;
      if (s.isWindfall) windfall = true;
    } else if (s.side === 'BUY') {
      bought += s.valueEur;
      buySymbols = buys++ === 0 ? s.symbol : `${buySymbols}, ${s.symbol}`;
      if (s.isAveragingDown) averaging = true;
    }
  }
  let text = `${strategySentence(windfall, averaging, sells, buys)} The plan consists of ${steps.length} action(s):`;
  if (sells > 0) text += ` • Sell €${pyFixed(sold, 0)} from ${sellSymbols}`;
  if (buys > 0) text += ` • Buy €${pyFixed(bought, 0)} in ${buySymbols}`;
  const improvement = end - current;
  if (improvement > 0) {
    text += ` Expected portfolio improvement: +${pyFixed(improvement, 1)} points (from ${pyFixed(current, 1)} to ${pyFixed(end, 1)}).`;
  } else if (improvement < 0) {
    text += ` Note: Short-term score may decrease by ${pyFixed(Math.abs(improvement), 1)} points, but this positions the portfolio for better long-term growth.`;
  } else {
    text += ` This maintains the current portfolio score of ${pyFixed(current, 1)} while improving diversification.`;
  }
  return text;
}

/** Trade-off explanation (available, unused by the planner itself). */
export function tradeoffExplanation(action: ActionCandidate, individualImpact: number, sequenceImpact: number): string {
  if (individualImpact >= 0 || sequenceImpact <= individualImpact) return '';
  const verb = action.side === 'SELL' ? 'Selling' : 'Buying';
  return `${verb} ${action.name} in isolation would reduce the portfolio score by ${pyFixed(Math.abs(individualImpact), 1)} points. However, as part of this sequence, it enables an overall improvement of ${pyFixed(sequenceImpact, 1)} points. The short-term sacrifice creates a better long-term outcome.`;
}

/** One-line summary `{SIDE} {quantity} {symbol} @ €{price:.2f} = €{value:.0f}`. */
export function actionSummary(action: ActionCandidate): string {
  return `${action.side} ${action.quantity} ${action.symbol} @ €${pyFixed(action.price, 2)} = €${pyFixed(action.valueEur, 0)}`;
}
