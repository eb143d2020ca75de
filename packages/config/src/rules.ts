import type { AdviceCall, InputIssue, PlannerConfig, PlannerModule, PortfolioSnapshot, Side } from '@planner/contracts';
import { enabledNames, findModule, SECTIONS } from './modules.js';

/**
 * Rules across keys and tables (§2.8 errors 11-13 and the patterns' declared `needs`).
 * `unsure`: calculators whose own table has an issue (reported there), so a pattern needing one is not reported too.
 */
export function crossIssues(config: PlannerConfig, modules: readonly PlannerModule[], unsure: ReadonlySet<string> = new Set()): InputIssue[] {
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
  // §2.8 warnings 6-8, made errors as DESIGN.md §4 asks: a pattern is satisfied when one of its calculators is enabled.
  const calculators = new Set(enabledNames(config, 'calculators'));
  for (const pattern of enabledNames(config, 'patterns')) {
    const module = findModule(modules, 'pattern', pattern);
    const needs = module?.kind === 'pattern' ? module.needs : undefined;
    if (!needs || needs.length === 0 || needs.some((c) => calculators.has(c) || unsure.has(c))) continue;
    const which = needs.length === 1 ? `the ${needs[0]} calculator` : `one of the calculators ${needs.join(', ')}`;
    issues.push({
      path: `pattern_generators.${pattern}.enabled`,
      message: `pattern ${pattern} is enabled but needs ${which}, which is disabled: enable it or disable the pattern`,
    });
  }
  return issues;
}

function adviceCall(config: PlannerConfig, snapshot: PortfolioSnapshot | undefined): AdviceCall {
  const enabled = {
    calculators: enabledNames(config, 'calculators'),
    patterns: enabledNames(config, 'patterns'),
    sequenceGenerators: enabledNames(config, 'sequenceGenerators'),
    filters: enabledNames(config, 'filters'),
  };
  return snapshot === undefined ? { settings: config.planner, enabled } : { settings: config.planner, enabled, snapshot };
}

/** What the enabled modules say about their own configuration, in run order, each text once. */
function moduleAdvice(config: PlannerConfig, modules: readonly PlannerModule[], call: AdviceCall): string[] {
  const out: string[] = [];
  for (const info of SECTIONS) {
    for (const [name, settings] of config[info.field]) {
      if (!settings.enabled) continue;
      const module = findModule(modules, info.kind, name);
      if (!module?.advise) continue;
      for (const text of module.advise(settings.params as never, call)) if (!out.includes(text)) out.push(text);
    }
  }
  return out;
}

function calculatorsProposing(config: PlannerConfig, modules: readonly PlannerModule[], side: Side): string[] {
  return enabledNames(config, 'calculators').filter((name) => {
    const m = findModule(modules, 'calculator', name);
    return m?.kind === 'calculator' && m.sides !== undefined && m.sides.includes(side);
  });
}

/** §2.8 warnings (those that are not errors here): the planner's own, then each enabled module's `advise`. */
export function dependencyWarnings(config: PlannerConfig, modules: readonly PlannerModule[], snapshot?: PortfolioSnapshot): string[] {
  const call = adviceCall(config, snapshot);
  const { calculators, patterns } = call.enabled;
  const p = config.planner;
  const warnings: string[] = [];
  if (calculators.length === 0) warnings.push('no opportunity calculators enabled: the planner will have no opportunities to work with');
  if (patterns.length === 0) warnings.push('no pattern generators enabled: the planner will have no sequences to evaluate');
  warnings.push(...moduleAdvice(config, modules, call));
  if (p.maxDepth >= 7 && patterns.length >= 10) {
    warnings.push(`high computational load: max_depth=${p.maxDepth} with ${patterns.length} patterns may take more than 60 s on a small device`);
  }
  if (!p.allowSell) {
    const sells = calculatorsProposing(config, modules, 'SELL');
    if (sells.length > 0) warnings.push(`allow_sell is false but sell calculators are enabled: ${sells.join(', ')}; they will have no effect`);
  }
  if (!p.allowBuy) {
    const buys = calculatorsProposing(config, modules, 'BUY');
    if (buys.length > 0) warnings.push(`allow_buy is false but buy calculators are enabled: ${buys.join(', ')}; they will have no effect`);
  }
  return warnings;
}

/**
 * The configuration's warnings for one snapshot: module advice that the
 * snapshot makes moot is dropped (e.g. "needs priceHistory" when the snapshot
 * has it) and advice that only the snapshot raises is added; every other
 * warning of `config.warnings` is kept as it is.
 */
export function warningsForSnapshot(config: PlannerConfig, modules: readonly PlannerModule[], snapshot: PortfolioSnapshot): string[] {
  const without = new Set(dependencyWarnings(config, modules));
  const withSnapshot = dependencyWarnings(config, modules, snapshot);
  const kept = config.warnings.filter((w) => !without.has(w) || withSnapshot.includes(w));
  for (const w of withSnapshot) if (!without.has(w) && !kept.includes(w)) kept.push(w);
  return kept;
}
