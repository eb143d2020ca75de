import type { OwnerSize } from './bundle-owners.js';

/**
 * The bundle's figures at a point worth comparing with (bundle-baseline.json,
 * written by `pnpm bundle-report --update-baseline`): the whole and per package.
 */
export interface BundleBaseline {
  /** What the figures are of: the main commit they were measured on, and when. */
  readonly of: string;
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  readonly packages: Readonly<Record<string, { readonly minifiedBytes: number; readonly gzipBytes: number }>>;
}

export interface PackageGrowth {
  readonly owner: string;
  /** Change of minified bytes and of the package's gzip share since the baseline (new package: all of it). */
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
}

/** Each package's change against the baseline, the most grown first (a package gone counts as shrunk by all of it). */
export function growthSince(baseline: BundleBaseline, owners: readonly OwnerSize[]): PackageGrowth[] {
  const now = new Map(owners.map((o) => [o.owner, o]));
  const names = [...new Set([...owners.map((o) => o.owner), ...Object.keys(baseline.packages)])];
  return names
    .map((owner) => {
      const was = baseline.packages[owner] ?? { minifiedBytes: 0, gzipBytes: 0 };
      const is = now.get(owner) ?? { minifiedBytes: 0, gzipBytes: 0 };
      return { owner, minifiedBytes: is.minifiedBytes - was.minifiedBytes, gzipBytes: is.gzipBytes - was.gzipBytes };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes || b.minifiedBytes - a.minifiedBytes || (a.owner < b.owner ? -1 : 1));
}

/** The baseline of a bundle whose per-package sizes are `owners`. */
export function baselineOf(of: string, bundle: { readonly minifiedBytes: number; readonly gzipBytes: number }, owners: readonly OwnerSize[]): BundleBaseline {
  const packages: Record<string, { minifiedBytes: number; gzipBytes: number }> = {};
  for (const o of [...owners].sort((a, b) => (a.owner < b.owner ? -1 : 1))) packages[o.owner] = { minifiedBytes: o.minifiedBytes, gzipBytes: o.gzipBytes };
  return { of, minifiedBytes: bundle.minifiedBytes, gzipBytes: bundle.gzipBytes, packages };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** Lines saying what grew (and shrank) since the baseline, for the report and for a failing size test. */
export function describeGrowth(baseline: BundleBaseline, bundle: { readonly gzipBytes: number }, owners: readonly OwnerSize[]): string[] {
  // A package whose code did not change still moves its gzip share a little (gzip shares context): not listed.
  const rows = growthSince(baseline, owners).filter((g) => g.minifiedBytes !== 0);
  return [
    `since ${baseline.of}: gzip ${baseline.gzipBytes} -> ${bundle.gzipBytes} B (${signed(bundle.gzipBytes - baseline.gzipBytes)} B)` +
      (rows.length === 0 ? ', no package\'s code changed' : '; the packages whose code changed, gzip share and minified bytes:'),
    ...rows.map((g) => `  ${`${signed(g.gzipBytes)} B`.padStart(9)}  ${`${signed(g.minifiedBytes)} B`.padStart(9)}  ${g.owner}`),
  ];
}
