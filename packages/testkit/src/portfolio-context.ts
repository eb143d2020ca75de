import type { PortfolioContext } from '@planner/contracts';

/** A scored portfolio state with empty maps and a total value of 1; `over` sets what a test needs. */
export function portfolioContext(over: Partial<PortfolioContext> = {}): PortfolioContext {
  return {
    countryWeights: new Map(),
    industryWeights: new Map(),
    positions: new Map(),
    totalValue: 1,
    securityCountries: new Map(),
    securityIndustries: new Map(),
    securityScores: new Map(),
    securityDividends: new Map(),
    countryToGroup: new Map(),
    industryToGroup: new Map(),
    positionAvgPrices: new Map(),
    currentPrices: new Map(),
    ...over,
  };
}
