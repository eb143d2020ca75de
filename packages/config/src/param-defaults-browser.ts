import type * as core from 'zod/v4/core';

// '#param-defaults' in a browser bundle (package.json "imports"): no shortcut,
// every params table runs its schema (the same params; src/param-defaults.ts
// spares Node's cold start that work at about 0.1 KiB gzip, which the
// bundle's budget has no room for).
export function declaredDefaults(_schema: core.$ZodType): Record<string, unknown> | undefined {
  return undefined;
}
