export { createProgram, run } from './program.js';
export { standardModules } from './modules.js';
export { formatPlan } from './format.js';
export type { Context } from './context.js';
export type { Io } from './io.js';
