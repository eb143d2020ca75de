import { definePattern } from '@planner/contracts';
import { sortStable } from '@planner/context';
import type { ActionCandidate, PortfolioContext, Security, Sequence } from '@planner/contracts';
import { breakFill, categoryList } from './fill.js';
import { depthParamDocs, depthParams } from './params.js';
import { pyStrip, splitIndustries } from './py-strip.js';

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
  // Its walks take only rebalance and opportunity buys.
  emptyWithout: ['rebalance_buys', 'opportunity_buys'],
  // breakFill stops at the first buy the cash does not cover.
  emptyWhenNothingFits: true,
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
    // Each gap's walk tests the same candidates again: a multi-industry text is split once per call.
    const industriesOf = new Map<string, readonly string[]>();
    const sector = scan(industryGaps, buys, call.availableCashEur, limit, (c, group) =>
      hasIndustry(securities.get(c.symbol), group, industriesOf),
    );
    if (sector.length > 0) out.push(sector);
    return out;
  },
});

/**
 * Weights per group name, in first-seen order: a handful of groups, so two
 * parallel lists searched in place (group names are the snapshot's own
 * strings) instead of a Map built per plan.
 */
interface GroupWeights {
  readonly names: string[];
  readonly weights: number[];
}

function addWeight(to: GroupWeights, group: string, weight: number): void {
  const i = to.names.indexOf(group);
  if (i < 0) {
    to.names.push(group);
    to.weights.push(0 + weight);
  } else {
    to.weights[i] = to.weights[i]! + weight;
  }
}

function weightOf(from: GroupWeights, group: string): number {
  const i = from.names.indexOf(group);
  return i < 0 ? 0 : from.weights[i]!;
}

/** Current weight per country group and industry group; a multi-industry security counts once per part. */
function groupAllocations(portfolio: PortfolioContext): { countries: GroupWeights; industries: GroupWeights } {
  const countries: GroupWeights = { names: [], weights: [] };
  const industries: GroupWeights = { names: [], weights: [] };
  for (const [symbol, value] of portfolio.positions) {
    if (value <= 0) continue;
    const weight = value / portfolio.totalValue;
    const country = portfolio.securityCountries.get(symbol);
    if (country) addWeight(countries, portfolio.countryToGroup.get(country) ?? 'OTHER', weight);
    const industryText = portfolio.securityIndustries.get(symbol);
    if (industryText) {
      for (const industry of splitIndustries(industryText)) {
        if (!industry) continue;
        addWeight(industries, portfolio.industryToGroup.get(industry) ?? 'OTHER', weight);
      }
    }
  }
  return { countries, industries };
}

/** Gaps above `min` (strict), largest first; ties keep the target map's insertion order. */
function topGaps(targets: ReadonlyMap<string, number>, current: GroupWeights, min: number): string[] {
  const gaps: { group: string; gap: number }[] = [];
  for (const [group, target] of targets) {
    const gap = target - weightOf(current, group);
    if (gap > min) gaps.push({ group, gap });
  }
  if (gaps.length === 0) return [];
  sortStable(gaps, (a, b) => (a.gap < b.gap ? 1 : a.gap > b.gap ? -1 : 0));
  const top: string[] = [];
  for (let i = 0; i < gaps.length && i < TOP_GAPS; i++) top.push(gaps[i]!.group);
  return top;
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
  const text = security.industry;
  // One industry (the usual case): its stripped text is the list's only entry.
  if (text.indexOf(',') < 0) return pyStrip(text) === group;
  let industries = industriesOf.get(security.symbol);
  if (industries === undefined) industriesOf.set(security.symbol, (industries = splitIndustries(text)));
  return industries.includes(group);
}
