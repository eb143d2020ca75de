import { defineConfig, mergeConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `source`
// export condition, so tests never run against a stale dist/.
//
// Coverage is on in every `vitest run` (hence `pnpm test`): V8 coverage costs
// little, and a threshold only protects anything if every run checks it.
// Each package passes its own thresholds (issue 15); `tooling/coverage-table.mjs`
// prints the per-package table from the json-summary files written here.
export const base = defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    coverage: {
      enabled: true,
      provider: 'v8',
      include: ['src/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
    },
  },
});

export interface CoverageThresholds {
  statements?: number;
  branches?: number;
  functions?: number;
  lines?: number;
}

/** The shared config plus this package's coverage floor; a miss fails `vitest run`. */
export function withCoverageThresholds(thresholds: CoverageThresholds) {
  return mergeConfig(base, defineConfig({ test: { coverage: { thresholds } } }));
}
