// The four generators and their params schemas; the algorithms behind them stay internal.
export { combinatorial } from './combinatorial.js';
export { enhancedCombinatorial } from './enhanced-combinatorial.js';
export { partialExecution, partialExecutionParams } from './partial-execution.js';
export { constraintRelaxation, constraintRelaxationParams } from './constraint-relaxation.js';
export { combinatorialParams } from './depth-limits.js';
export type { CombinatorialParams } from './depth-limits.js';

import { combinatorial } from './combinatorial.js';
import { constraintRelaxation } from './constraint-relaxation.js';
import { enhancedCombinatorial } from './enhanced-combinatorial.js';
import { partialExecution } from './partial-execution.js';

/** The four standard sequence generators, in canonical order. */
export const sequenceGenerators = [combinatorial, enhancedCombinatorial, partialExecution, constraintRelaxation] as const;
