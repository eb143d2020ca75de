import { config } from 'zod/mini';

/**
 * zod compiles a fast parser for each object schema (`new Function`) on its
 * first parse; that pays off over thousands of parses, and a command parses
 * each schema once or twice: it made the setup before the first plan about a
 * third slower (packages/cli/README.md, "Cold start"). Process-wide, as zod's
 * configuration is.
 */
export function parseSchemasJitless(): void {
  config({ jitless: true });
}
