// The evaluators for apps and plugin authors. The scoring helpers they are
// built from stay internal; the straightforward oracle the tests hold them to
// lives in test/.
export { singleObjective, SingleObjectiveParamsSchema } from './single-objective.js';
export { stochastic, StochasticParamsSchema, DEFAULT_SHIFTS } from './stochastic.js';
export { monteCarlo, MonteCarloParamsSchema } from './monte-carlo.js';

import { monteCarlo } from './monte-carlo.js';
import { singleObjective } from './single-objective.js';
import { stochastic } from './stochastic.js';

/** Every evaluator of this package, for `createPlanner({ modules })`. */
export const evaluators = [singleObjective, stochastic, monteCarlo] as const;
