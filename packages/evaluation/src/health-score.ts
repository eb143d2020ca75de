import { pyRound } from '@planner/context';
import type { HealthScore, PortfolioContext } from '@planner/contracts';

/**
 * Portfolio health score on 0..100 (pipeline.md §4.1, reference
 * `calculate_portfolio_score`), written as the reference does it. The fast
 * scorer reproduces these operations on typed arrays; the tests compare both.
 */
export function healthScore(portfolio: PortfolioContext): HealthScore {
  const total = portfolio.totalValue;
  if (total <= 0) return { diversification: 50.0, dividend: 50.0, quality: 50.0, total: 50.0 };

  const diversification = diversificationComponent(portfolio, total);
  const dividend = dividendComponent(portfolio, total);
  const quality = qualityComponent(portfolio, total);
  const raw = diversification * 0.4 + dividend * 0.3 + quality * 0.3;
  return {
    diversification: pyRound(diversification, 1),
    dividend: pyRound(dividend, 1),
    quality: pyRound(quality, 1),
    total: pyRound(raw, 1),
  };
}

function diversificationComponent(portfolio: PortfolioContext, total: number): number {
  const deviations: number[] = [];
  if (portfolio.securityCountries.size > 0) {
    const groupValues = new Map<string, number>();
    for (const [symbol, value] of portfolio.positions) {
      const country = portfolio.securityCountries.has(symbol) ? portfolio.securityCountries.get(symbol) : 'OTHER';
      const group = portfolio.countryToGroup.get(country as string) ?? 'OTHER';
      groupValues.set(group, (groupValues.get(group) ?? 0) + value);
    }
    for (const [group, target] of portfolio.countryWeights) {
      deviations.push(Math.abs((groupValues.get(group) ?? 0) / total - target));
    }
  }
  let avg = 0.2; // no countries or no targets: a neutral 20% deviation
  if (deviations.length > 0) {
    let sum = 0;
    for (const d of deviations) sum += d;
    avg = sum / deviations.length;
  }
  return Math.max(0, 100 * (1 - avg / 0.3));
}

function dividendComponent(portfolio: PortfolioContext, total: number): number {
  if (portfolio.securityDividends.size === 0) return 50.0;
  let weighted = 0.0;
  for (const [symbol, value] of portfolio.positions) {
    weighted += dividendYieldOf(portfolio, symbol) * (value / total);
  }
  return Math.min(100, 30 + weighted * 1000);
}

function qualityComponent(portfolio: PortfolioContext, total: number): number {
  if (portfolio.securityScores.size === 0) return 50.0;
  let weighted = 0.0;
  for (const [symbol, value] of portfolio.positions) {
    weighted += qualityOf(portfolio, symbol) * (value / total);
  }
  return weighted * 100;
}

/** `security_dividends.get(s, 0) or 0`. */
export function dividendYieldOf(portfolio: Pick<PortfolioContext, 'securityDividends'>, symbol: string): number {
  const y = portfolio.securityDividends.get(symbol);
  return y === undefined || y === 0 ? 0 : y;
}

/** `security_scores.get(s, 0.5) or 0.5`: a stored 0 also reads as 0.5. */
export function qualityOf(portfolio: Pick<PortfolioContext, 'securityScores'>, symbol: string): number {
  const q = portfolio.securityScores.get(symbol);
  return q === undefined || q === 0 ? 0.5 : q;
}
