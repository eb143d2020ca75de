import type { Options } from 'tsup';

export const base = {
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  clean: true,
  sourcemap: true,
  splitting: false,
  treeshake: true,
} satisfies Options;

/**
 * Entries and externals for a package whose Node-only fast paths sit behind
 * package.json "imports" (`#name`: `src/name.ts` for Node, `src/name-browser.ts`
 * for a browser bundle): each variant is built as its own dist file and the
 * `#name` imports stay imports, so the published dist resolves them per
 * condition as the sources do, instead of inlining Node's variant everywhere.
 * Shared code goes to chunks (`splitting`), so each module is in dist once.
 */
export function withVariants(entry: Record<string, string>, names: readonly string[]): Pick<Options, 'entry' | 'external' | 'splitting'> {
  const files = names.flatMap((name) => [name, `${name}-browser`]);
  return {
    entry: { ...entry, ...Object.fromEntries(files.map((f) => [f, `src/${f}.ts`])) },
    external: names.map((name) => `#${name}`),
    splitting: true,
  };
}
