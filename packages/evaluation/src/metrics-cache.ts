import type { CompatSwitches, EvaluationContext, SecurityMetrics } from '@planner/contracts';

/** The ten metrics the reference fetches per symbol (pipeline.md §4.2), camelCase. */
export const FETCHED_METRICS = [
  'cagr5y',
  'dividendYield',
  'consistencyScore',
  'financialStrength',
  'dividendConsistency',
  'payoutRatio',
  'sortino',
  'volatilityAnnual',
  'maxDrawdown',
  'sharpe',
] as const satisfies readonly (keyof SecurityMetrics)[];

/**
 * symbol -> metrics as the scorer reads them, for every security of the
 * universe. A symbol outside the universe is absent (read as `{}`, so every
 * neutral default applies).
 */
export function buildMetricsCache(
  ctx: Pick<EvaluationContext, 'securities' | 'metrics'>,
  compat: Pick<CompatSwitches, 'missingMetricsAreZero'>,
): Map<string, SecurityMetrics> {
  const cache = new Map<string, SecurityMetrics>();
  for (const security of ctx.securities) {
    const given = ctx.metrics.get(security.symbol) ?? security.metrics ?? {};
    cache.set(security.symbol, scoredMetrics(given, compat));
  }
  return cache;
}

/** The metrics the scorer reads for one universe symbol: `given`, zero-filled under the switch. */
export function scoredMetrics(given: SecurityMetrics, compat: Pick<CompatSwitches, 'missingMetricsAreZero'>): SecurityMetrics {
  return compat.missingMetricsAreZero ? zeroFilled(given) : given;
}

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

// reference quirk: missing metrics are zero — the reference fetched all ten
// metrics of every symbol and cached a missing one as 0.0 (pipeline.md §4.2,
// DECISIONS.md #5), so e.g. a missing Sortino scores 0 instead of 0.5.
function zeroFilled(metrics: SecurityMetrics): SecurityMetrics {
  const out: Record<string, number> = { ...metrics };
  for (const key of FETCHED_METRICS) if (out[key] === undefined) out[key] = 0.0;
  return out as SecurityMetrics;
}
