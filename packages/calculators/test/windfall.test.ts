import { pyRound } from '@planner/context';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windfallRecommendation } from '../src/windfall.js';
import type { WindfallInput } from '../src/windfall.js';

/** The straightforward order of the reference: both excesses, the score, then the decision. */
function straightforward(input: WindfallInput): ReturnType<typeof windfallRecommendation> {
  const excess = (gain: number, years: number, cagr: number) => (years <= 0 || cagr <= -1 ? gain : gain - ((1 + cagr) ** years - 1));
  if (input.avgPrice <= 0) return null;
  const gain = (input.currentPrice - input.avgPrice) / input.avgPrice;
  // every generated date parses; a missing one is one year
  const years = input.firstBoughtAt === undefined ? 1.0 : Math.max(0.1, Math.floor((input.asOfMs - Date.parse(`${input.firstBoughtAt}Z`)) / 86_400_000) / 365.0);
  const e = excess(gain, years, input.historicalCagr);
  const rawScore = e >= 0.5 ? 1.0 : e >= 0.25 ? 0.5 + ((e - 0.25) / 0.25) * 0.5 : e > 0 ? (e / 0.25) * 0.5 : 0.0;
  const d = excess(gain, years, pyRound(input.historicalCagr, 4));
  const medium = input.mediumExcess ?? 0.25;
  const pct = gain >= 1.0 ? (d > 0.3 ? 0.5 : 0.3) : d >= 0.5 ? 0.4 : d >= medium ? 0.2 : null;
  if (pct === null) return null;
  return { windfallScore: pyRound(rawScore, 3), suggestedSellPct: pyRound(pct * 100, 0), reason: '' };
}

describe('windfallRecommendation', () => {
  it('property: one Math.pow when the CAGR has at most 4 decimals gives the same sale as computing both excesses', () => {
    const cagr = fc.oneof(fc.integer({ min: -9999, max: 9999 }).map((k) => k / 10_000), fc.double({ min: -1.5, max: 1, noNaN: true }));
    const input = fc.record({
      currentPrice: fc.double({ min: 1, max: 500, noNaN: true }),
      avgPrice: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 300, noNaN: true })),
      firstBoughtAt: fc.option(fc.integer({ min: 0, max: 4000 }).map((d) => new Date(Date.UTC(2015, 0, 1) + d * 86_400_000).toISOString().slice(0, 19)), { nil: undefined }),
      historicalCagr: cagr,
      asOfMs: fc.constant(Date.UTC(2026, 0, 2, 12)),
      mediumExcess: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(input, (i) => {
        const got = windfallRecommendation(i);
        const want = straightforward(i);
        expect(got === null ? null : { ...got, reason: '' }).toEqual(want);
      }),
      { seed: 42, numRuns: 20000 },
    );
  });
});
