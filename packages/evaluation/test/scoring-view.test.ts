import type { SecurityMetrics } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoredMetrics } from '../src/metrics-cache.js';
import { scoringView as browserView } from '../src/scoring-view-browser.js';
import { scoringView as nodeView } from '../src/scoring-view.js';

const KEYS = ['cagr5y', 'cagr10y', 'dividendYield', 'consistencyScore', 'financialStrength', 'dividendConsistency', 'payoutRatio', 'sortino', 'volatilityAnnual', 'maxDrawdown', 'sharpe'] as const;

describe('scoringView, Node\'s shared view and the browser bundle\'s copy (\'#scoring-view\')', () => {
  it('property: both read as scoredMetrics does, with and without missing metrics as zero', () => {
    const metrics = fc.record(Object.fromEntries(KEYS.map((k) => [k, fc.double({ noNaN: true, min: -2, max: 2 })])), { requiredKeys: [] });
    fc.assert(
      fc.property(metrics, fc.boolean(), (m, zero) => {
        const given = m as SecurityMetrics;
        const compat = { missingMetricsAreZero: zero };
        const expected = scoredMetrics(given, compat);
        for (const view of [nodeView(given, compat), browserView(given, compat)]) {
          for (const k of KEYS) expect(view[k]).toBe(expected[k]);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
