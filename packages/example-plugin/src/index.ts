import { momentum } from './momentum.js';
import { momentumFirst } from './momentum-first.js';

export { momentum, momentumStrength, MomentumParamsSchema, MOMENTUM_TAG, type MomentumParams } from './momentum.js';
export { momentumFirst, MomentumFirstParamsSchema } from './momentum-first.js';
export { sizeBuy, type LotSizedBuy } from './lot-size.js';

/** Every module of the plugin, to spread into `modules` next to the standard ones. */
export const examplePlugin = [momentum, momentumFirst] as const;

/** The same list under the name `planner --plugin` and a config's `plugins = [...]` look for. */
export const modules = examplePlugin;
