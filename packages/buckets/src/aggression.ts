import type { ActionCandidate } from '@planner/contracts';

/** How hard a satellite trades (pipeline.md §7.5), from its funding and its drawdown. */
export interface Aggression {
  /** 0..1: the smaller of the two levels; 0 is hibernation. */
  readonly aggression: number;
  readonly allocationAggression: number;
  readonly drawdownAggression: number;
  readonly limitingFactor: 'allocation' | 'drawdown' | 'equal';
  /** The bucket's value now (positions + cash, EUR). */
  readonly currentValue: number;
  /** Its target share of the portfolio's value (EUR). */
  readonly targetValue: number;
  readonly pctOfTarget: number;
  /** 0..1 below the high-water mark. */
  readonly drawdown: number;
  readonly inHibernation: boolean;
}

function allocationLevel(pct: number): number {
  if (pct >= 1.0) return 1.0;
  if (pct >= 0.8) return 0.8;
  if (pct >= 0.6) return 0.6;
  if (pct >= 0.4) return 0.4;
  return 0.0;
}

function drawdownLevel(drawdown: number): number {
  if (drawdown >= 0.35) return 0.0;
  if (drawdown >= 0.25) return 0.3;
  if (drawdown >= 0.15) return 0.7;
  return 1.0;
}

/** The reference's `calculate_aggression`, step for step. */
export function calculateAggression(currentValue: number, targetValue: number, highWaterMark = 0): Aggression {
  const pctOfTarget = targetValue < 0.01 ? 0 : currentValue / targetValue;
  const drawdown = highWaterMark > 0 && currentValue < highWaterMark ? (highWaterMark - currentValue) / highWaterMark : 0;
  const allocationAggression = allocationLevel(pctOfTarget);
  const drawdownAggression = drawdownLevel(drawdown);
  const aggression = Math.min(allocationAggression, drawdownAggression);
  const limitingFactor = allocationAggression < drawdownAggression ? 'allocation'
    : drawdownAggression < allocationAggression ? 'drawdown' : 'equal';
  return {
    aggression, allocationAggression, drawdownAggression, limitingFactor,
    currentValue, targetValue, pctOfTarget, drawdown, inHibernation: aggression === 0,
  };
}

/** EUR: rounding noise in a cash walk, not money. */
const CASH_TOLERANCE = 1e-9;

/** What scaling needs to know of a security. */
export interface ScalingQuote {
  readonly minLot: number;
  /** Units of the action's currency per EUR. */
  readonly rate: number;
}

/**
 * Scales a satellite's actions by its aggression (pipeline.md §7.5 step 7):
 * `q' = trunc(q × aggression)`, rounded down to the board lot; 0 drops the
 * action; value `q' × price` in EUR; reason suffixed "(scaled NN% due to
 * aggression)", tag `aggression_scaled`. Then a walk in plan order keeps the
 * buys within the cash the bucket has at that point (`availableCashEur` plus
 * what earlier sells raised), since a sell scaled to nothing raises no cash.
 */
export function scaleActions(
  actions: readonly ActionCandidate[], aggression: number, availableCashEur: number,
  quoteOf: (a: ActionCandidate) => ScalingQuote,
): ActionCandidate[] {
  if (aggression >= 1) return [...actions];
  const pct = `${Math.round(aggression * 100)}%`;
  const out: ActionCandidate[] = [];
  let cash = availableCashEur;
  for (const a of actions) {
    const { minLot, rate } = quoteOf(a);
    const unitEur = a.price / rate;
    let quantity = Math.floor(Math.trunc(a.quantity * aggression) / minLot) * minLot;
    if (a.side === 'BUY' && quantity * unitEur > cash + CASH_TOLERANCE) {
      quantity = Math.floor(Math.max(0, cash) / unitEur / minLot) * minLot;
      while (quantity > 0 && quantity * unitEur > cash + CASH_TOLERANCE) quantity -= minLot; // division rounding
    }
    if (quantity <= 0) continue;
    const valueEur = quantity * unitEur;
    cash += a.side === 'SELL' ? valueEur : -valueEur;
    out.push({
      ...a, quantity, valueEur,
      reason: `${a.reason} (scaled ${pct} due to aggression)`,
      tags: [...a.tags, 'aggression_scaled'],
    });
  }
  return out;
}
