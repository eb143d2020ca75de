import { definePattern } from '@planner/contracts';
import { sortStable } from '@planner/context';
import type { ActionCandidate, PortfolioContext, Security, Sequence } from '@planner/contracts';
import { breakFill, categoryList } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';
import { splitIndustries } from './py-strip.js';

const COUNTRY_GAP_MIN = 0.02;
const INDUSTRY_GAP_MIN = 0.01;
const TOP_GAPS = 3;

/**
 * Buys aimed at the largest under-weight country and industry groups (spec
 * modules-patterns.md §4.12). Runs once on the full category lists.
 */
export const adaptive = definePattern({
  name: 'adaptive',
  description: 'Buy-only sequences for the largest under-weight country group and industry group gaps',
  params: depthParams(),
  paramDocs: depthParamDocs(5),
  order: 1200,
  enabledByDefault: true,
  stage: 'once',
  generate(opportunities, _params, call) {
    const limit = call.maxDepth;
    const portfolio = call.ctx.portfolio;
    if (portfolio.totalValue <= 0 || limit < 1) return [];
    const { countries, industries } = groupAllocations(portfolio);
    const countryGaps = topGaps(portfolio.countryWeights, countries, COUNTRY_GAP_MIN);
    const industryGaps = topGaps(portfolio.industryWeights, industries, INDUSTRY_GAP_MIN);
    const securities = call.ctx.securitiesBySymbol;
    if (securities.size === 0) return [];
    const buys = [categoryList(opportunities, 'rebalance_buys'), categoryList(opportunities, 'opportunity_buys')];
    const out: Sequence[] = [];
    // Group names are compared with the raw country/industry strings, as the reference does.
    const geo = scan(countryGaps, buys, call.availableCashEur, limit, (c, group) => securities.get(c.symbol)?.country === group);
    if (geo.length > 0) out.push(geo);
    // Each gap's walk tests the same candidates again: split each industry text once per call.
    const industriesOf = new Map<string, readonly string[]>();
    const sector = scan(industryGaps, buys, call.availableCashEur, limit, (c, group) =>
      hasIndustry(securities.get(c.symbol), group, industriesOf),
    );
    if (sector.length > 0) out.push(sector);
    return out;
  },
});

/** Current weight per country group and industry group; a multi-industry security counts once per part. */
function groupAllocations(portfolio: PortfolioContext): { countries: Map<string, number>; industries: Map<string, number> } {
  const countries = new Map<string, number>();
  const industries = new Map<string, number>();
  for (const [symbol, value] of portfolio.positions) {
    if (value <= 0) continue;
    const weight = value / portfolio.totalValue;
    const country = portfolio.securityCountries.get(symbol);
    if (country) {
      const group = portfolio.countryToGroup.get(country) ?? 'OTHER';
      countries.set(group, (countries.get(group) ?? 0) + weight);
    }
    const industryText = portfolio.securityIndustries.get(symbol);
    if (industryText) {
      for (const industry of splitIndustries(industryText)) {
        if (!industry) continue;
        const group = portfolio.industryToGroup.get(industry) ?? 'OTHER';
        industries.set(group, (industries.get(group) ?? 0) + weight);
      }
    }
  }
  return { countries, industries };
}

/** Gaps above `min` (strict), largest first; ties keep the target map's insertion order. */
function topGaps(targets: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>, min: number): string[] {
  const gaps: { group: string; gap: number }[] = [];
  for (const [group, target] of targets) {
    const gap = target - (current.get(group) ?? 0);
    if (gap > min) gaps.push({ group, gap });
  }
  sortStable(gaps, (a, b) => (a.gap < b.gap ? 1 : a.gap > b.gap ? -1 : 0));
  return gaps.slice(0, TOP_GAPS).map((g) => g.group);
}

/** One BREAK_FILL walk per gap over the same buys; the sequence and cash carry over between gaps. */
function scan(
  groups: readonly string[],
  buys: readonly (readonly ActionCandidate[])[],
  cash: number,
  limit: number,
  matches: (candidate: ActionCandidate, group: string) => boolean,
): ActionCandidate[] {
  const seq: ActionCandidate[] = [];
  for (const group of groups) {
    cash = breakFill(seq, cash, buys, limit, (c) => matches(c, group));
  }
  return seq;
}

function hasIndustry(security: Security | undefined, group: string, industriesOf: Map<string, readonly string[]>): boolean {
  if (security === undefined || !security.industry) return false;
  let industries = industriesOf.get(security.symbol);
  if (industries === undefined) industriesOf.set(security.symbol, (industries = splitIndustries(security.industry)));
  return industries.includes(group);
}
