import type { CompatSwitches, PlannerSettings, Security } from '@planner/contracts';
import { OPPORTUNITY_CATEGORIES } from '@planner/contracts';
import type { CategoryLists } from './categories.js';
import { emptyCategoryLists } from './categories.js';
import { selectDiverse } from './diverse-selection.js';

/**
 * Per-category selection of pipeline.md §5.3 step 1: diverse selection or the
 * first `cap` items. It does not depend on the depth, so it is computed once.
 */
export function selectPerCategory(
  full: CategoryLists,
  settings: PlannerSettings,
  compat: CompatSwitches,
  securitiesBySymbol: ReadonlyMap<string, Security> | null,
): CategoryLists {
  const cap = settings.maxOpportunitiesPerCategory;
  const out = emptyCategoryLists();
  for (const category of OPPORTUNITY_CATEGORIES) {
    const list = full[category];
    out[category] = settings.enableDiverseSelection
      ? selectDiverse(list, {
          maxCount: cap,
          securitiesBySymbol,
          diversityWeight: settings.diversityWeight,
          rerankIgnoresClusters: compat.diverseRerankIgnoresClusters,
        })
      : list.slice(0, Math.max(0, cap));
  }
  return out;
}
