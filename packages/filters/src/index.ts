export { correlationAware, correlationAwareParams, filterCorrelated } from './correlation-aware.js';
export { diversity, diversityParams, diversityScore, rankByDiversity } from './diversity.js';
export { eligibility, eligibilityDataFrom, eligibilityParams, filterIneligibleSells } from './eligibility.js';
export type { EligibilityData, EligibilityRules } from './eligibility.js';
export { filterRecentlyTraded, recentlyTraded, recentlyTradedParams } from './recently-traded.js';
export type { CooldownRules } from './recently-traded.js';

import { correlationAware } from './correlation-aware.js';
import { diversity } from './diversity.js';
import { eligibility } from './eligibility.js';
import { recentlyTraded } from './recently-traded.js';

/** The four standard sequence filters, in canonical order. */
export const filters = [correlationAware, diversity, eligibility, recentlyTraded] as const;
