import type { PortfolioContext } from '@planner/contracts';

/**
 * Current fraction of the total per country group and industry group
 * (modules-calculators.md §1.5, reference `identify_opportunities`). A symbol
 * without a country falls in OTHER; an industry string is split on commas and
 * each part gets the full weight. Keyed through the context's maps, not
 * through Security fields, as the reference does.
 */
export function computeGroupAllocations(portfolio: PortfolioContext): {
  countries: Map<string, number>;
  industries: Map<string, number>;
} {
  const countries = new Map<string, number>();
  const industries = new Map<string, number>();
  const total = portfolio.totalValue;
  if (!(total > 0)) return { countries, industries };
  for (const [symbol, value] of portfolio.positions) {
    const weight = value / total;
    const country = portfolio.securityCountries.get(symbol) ?? 'OTHER';
    const group = portfolio.countryToGroup.get(country) ?? 'OTHER';
    countries.set(group, (countries.get(group) ?? 0) + weight);
    const industryText = portfolio.securityIndustries.get(symbol);
    if (!industryText) continue;
    // Most securities name one industry: no split (an array and a runtime call per position and plan).
    if (industryText.indexOf(',') < 0) addIndustry(industries, portfolio.industryToGroup, industryText.trim(), weight);
    else for (const raw of industryText.split(',')) addIndustry(industries, portfolio.industryToGroup, raw.trim(), weight);
  }
  return { countries, industries };
}

function addIndustry(industries: Map<string, number>, toGroup: ReadonlyMap<string, string>, industry: string, weight: number): void {
  if (!industry) return;
  const g = toGroup.get(industry) ?? 'OTHER';
  industries.set(g, (industries.get(g) ?? 0) + weight);
}
