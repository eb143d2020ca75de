// Test fixture builders shared by the planner's packages. Test code only:
// tooling/check-boundaries.mjs keeps it out of src/ and out of dependencies.
export { buy, candidate, sell } from './candidate.js';
export { evaluationContext, type EvaluationContextSpec } from './evaluation-context.js';
export { opportunityContext, type OpportunityContextInput } from './opportunity-context.js';
export { portfolioContext } from './portfolio-context.js';
export { position, positionView } from './position.js';
export { countingRng, noRandom } from './random.js';
export { security } from './security.js';
export { momentumStandIn, standardModuleStandIns } from './standard-modules.js';
export { compat, plannerSettings } from './settings.js';
