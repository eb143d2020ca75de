import type { InputIssue, PlannerConfig } from '@planner/contracts';
import { enabledNames } from './modules.js';

/**
 * Calculators a pattern needs, by name (§2.8 warnings 6-8, made errors as
 * DESIGN.md §4 asks). A pattern is satisfied when one of its calculators is
 * enabled. The rebalance patterns read the rebalance categories, which
 * weight_based also fills (modules-calculators.md §9 routing), so it counts.
 */
export const PATTERN_NEEDS: Readonly<Record<string, readonly string[]>> = {
  profit_taking: ['profit_taking'],
  averaging_down: ['averaging_down'],
  rebalance: ['rebalance_sells', 'rebalance_buys', 'weight_based'],
  deep_rebalance: ['rebalance_sells', 'rebalance_buys', 'weight_based'],
};

/** Rules across keys and tables (§2.8 errors 11-13 and the pattern dependencies). */
export function crossIssues(config: PlannerConfig): InputIssue[] {
  const issues: InputIssue[] = [];
  const p = config.planner;
  if (!p.allowSell && !p.allowBuy) {
    issues.push({ path: 'planner.allow_buy', message: 'allow_sell and allow_buy cannot both be false' });
  }
  if (p.enableDiverseSelection && !(p.diversityWeight >= 0 && p.diversityWeight <= 1)) {
    issues.push({
      path: 'planner.diversity_weight',
      message: `expected a value from 0 to 1 when enable_diverse_selection is true, found ${p.diversityWeight}`,
    });
  }
  const calculators = new Set(enabledNames(config, 'calculators'));
  for (const pattern of enabledNames(config, 'patterns')) {
    const needs = PATTERN_NEEDS[pattern];
    if (!needs || needs.some((c) => calculators.has(c))) continue;
    const which = needs.length === 1 ? `the ${needs[0]} calculator` : `one of the calculators ${needs.join(', ')}`;
    issues.push({
      path: `pattern_generators.${pattern}.enabled`,
      message: `pattern ${pattern} is enabled but needs ${which}, which is disabled: enable it or disable the pattern`,
    });
  }
  return issues;
}

/** §2.8 warnings (those that are not errors here), reference wording. */
export function dependencyWarnings(config: PlannerConfig): string[] {
  const warnings: string[] = [];
  const calculators = enabledNames(config, 'calculators');
  const patterns = enabledNames(config, 'patterns');
  const generators = enabledNames(config, 'sequenceGenerators');
  const filters = enabledNames(config, 'filters');
  const p = config.planner;
  if (calculators.length === 0) warnings.push('no opportunity calculators enabled: the planner will have no opportunities to work with');
  if (patterns.length === 0) warnings.push('no pattern generators enabled: the planner will have no sequences to evaluate');
  if ((generators.includes('combinatorial') || generators.includes('enhanced_combinatorial')) && patterns.length < 2) {
    warnings.push(`combinatorial generators work best with several patterns enabled (currently: ${patterns.length})`);
  }
  if (filters.includes('correlation_aware')) {
    warnings.push('correlation_aware filter needs correlation data (priceHistory in the snapshot); without it it removes nothing');
  }
  if (filters.includes('diversity') && !p.enableDiverseSelection) {
    warnings.push('diversity filter is enabled but enable_diverse_selection is false: the filter may have no effect');
  }
  if (p.maxDepth >= 7 && patterns.length >= 10) {
    warnings.push(`high computational load: max_depth=${p.maxDepth} with ${patterns.length} patterns may take more than 60 s on a small device`);
  }
  if (generators.includes('combinatorial')) {
    const max = config.sequenceGenerators.get('combinatorial')?.params.maxCombinations;
    if (typeof max === 'number' && max > 100) {
      warnings.push(`combinatorial generator max_combinations=${max} may cause very long planning times`);
    }
  }
  if (!p.allowSell) {
    const sells = calculators.filter((c) => ['profit_taking', 'rebalance_sells', 'weight_based'].includes(c));
    if (sells.length > 0) warnings.push(`allow_sell is false but sell calculators are enabled: ${sells.join(', ')}; they will have no effect`);
  }
  if (!p.allowBuy) {
    const buys = calculators.filter((c) => ['averaging_down', 'opportunity_buys', 'rebalance_buys'].includes(c));
    if (buys.length > 0) warnings.push(`allow_buy is false but buy calculators are enabled: ${buys.join(', ')}; they will have no effect`);
  }
  return warnings;
}
