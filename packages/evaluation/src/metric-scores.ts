import { pyRound } from '@planner/context';
import type { SecurityMetrics } from '@planner/contracts';

// Per-security components of the end-state score (pipeline.md §4.2). Each is a
// pure function of the security's metrics, so the fast scorer computes them
// once per snapshot; the floating-point operations follow the reference
// (app/modules/scoring/domain/end_state.py, scorers/end_state.py) in order.

const BELL_TARGET = 0.12;
const BELL_SIGMA_LEFT = 0.06;
const BELL_SIGMA_RIGHT = 0.1;
const BELL_FLOOR = 0.15;

/** Asymmetric bell curve peaking at a 12% total return (`score_total_return`). */
export function scoreTotalReturn(totalReturn: number, target = BELL_TARGET): number {
  if (totalReturn <= 0) return BELL_FLOOR;
  // The right side is 1.2x wider than the CAGR curve: more forgiving of high returns.
  const sigma = totalReturn < target ? BELL_SIGMA_LEFT : BELL_SIGMA_RIGHT * 1.2;
  const raw = Math.exp(-((totalReturn - target) ** 2) / (2 * sigma ** 2));
  return BELL_FLOOR + raw * (1 - BELL_FLOOR);
}

export function dividendConsistencyFromPayout(payout: number): number {
  if (payout >= 0.3 && payout <= 0.6) return 1.0;
  if (payout < 0.3) return 0.5 + (payout / 0.3) * 0.5;
  if (payout <= 0.8) return 1.0 - ((payout - 0.6) / 0.2) * 0.3;
  return 0.4;
}

export function sortinoScore(sortino: number): number {
  if (sortino >= 2.0) return 1.0;
  if (sortino >= 1.5) return 0.8 + (sortino - 1.5) * 0.4;
  if (sortino >= 1.0) return 0.6 + (sortino - 1.0) * 0.4;
  if (sortino >= 0) return sortino * 0.6;
  return 0.0;
}

export function volatilityScore(volatility: number): number {
  if (volatility <= 0.15) return 1.0;
  if (volatility <= 0.25) return 1.0 - ((volatility - 0.15) / 0.1) * 0.3;
  if (volatility <= 0.4) return 0.7 - ((volatility - 0.25) / 0.15) * 0.4;
  return Math.max(0.1, 0.3 - (volatility - 0.4));
}

export function drawdownScore(maxDrawdown: number): number {
  const dd = Math.abs(maxDrawdown);
  if (dd <= 0.1) return 1.0;
  if (dd <= 0.2) return 0.8 + (0.2 - dd) * 2;
  if (dd <= 0.3) return 0.6 + (0.3 - dd) * 2;
  if (dd <= 0.5) return 0.2 + (0.5 - dd) * 2;
  return Math.max(0.0, 0.2 - (dd - 0.5));
}

export function sharpeScore(sharpe: number): number {
  if (sharpe >= 2.0) return 1.0;
  if (sharpe >= 1.0) return 0.7 + (sharpe - 1.0) * 0.3;
  if (sharpe >= 0.5) return 0.4 + (sharpe - 0.5) * 0.6;
  if (sharpe >= 0) return sharpe * 0.8;
  return 0.0;
}

export interface ComponentScore {
  /** Rounded to 3 decimals, as the reference returns it. */
  readonly score: number;
  readonly components: Readonly<Record<string, number>>;
}

// The `*Value` functions give the `score` of the matching `*Score` function
// without its components; the scorers need nothing else.

/** `totalReturnScore(m).score`. */
export function totalReturnValue(m: SecurityMetrics): number {
  return pyRound(scoreTotalReturn((m.cagr5y ?? 0.0) + (m.dividendYield ?? 0.0)), 3);
}

/** `longTermPromiseScore(m).score`. */
export function longTermPromiseValue(m: SecurityMetrics): number {
  const total =
    (m.consistencyScore ?? 0.5) * 0.35 +
    (m.financialStrength ?? 0.5) * 0.25 +
    dividendConsistencyOf(m) * 0.25 +
    sortinoOf(m) * 0.15;
  return pyRound(Math.min(1.0, total), 3);
}

/** `stabilityScore(m).score`. */
export function stabilityValue(m: SecurityMetrics): number {
  return pyRound(Math.min(1.0, volatilityOf(m) * 0.5 + drawdownOf(m) * 0.3 + sharpeOf(m) * 0.2), 3);
}

// Sub-scores with the reference's 0.5 for a metric that is missing.

function dividendConsistencyOf(m: SecurityMetrics): number {
  if (m.dividendConsistency !== undefined) return m.dividendConsistency;
  return m.payoutRatio !== undefined ? dividendConsistencyFromPayout(m.payoutRatio) : 0.5;
}

function sortinoOf(m: SecurityMetrics): number {
  return m.sortino !== undefined ? sortinoScore(m.sortino) : 0.5;
}

function volatilityOf(m: SecurityMetrics): number {
  const vol = m.volatilityAnnual;
  // A volatility of 0 means "not computed" in the reference, hence the > 0 test.
  return vol !== undefined && vol > 0 ? volatilityScore(vol) : 0.5;
}

function drawdownOf(m: SecurityMetrics): number {
  return m.maxDrawdown !== undefined ? drawdownScore(m.maxDrawdown) : 0.5;
}

function sharpeOf(m: SecurityMetrics): number {
  return m.sharpe !== undefined ? sharpeScore(m.sharpe) : 0.5;
}

/** Total return = CAGR 5y + dividend yield, scored on the bell curve. */
export function totalReturnScore(m: SecurityMetrics): ComponentScore {
  const cagr = m.cagr5y ?? 0.0;
  const dividendYield = m.dividendYield ?? 0.0;
  const totalReturn = cagr + dividendYield;
  const score = scoreTotalReturn(totalReturn);
  return {
    score: pyRound(score, 3),
    components: {
      cagr: pyRound(cagr, 4),
      dividend_yield: pyRound(dividendYield, 4),
      total_return: pyRound(totalReturn, 4),
      score: pyRound(score, 3),
    },
  };
}

export function longTermPromiseScore(m: SecurityMetrics): ComponentScore {
  const consistency = m.consistencyScore ?? 0.5;
  const financialStrength = m.financialStrength ?? 0.5;
  const dividendConsistency = dividendConsistencyOf(m);
  const sortino = sortinoOf(m);
  const total = consistency * 0.35 + financialStrength * 0.25 + dividendConsistency * 0.25 + sortino * 0.15;
  return {
    score: pyRound(Math.min(1.0, total), 3),
    components: {
      consistency: pyRound(consistency, 3),
      financial_strength: pyRound(financialStrength, 3),
      dividend_consistency: pyRound(dividendConsistency, 3),
      sortino: pyRound(sortino, 3),
    },
  };
}

export function stabilityScore(m: SecurityMetrics): ComponentScore {
  const volatility = volatilityOf(m);
  const drawdown = drawdownOf(m);
  const sharpe = sharpeOf(m);
  const total = volatility * 0.5 + drawdown * 0.3 + sharpe * 0.2;
  return {
    score: pyRound(Math.min(1.0, total), 3),
    components: {
      volatility: pyRound(volatility, 3),
      drawdown: pyRound(drawdown, 3),
      sharpe: pyRound(sharpe, 3),
    },
  };
}
