export { combinatorial, enumerateCombinations } from './combinatorial.js';
export { enhancedCombinatorial, priorityWeights, sampleEnhancedCombinations } from './enhanced-combinatorial.js';
export { partialExecution, partialExecutionParams, partialFills, prefixes } from './partial-execution.js';
export { budgetRelaxations, constraintRelaxation, constraintRelaxationParams, lotRelaxations } from './constraint-relaxation.js';
export { combinatorialParams, depthLimits } from './depth-limits.js';
export type { CombinatorialParams, DepthLimits } from './depth-limits.js';
export { similarityChecker } from './similarity.js';

import { combinatorial } from './combinatorial.js';
import { constraintRelaxation } from './constraint-relaxation.js';
import { enhancedCombinatorial } from './enhanced-combinatorial.js';
import { partialExecution } from './partial-execution.js';

/** The four standard sequence generators, in canonical order. */
export const sequenceGenerators = [combinatorial, enhancedCombinatorial, partialExecution, constraintRelaxation] as const;
