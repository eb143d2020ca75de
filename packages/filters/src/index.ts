// The four filters and their params schemas; the algorithms behind them stay internal.
export { correlationAware, correlationAwareParams } from './correlation-aware.js';
export { diversity, diversityParams } from './diversity.js';
export { eligibility, eligibilityParams } from './eligibility.js';
export type { EligibilityData, EligibilityRules } from './eligibility.js';
export { recentlyTraded, recentlyTradedParams } from './recently-traded.js';
export type { CooldownRules } from './recently-traded.js';

import { correlationAware } from './correlation-aware.js';
import { diversity } from './diversity.js';
import { eligibility } from './eligibility.js';
import { recentlyTraded } from './recently-traded.js';

/** The four standard sequence filters, in canonical order. */
export const filters = [correlationAware, diversity, eligibility, recentlyTraded] as const;
