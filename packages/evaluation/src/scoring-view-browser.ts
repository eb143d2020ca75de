import type { CompatSwitches, SecurityMetrics } from '@planner/contracts';
import { scoredMetrics } from './metrics-cache.js';

// '#scoring-view' in a browser bundle (package.json "imports"): a zero-filled
// copy per call (scoredMetrics), the same values as Node's shared view
// (src/scoring-view.ts), from about 0.17 KiB gzip less code.

/** `scoredMetrics(given, compat)` for a caller that reads the result before its next call. */
export function scoringView(given: SecurityMetrics, compat: Pick<CompatSwitches, 'missingMetricsAreZero'>): SecurityMetrics {
  return scoredMetrics(given, compat);
}
