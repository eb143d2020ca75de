import { portfolioContext } from '@planner/testkit';
import { describe, expect, it } from 'vitest';
import { healthScore } from '../src/health-score.js';

describe('healthScore (§4.1)', () => {
  it('is 50 everywhere when T <= 0', () => {
    const h = healthScore(portfolioContext({ positions: new Map([['A', 100]]), totalValue: 0 }));
    expect(h).toEqual({ diversification: 50, dividend: 50, quality: 50, total: 50 });
  });

  it('uses the neutral 20% deviation without countries, 50 without dividends or scores', () => {
    const h = healthScore(portfolioContext({ positions: new Map([['A', 100]]), totalValue: 100 }));
    expect(h.diversification).toBe(33.3); // 100 × (1 − 0.2/0.3)
    expect(h.dividend).toBe(50);
    expect(h.quality).toBe(50);
    expect(h.total).toBe(pyTotal(100 * (1 - 0.2 / 0.3), 50, 50));
  });

  it('aggregates position values by country group against the targets', () => {
    const h = healthScore(
      portfolioContext({
        positions: new Map([
          ['A', 600],
          ['B', 300],
          ['C', 100],
        ]),
        totalValue: 1000,
        countryWeights: new Map([
          ['US', 0.5],
          ['EU', 0.5],
        ]),
        securityCountries: new Map([
          ['A', 'United States'],
          ['B', 'Germany'],
          ['C', 'Peru'],
        ]),
        countryToGroup: new Map([
          ['United States', 'US'],
          ['Germany', 'EU'],
        ]),
      }),
    );
    // devs |0.6 − 0.5| and |0.3 − 0.5|: avg 0.15 -> 50
    expect(h.diversification).toBe(50);
  });

  it('maps a country without group (and a symbol without country) to OTHER', () => {
    const h = healthScore(
      portfolioContext({
        positions: new Map([
          ['A', 700],
          ['B', 300],
        ]),
        totalValue: 1000,
        countryWeights: new Map([['OTHER', 1.0]]),
        securityCountries: new Map([['A', 'Peru']]),
      }),
    );
    expect(h.diversification).toBe(100);
  });

  it('dividend = min(100, 30 + 1000 × Σ yield·w); a 0 or missing yield counts 0', () => {
    const h = healthScore(
      portfolioContext({
        positions: new Map([
          ['A', 500],
          ['B', 500],
        ]),
        totalValue: 1000,
        securityDividends: new Map([['A', 0.04]]),
      }),
    );
    expect(h.dividend).toBe(50); // 30 + 1000 × 0.02
    const capped = healthScore(
      portfolioContext({ positions: new Map([['A', 1000]]), totalValue: 1000, securityDividends: new Map([['A', 0.09]]) }),
    );
    expect(capped.dividend).toBe(100);
  });

  it('quality = 100 × Σ q·w with a missing or 0 score read as 0.5', () => {
    const h = healthScore(
      portfolioContext({
        positions: new Map([
          ['A', 500],
          ['B', 250],
          ['C', 250],
        ]),
        totalValue: 1000,
        securityScores: new Map([
          ['A', 0.9],
          ['B', 0],
        ]),
      }),
    );
    expect(h.quality).toBe(70); // 0.45 + 0.125 + 0.125
  });

  it('weights sum past 1 when T excludes cash and buys were simulated', () => {
    const h = healthScore(
      portfolioContext({ positions: new Map([['A', 2000]]), totalValue: 1000, securityScores: new Map([['A', 0.8]]) }),
    );
    expect(h.quality).toBe(160);
  });
});

function pyTotal(d: number, dv: number, q: number): number {
  return Math.round((d * 0.4 + dv * 0.3 + q * 0.3) * 10) / 10;
}
