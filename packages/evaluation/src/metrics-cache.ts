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

// reference quirk: missing metrics are zero — the reference fetched all ten
// metrics of every symbol and cached a missing one as 0.0 (pipeline.md §4.2,
// DECISIONS.md #5), so e.g. a missing Sortino scores 0 instead of 0.5.
function zeroFilled(metrics: SecurityMetrics): SecurityMetrics {
  const out: Record<string, number> = { ...metrics };
  for (const key of FETCHED_METRICS) if (out[key] === undefined) out[key] = 0.0;
  return out as SecurityMetrics;
}
