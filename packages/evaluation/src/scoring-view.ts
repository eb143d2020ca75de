import type { CompatSwitches, SecurityMetrics } from '@planner/contracts';

// '#scoring-view' in Node (package.json "imports"); a browser bundle gets
// scoring-view-browser.ts (a zero-filled copy per call, the same values, from
// less code: the bundle's budget).

type MutableMetrics = { -readonly [K in keyof SecurityMetrics]: number | undefined };

// One object, refilled by each `scoringView` call.
const VIEW: MutableMetrics = {
  cagr5y: undefined, cagr10y: undefined, dividendYield: undefined, consistencyScore: undefined, financialStrength: undefined,
  dividendConsistency: undefined, payoutRatio: undefined, sortino: undefined, volatilityAnnual: undefined, maxDrawdown: undefined,
  sharpe: undefined,
};

/**
 * `scoredMetrics(given, compat)` for a caller that only reads the fetched
 * metrics from it before its next call (the fast scorer's per-slot scores):
 * under the switch, one shared object refilled in place instead of a new
 * zero-filled copy per security and plan.
 */
export function scoringView(given: SecurityMetrics, compat: Pick<CompatSwitches, 'missingMetricsAreZero'>): SecurityMetrics {
  if (!compat.missingMetricsAreZero) return given;
  // FETCHED_METRICS written out: a loop over the keys made ten keyed (megamorphic) loads and stores per security and plan.
  VIEW.cagr10y = given.cagr10y;
  VIEW.cagr5y = zeroIfMissing(given.cagr5y);
  VIEW.dividendYield = zeroIfMissing(given.dividendYield);
  VIEW.consistencyScore = zeroIfMissing(given.consistencyScore);
  VIEW.financialStrength = zeroIfMissing(given.financialStrength);
  VIEW.dividendConsistency = zeroIfMissing(given.dividendConsistency);
  VIEW.payoutRatio = zeroIfMissing(given.payoutRatio);
  VIEW.sortino = zeroIfMissing(given.sortino);
  VIEW.volatilityAnnual = zeroIfMissing(given.volatilityAnnual);
  VIEW.maxDrawdown = zeroIfMissing(given.maxDrawdown);
  VIEW.sharpe = zeroIfMissing(given.sharpe);
  return VIEW;
}

function zeroIfMissing(v: number | undefined): number {
  return v === undefined ? 0.0 : v;
}
