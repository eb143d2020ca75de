// '#sample-fast' in a browser bundle (package.json "imports"): no fast loop, the
// generic one of enhanced-combinatorial.ts samples (the same draws and
// sequences; Node's variant, src/sample-fast.ts, is about 1 KiB of code the
// bundle's budget is better without).
import type { Security } from '@planner/contracts';

/** The sampler setup's fast tables: none in a browser bundle. */
export function prepareFastSampler(_setup: unknown, _securitiesBySymbol: ReadonlyMap<string, Security> | null): null {
  return null;
}
